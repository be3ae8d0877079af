import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import t, { type Test } from 'tap';
import { searchKey } from '../../src/lib/search-key.js';
import { createApplication, createEdition, createMission, createOperator, createProfile, createStructure, createUser, signIn, uniqueName } from '../helpers/factories.js';
import { expectAccessible } from './axe.js';
import { browserSuite, docsPicture, screenshot, type Viewport } from './harness.js';

// The candidate's whole journey, in one go, as a new person lives it: the home page, signing up,
// the eight steps of the profile, a search around Liévin, the mission's page and its eligibility
// lines, applying; then — once the structure has shortlisted her and the coordinator has set up
// the forum — « Mon planning » and its iCalendar file; after the forum (the clock moves, so she
// signs in again) « Mon avis »; then the offer in a binôme with Hugo, accepting it, « Mon binôme »,
// and signing out. At 1280 px and at 360 px, with axe on every page.
//
// What other people do meanwhile (the structure, the coordinator, Hugo) goes through the API,
// as their own pages are part 2 of the console (issue 14).
//
// `BINOME_DOCS_SCREENSHOTS=1 npm run test:browser -- test/browser/journey.test.ts` also writes the
// README's two pictures, docs/screenshots/mission-mobile.png and candidatures-desktop.png.

const suite = await browserSuite(t);
const FORUM_DAY = '2027-01-14';

/** The menu's entry `name`, the menu opened first where it is folded (on a phone). */
async function menu(page: Page, name: string) {
  // binome.js (deferred) folds the menu: it has run once the document is loaded.
  await page.waitForLoadState('domcontentloaded');
  const toggle = page.getByRole('button', { name: 'Menu', exact: true });
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name, exact: true });
}

/** Two missions' titles and the words that find each (the two viewports share the database). */
const MISSIONS = {
  desktop: { title: 'Médiation au Louvre-Lens', words: 'médiation' },
  mobile: { title: 'Accueil des publics au Louvre-Lens', words: 'accueil publics' },
} as const;

