import t from 'tap';
import type { ApplicationStatus } from '../../db/database.js';
import { createApplication, createEdition, createMission, createOperator, createProfile, createStructure, createUser } from '../helpers/factories.js';
import { expectAccessible } from './axe.js';
import { browserSuite, screenshot } from './harness.js';

// A structure member reviews: « Candidatures », a filter, a candidate's card, a note and a
// rating, a shortlisting, two applications moved in bulk; then « Mes missions »: a draft
// refused beside its field, corrected, submitted for publication. At 1280 px and at 360 px.

const suite = await browserSuite(t);
const ligue = await createOperator(suite.db, { name: 'Ligue de l’Enseignement du Pas-de-Calais' });
const edition = await createEdition(suite.db, { operatorId: ligue.id, startsOn: '2027-01-01', endsOn: '2027-12-31' });
const louvre = await createStructure(suite.db, { operatorId: ligue.id, name: 'Louvre-Lens', kind: 'first_circle' });

suite.atViewports(t, 'review', async (t, page, viewport) => {
  const carvin = await createStructure(suite.db, { operatorId: ligue.id, name: `Service Culturel de Carvin (${viewport.name})`, kind: 'proximity' });
  await suite.db.insertInto('partnerships').values({ edition_id: edition.id, proximity_structure_id: carvin.id, first_circle_structure_id: louvre.id }).execute();
  const member = await createUser(suite.db, 'structure_member', { structureId: carvin.id, fullName: 'Paul Tuteur' });
  const mission = await createMission(suite.db, { operatorId: ligue.id, editionId: edition.id, hostId: carvin.id, firstCircleId: louvre.id, title: 'Ambassadeur du Louvre-Lens' });
  const applicant = async (firstName: string, lastName: string, status: ApplicationStatus = 'submitted') => {
    const user = await createUser(suite.db, 'candidate');
    await createProfile(suite.db, user.id, { firstName, lastName });
    return createApplication(suite.db, { missionId: mission.id, candidateId: user.id, status, motivation: `Je souhaite accueillir les visiteurs du musée, ${firstName}.` });
  };
  await applicant('Zoé', 'Lefebvre');
  await applicant('Yanis', 'Benali');
  await applicant('Inès', 'Durand');
  await applicant('Hugo', 'Déjà-Étudié', 'in_review');

  await page.goto('/connexion?next=/gestion/candidatures');
  await page.getByLabel('Adresse e-mail').fill(member.email);
  await page.getByLabel('Mot de passe').fill(member.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Candidatures', level: 1 }).waitFor();
  t.equal(new URL(page.url()).pathname, '/gestion/candidatures');
  await page.getByRole('link', { name: 'Hugo Déjà-Étudié' }).waitFor();
  await screenshot(t, page, 'review-list');
  await expectAccessible(t, page);

  // Filter: the submitted ones only.
  await page.getByLabel(/^Statut/).selectOption('submitted');
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await page.waitForURL(/status=submitted/);
  t.equal(await page.getByRole('link', { name: 'Hugo Déjà-Étudié' }).count(), 0, 'the application in review is filtered out');
  await page.getByRole('link', { name: 'Zoé Lefebvre' }).waitFor();
  await expectAccessible(t, page);

  // The card: a note with a rating, then shortlisting.
  await page.getByRole('link', { name: 'Zoé Lefebvre' }).click();
  await page.getByRole('heading', { name: 'Candidature de Zoé Lefebvre', level: 1 }).waitFor();
  await page.getByText('Je souhaite accueillir les visiteurs du musée, Zoé.').waitFor();
  await expectAccessible(t, page);
  await page.getByLabel('4 sur 5').check();
  await page.getByLabel('Note privée').fill('Disponible le samedi, connaît déjà le musée.');
  await page.getByRole('button', { name: 'Enregistrer la note' }).click();
  await page.getByRole('status').filter({ hasText: 'Votre note est enregistrée.' }).waitFor();
  await page.getByText('Disponible le samedi, connaît déjà le musée.').waitFor();
  t.match(await page.locator('main').innerText(), '4 sur 5');
  await expectAccessible(t, page);
  const shortlist = page.getByRole('button', { name: 'Retenir', exact: true });
  const box = await shortlist.boundingBox();
  t.ok(box && box.height >= 44, `the move is a big touch target (${box?.height} px high)`);
  await shortlist.click();
  await page.getByRole('status').filter({ hasText: 'La candidature est maintenant « Retenue ».' }).waitFor();
  await expectAccessible(t, page);

  // In bulk: two applications invited to meet, each line's result.
  await page.getByRole('navigation', { name: 'Fil d’Ariane' }).getByRole('link', { name: 'Candidatures' }).click();
  await page.getByRole('heading', { name: 'Candidatures', level: 1 }).waitFor();
  await page.getByLabel('Choisir la candidature de Yanis Benali').check();
  await page.getByLabel('Choisir la candidature de Inès Durand').check();
  await page.getByLabel(/^Action/).selectOption('interview');
  await page.getByRole('button', { name: 'Appliquer aux candidatures choisies' }).click();
  await page.getByRole('heading', { name: '2 candidatures déplacées' }).waitFor();
  const results = await page.getByRole('status').innerText();
  t.match(results, 'Yanis Benali : maintenant « Rencontre proposée »');
  t.match(results, 'Inès Durand : maintenant « Rencontre proposée »');
  await expectAccessible(t, page);

  // « Mes missions »: a draft open to minors at 40 hours is refused beside the hours, then submitted.
  await page.goto('/gestion/missions');
  await page.getByRole('heading', { name: 'Mes missions', level: 1 }).waitFor();
  await expectAccessible(t, page);
  await page.getByRole('link', { name: 'Écrire une nouvelle mission' }).click();
  await page.getByRole('heading', { name: 'Nouvelle mission', level: 1 }).waitFor();
  await expectAccessible(t, page);
  const title = `Médiation au musée (${viewport.name})`;
  await page.getByLabel('Titre de la mission').fill(title);
  await page.getByLabel('Date de début').fill('2027-02-01');
  await page.getByLabel('Durée, en mois').fill('8');
  await page.getByLabel('Heures par semaine').fill('40');
  await page.getByLabel('Ouverte aux mineurs (dès 16 ans)').check();
  await page.getByLabel('Commune de la mission').fill('Carvin');
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await page.getByRole('alert').waitFor();
  t.match(await page.title(), /^Erreur : /);
  const beside = page.locator('#champ-weeklyHours-erreur');
  t.match(await beside.innerText(), 'Une mission ouverte aux mineurs compte au plus 35 heures par semaine, pas 40.');
  t.equal(await page.getByLabel('Titre de la mission').inputValue(), title, 'the form came back filled');
  await expectAccessible(t, page);
  await page.getByLabel('Heures par semaine').fill('30');
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await page.getByRole('status').filter({ hasText: 'Le brouillon est enregistré.' }).waitFor();
  await page.getByRole('button', { name: `Soumettre pour publication « ${title} »` }).click();
  await page.getByRole('status').filter({ hasText: 'La mission est soumise pour publication' }).waitFor();
  await page.getByText('Soumise pour publication', { exact: true }).waitFor();
  await expectAccessible(t, page);
});
