import t from 'tap';
import { createApplication, createEdition, createMission, createOperator, createProfile, createStructure, createUser, signIn, signedIn } from '../helpers/factories.js';
import { expectAccessible } from './axe.js';
import { browserSuite, screenshot } from './harness.js';

// Journey step 5, the end of it: a candidate with an offer (their partner of the binôme has
// already accepted) reads it on « Mes candidatures », confirms, and sees the binôme and the
// placement sheet, at 1280 px and at 360 px.

const suite = await browserSuite(t);
const ligue = await createOperator(suite.db, { name: 'Ligue de l’Enseignement du Pas-de-Calais' });
const coordinator = await signedIn(suite, 'coordinator', { operatorId: ligue.id, fullName: 'Claire Coordinatrice' });
const edition = await createEdition(suite.db, { operatorId: ligue.id });
const carvin = await createStructure(suite.db, { operatorId: ligue.id, name: 'Service Culturel de Carvin', kind: 'proximity' });
await createUser(suite.db, 'structure_member', { structureId: carvin.id, fullName: 'Paul Tuteur' });

suite.atViewports(t, 'applications', async (t, page, viewport) => {
  const title = `Ambassadeurs de Culture Commune (${viewport.name})`;
  const mission = await createMission(suite.db, { operatorId: ligue.id, editionId: edition.id, hostId: carvin.id, title, startsOn: '2027-02-01' });
  const me = await createUser(suite.db, 'candidate');
  await createProfile(suite.db, me.id, { firstName: 'Inès' });
  const partner = await createUser(suite.db, 'candidate');
  await createProfile(suite.db, partner.id, { firstName: 'Hugo', lastName: 'Dubois' });
  await createApplication(suite.db, { missionId: mission.id, candidateId: me.id, status: 'shortlisted' });
  const partnerApplication = await createApplication(suite.db, { missionId: mission.id, candidateId: partner.id, status: 'shortlisted' });
  await createApplication(suite.db, { missionId: (await createMission(suite.db, { operatorId: ligue.id, title: `Autre mission (${viewport.name})` })).id, candidateId: me.id });
  const formed = await suite.call('POST', `/editions/${edition.id}/binomes`, { token: coordinator.accessToken, body: { missionId: mission.id, candidateIds: [me.id, partner.id] } });
  t.equal(formed.statusCode, 201, 'the coordinator formed the binôme');
  const accepted = await suite.call('POST', `/applications/${partnerApplication.id}/accept`, { token: (await signIn(suite, partner)).accessToken });
  t.equal(accepted.statusCode, 200, 'the partner accepted first');

  await page.goto('/connexion?next=/mes-candidatures');
  await page.getByLabel('Adresse e-mail').fill(me.email);
  await page.getByLabel('Mot de passe').fill(me.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Une place vous est proposée' }).waitFor();
  t.equal(new URL(page.url()).pathname, '/mes-candidatures');
  await page.getByText('Cette place vous est proposée en binôme avec Hugo.').waitFor();
  const accept = page.getByRole('link', { name: `Accepter l’offre pour « ${title} »` });
  const box = await accept.boundingBox();
  t.ok(box && box.height >= 44, `the answer is a big touch target (${box?.height} px high)`);
  if (viewport.name === 'mobile') t.ok(box && box.width <= viewport.width, 'and fits the screen');
  await screenshot(t, page, 'applications-offer');
  await expectAccessible(t, page);

  await accept.click();
  await page.getByRole('heading', { name: `Accepter l’offre pour « ${title} » ?` }).waitFor();
  await page.getByText(`Autre mission (${viewport.name})`).waitFor(); // the pending application it closes
  await page.getByText('Hugo a déjà accepté : le binôme sera confirmé dès votre réponse.').waitFor();
  await screenshot(t, page, 'applications-accept');
  await expectAccessible(t, page);
  await page.getByRole('button', { name: `Oui, j’accepte l’offre pour « ${title} »` }).click();

  await page.getByRole('status').filter({ hasText: 'Vous avez accepté l’offre.' }).waitFor();
  await page.getByRole('heading', { name: 'Mon binôme' }).waitFor();
  await page.getByText('Votre binôme est confirmé').waitFor();
  await expectAccessible(t, page);
  await page.getByRole('link', { name: 'Voir mon binôme et ma mission' }).click();

  await page.getByRole('heading', { name: 'Mon binôme et ma mission', level: 1 }).waitFor();
  const sheet = await page.locator('main').innerText();
  t.match(sheet, 'Hugo');
  t.notMatch(sheet, 'Dubois', 'the partner’s first name only');
  t.match(sheet, 'Service Culturel de Carvin');
  t.match(sheet, 'Paul Tuteur');
  t.match(sheet, 'lundi 1er février 2027');
  t.match(sheet, /619,83\s€/);
  await screenshot(t, page, 'applications-placement');
  await expectAccessible(t, page);

  // The sheet prints without the menu and the buttons.
  await page.emulateMedia({ media: 'print' });
  t.notOk(await page.getByRole('navigation', { name: 'Menu principal' }).isVisible(), 'printed without the menu');
  t.ok(await page.getByText('Paul Tuteur').isVisible(), 'printed with the sheet');
  await screenshot(t, page, 'applications-placement-print');
});