suite.atViewports(t, 'journey', async (t: Test, page: Page, viewport: Viewport) => {
  t.teardown(() => suite.clock.reset());
  // The people and places around her, an operator per viewport (names are unique per operator).
  const ligue = await createOperator(suite.db, { name: uniqueName('Ligue de l’Enseignement') });
  const edition = await createEdition(suite.db, { operatorId: ligue.id, startsOn: '2027-01-01', endsOn: '2027-12-31' });
  const louvre = await createStructure(suite.db, { operatorId: ligue.id, name: 'Louvre-Lens', communeCode: '62498' });
  const cultureCommune = await createStructure(suite.db, { operatorId: ligue.id, name: 'Culture Commune, scène nationale', kind: 'first_circle' });
  const tutor = await createUser(suite.db, 'structure_member', { structureId: louvre.id, fullName: 'Paul Tuteur' });
  const coordinator = await createUser(suite.db, 'coordinator', { operatorId: ligue.id, fullName: 'Claire Coordinatrice' });
  const { title, words } = MISSIONS[viewport.name];
  const mission = await createMission(suite.db, { operatorId: ligue.id, editionId: edition.id, hostId: louvre.id, firstCircleId: cultureCommune.id, title, communeCode: '62498', startsOn: '2027-10-01' });
  await suite.db.updateTable('missions').set({ search_text: searchKey(`${title} ${mission.description}`) }).where('id', '=', mission.id).execute();
  const hugo = await createUser(suite.db, 'candidate');
  await createProfile(suite.db, hugo.id, { firstName: 'Hugo', lastName: 'Dubois' });
  const hugoApplication = await createApplication(suite.db, { missionId: mission.id, candidateId: hugo.id, status: 'shortlisted' });
  const email = `ines.martin.${viewport.name}@example.org`;
  const password = 'un mot de passe bien à moi';

  // 1. The home page, then signing up.
  await page.goto('/');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await expectAccessible(t, page);
  await page.getByRole('main').getByRole('link', { name: 'Je me crée un compte' }).click();
  await page.getByRole('heading', { name: 'Je me crée un compte', level: 1 }).waitFor();
  await page.getByLabel('Prénom et nom').fill('Inès Martin');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await expectAccessible(t, page);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();

  // 2. « Mon profil », first thing after signing up, in eight steps.
  await page.getByRole('heading', { name: 'Mon profil', level: 1 }).waitFor();
  await page.getByText('Votre compte est créé et vous êtes connecté·e.').waitFor();
  await expectAccessible(t, page);
  await page.getByRole('link', { name: 'Commencer mon profil' }).click();
  const next = page.getByRole('button', { name: 'Enregistrer et continuer' });
  const atStep = async (n: number, heading: string) => {
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    t.ok(await page.getByText(`Étape ${n} sur 8`).isVisible(), `step ${n}: ${heading}`);
    await expectAccessible(t, page);
  };
  await atStep(1, 'Identité');
  await page.getByLabel('Prénom').fill('Inès');
  await page.getByLabel('Nom', { exact: true }).fill('Martin');
  await page.getByLabel('Date de naissance').fill('2005-04-02');
  await page.getByLabel('Téléphone').fill('06 12 34 56 78');
  await next.click();
  await atStep(2, 'Commune');
  await page.getByLabel('Code postal ou commune').fill('Liév');
  await page.locator('#communes-suggestions option[value="Liévin (62800)"]').waitFor({ state: 'attached' });
  await page.getByLabel('Code postal ou commune').fill('Liévin (62800)');
  await next.click();
  await atStep(3, 'Nationalité');
  await page.getByRole('radio', { name: 'Française' }).check();
  await page.getByRole('checkbox', { name: /Je certifie sur l’honneur/ }).check();
  await next.click();
  await atStep(4, 'Service civique antérieur');
  await page.getByRole('radio', { name: 'Je n’ai jamais fait de service civique' }).check();
  await page.getByRole('checkbox', { name: /Je certifie sur l’honneur/ }).check();
  await next.click();
  await atStep(5, 'Mobilité');
  await page.getByLabel('Je peux prendre les transports en commun').check();
  await next.click();
  await atStep(6, 'Centres d’intérêt');
  await page.getByLabel('Musées').check();
  await page.getByLabel('Patrimoine').check();
  await next.click();
  await atStep(7, 'Disponibilités');
  await page.getByLabel('Disponible à partir du').fill('2027-09-01');
  await next.click();
  await atStep(8, 'Présentation');
  await page.getByLabel('Quelques mots sur vous').fill('J’aime les musées et expliquer ce que je vois.');
  await next.click();
  await page.getByText('Votre profil est enregistré.').waitFor();
  t.match(await page.locator('.summary-list').innerText(), 'Liévin');
  await expectAccessible(t, page);

  // 3. A search around Liévin, then the mission's page: who may apply, in words and French dates.
  const findLink = await menu(page, 'Trouver une mission');
  const menuButton = page.getByRole('button', { name: 'Menu', exact: true });
  if (viewport.name === 'mobile') t.equal(await menuButton.getAttribute('aria-expanded'), 'true', 'on a phone the menu opens behind its button');
  else t.notOk(await menuButton.isVisible(), 'no menu button on a wide screen: the menu is open');
  await findLink.click();
  await page.getByRole('heading', { name: 'Trouver une mission', level: 1 }).waitFor();
  await page.getByLabel('Mots-clés').fill(words);
  await page.getByLabel('Commune ou code postal').fill('Liévin (62800)');
  await page.getByLabel('Dans un rayon de').selectOption('10');
  await page.getByRole('button', { name: 'Chercher' }).click();
  const result = page.getByRole('link', { name: title, exact: true });
  await result.waitFor();
  await expectAccessible(t, page);
  await result.click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  const panel = page.locator('section', { has: page.getByRole('heading', { name: 'Est-ce que je peux postuler ?' }) });
  await panel.getByText('Oui : vous remplissez toutes les conditions').waitFor();
  t.ok(await panel.getByText('Vous aurez 22 ans le 1er octobre 2027, début de la mission.').isVisible(), 'the age line, its date in French');
  t.ok(await panel.getByText('Vous aurez 18 ans ou plus au début de la mission.').isVisible());
  await expectAccessible(t, page);
  if (viewport.name === 'mobile') {
    // The panel's heading at the top of the screen: the picture shows the answer and the first lines.
    await panel.getByRole('heading', { name: 'Est-ce que je peux postuler ?' }).evaluate((heading) => (heading as unknown as { scrollIntoView(options: object): void }).scrollIntoView({ block: 'start' }));
    await docsPicture(page, 'mission-mobile');
  }
  await page.getByLabel('Votre motivation').fill('J’aimerais faire découvrir le musée aux enfants du quartier.');
  await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
  await page.getByRole('status').filter({ hasText: 'Votre candidature est envoyée' }).waitFor();
  t.equal(new URL(page.url()).pathname, '/mes-candidatures');
  await screenshot(t, page, 'journey-applied');
  await expectAccessible(t, page);

  // 4. Meanwhile the structure shortlists her, and the coordinator sets up the forum.
  const me = await suite.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const application = await suite.db.selectFrom('applications').select(['id', 'version']).where('candidate_id', '=', me.id).where('mission_id', '=', mission.id).executeTakeFirstOrThrow();
  const member = await signIn(suite, tutor);
  const shortlisted = await suite.call('POST', `/applications/${application.id}/transitions`, { token: member.accessToken, headers: { 'if-match': `"${application.version}"` }, body: { to: 'shortlisted' } });
  t.equal(shortlisted.statusCode, 200, 'the structure shortlisted her');
  let organiser = (await signIn(suite, coordinator)).accessToken;
  const created = await suite.call('POST', `/editions/${edition.id}/forums`, {
    token: organiser,
    body: { title: 'Forum de Lens', venue: 'Maison syndicale', communeCode: '62498', heldOn: FORUM_DAY, startsAt: '14:00', endsAt: '15:00' },
  });
  t.equal(created.statusCode, 201, 'the forum');
  const forum = created.json() as { id: string };
  const forumUrl = (path: string) => `/forums/${forum.id}${path}`;
  t.equal((await suite.call('PUT', forumUrl(`/structures/${louvre.id}`), { token: organiser, body: { tables: 1 } })).statusCode < 300, true, 'the structure seated');
  t.equal((await suite.call('POST', forumUrl('/candidates'), { token: organiser, body: { candidateId: me.id } })).statusCode < 300, true, 'she is invited');
  t.equal((await suite.call('POST', forumUrl('/requests'), { token: organiser, body: { candidateId: me.id, structureId: louvre.id } })).statusCode < 300, true);
  t.equal((await suite.call('POST', forumUrl('/schedule'), { token: organiser })).statusCode, 201, 'the grid');

  // 5. « Mon planning »: the forum to come, and its iCalendar file.
  await (await menu(page, 'Mon planning')).click();
  await page.getByRole('heading', { name: 'Mon planning', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Forum de Lens' }).waitFor();
  t.ok(await page.getByText('jeudi 14 janvier 2027, de 14 h 00 à 15 h 00').isVisible(), 'the forum’s day and hours in French');
  t.ok(await page.getByText('Louvre-Lens').first().isVisible(), 'whom she meets');
  await expectAccessible(t, page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ajouter à mon agenda' }).click()]);
  const ics = await readFile((await download.path())!, 'utf8');
  t.equal(ics.match(/BEGIN:VEVENT/g)?.length, 1, 'her one meeting in the calendar file');
  t.match(ics, 'DTSTART;TZID=Europe/Paris:20270114T140000');

  // 6. The evening of the forum: her session has ended meanwhile; she signs in again for « Mon avis ».
  suite.clock.advance(new Date(`${FORUM_DAY}T18:00:00+01:00`).getTime() - suite.clock.now().getTime());
  await (await menu(page, 'Mon planning')).click();
  await page.getByRole('heading', { name: 'Se connecter', level: 1 }).waitFor();
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Mon planning', level: 1 }).waitFor();
  t.equal(new URL(page.url()).pathname, '/mon-planning', 'back where she was going');
  const meeting = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^Tour 1 · 14 h 00/ }) });
  await meeting.getByLabel('4 — Intéressé·e').check();
  await meeting.getByRole('button', { name: 'Enregistrer mon avis' }).click();
  await page.getByText('Votre avis est enregistré.').waitFor();
  await expectAccessible(t, page);

  // 7. The coordinator forms the binôme with Hugo, who accepts first; she reads the offer.
  organiser = (await signIn(suite, coordinator)).accessToken;
  const formed = await suite.call('POST', `/editions/${edition.id}/binomes`, { token: organiser, body: { missionId: mission.id, candidateIds: [me.id, hugo.id] } });
  t.equal(formed.statusCode, 201, 'the binôme');
  t.equal((await suite.call('POST', `/applications/${hugoApplication.id}/accept`, { token: (await signIn(suite, hugo)).accessToken })).statusCode, 200, 'Hugo accepted');
  await (await menu(page, 'Mes candidatures')).click();
  await page.getByRole('heading', { name: 'Une place vous est proposée' }).waitFor();
  await page.getByText('Cette place vous est proposée en binôme avec Hugo.').waitFor();
  await expectAccessible(t, page);
  if (viewport.name === 'desktop') await docsPicture(page, 'candidatures-desktop');
  await page.getByRole('link', { name: `Accepter l’offre pour « ${title} »` }).click();
  await page.getByRole('heading', { name: `Accepter l’offre pour « ${title} » ?` }).waitFor();
  await expectAccessible(t, page);
  await page.getByRole('button', { name: `Oui, j’accepte l’offre pour « ${title} »` }).click();
  await page.getByText('Votre binôme est confirmé').waitFor();
  await page.getByRole('link', { name: 'Voir mon binôme et ma mission' }).click();
  await page.getByRole('heading', { name: 'Mon binôme et ma mission', level: 1 }).waitFor();
  const sheet = await page.locator('main').innerText();
  t.match(sheet, 'Hugo');
  t.match(sheet, 'Louvre-Lens');
  t.match(sheet, 'Paul Tuteur');
  t.match(sheet, 'vendredi 1er octobre 2027');
  await screenshot(t, page, 'journey-binome');
  await expectAccessible(t, page);
  const placed = await suite.db.selectFrom('applications').select('status').where('id', '=', application.id).executeTakeFirstOrThrow();
  t.equal(placed.status, 'accepted', 'her application is accepted');

  // 8. Signing out.
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.getByText('Vous êtes déconnecté·e.').waitFor();
  t.ok(await (await menu(page, 'Se connecter')).isVisible(), 'the visitor’s menu again');
});
