import t from 'tap';
import type { Page } from 'playwright-core';
import { createApplication, createEdition, createMission, createOperator, createProfile, createStructure, createUser, signedIn } from '../helpers/factories.js';
import { FORUM_DAY, moveClockTo, runningForum } from '../web/forum-day-fixtures.js';
import { expectAccessible } from './axe.js';
import { browserSuite, DESKTOP, docsPicture, MOBILE, screenshot } from './harness.js';

// The forum day in a browser: a structure member evaluates two meetings on a 360 px phone during
// a running forum (htmx saves, the next meeting appears); a coordinator runs a forum from its
// creation to its closing at desktop. The clock is moved to 14:09 on the forum's day (round 2).
//
// `BINOME_DOCS_SCREENSHOTS=1 npm run test:browser -- test/browser/forum-day.test.ts` also writes
// the README's two pictures, docs/screenshots/structure-evaluation-mobile.png and
// coordination-grid-desktop.png.

const suite = await browserSuite(t);

// What the API makes before the clock moves (its tokens are of real time).
const operator = await createOperator(suite.db);
const api = await signedIn(suite, 'coordinator', { operatorId: operator.id });
const live = await runningForum(suite, { operatorId: operator.id, coordinatorToken: api.accessToken, structures: ['Médiathèque de Lens', 'Ludothèque'], firstNames: ['Ana', 'Bilal'] });

// The coordinator's forum: an edition, two structures, a mission of the first, two shortlisted candidates.
const edition = await createEdition(suite.db, { operatorId: operator.id, startsOn: '2027-01-01', endsOn: '2027-12-31' });
const centre = await createStructure(suite.db, { operatorId: operator.id, name: 'Centre social Jean-Jaurès' });
const club = await createStructure(suite.db, { operatorId: operator.id, name: 'Club de foot d’Avion' });
const mission = await createMission(suite.db, { operatorId: operator.id, editionId: edition.id, hostId: centre.id });
for (const firstName of ['Dina', 'Elias']) {
  const user = await createUser(suite.db, 'candidate');
  await createProfile(suite.db, user.id, { firstName, lastName: 'Durand' });
  await createApplication(suite.db, { missionId: mission.id, candidateId: user.id, status: 'shortlisted' });
}
const farid = await createUser(suite.db, 'candidate');
await createProfile(suite.db, farid.id, { firstName: 'Farid', lastName: 'Martin' });
await createApplication(suite.db, { missionId: mission.id, candidateId: farid.id, status: 'submitted' });
const coordinator = await createUser(suite.db, 'coordinator', { operatorId: operator.id });

moveClockTo(suite, '14:09');

/** The legend of each one's score, « de » elided before a vowel. */
const NOTE_OF: Record<string, string> = { Ana: 'Note d’Ana', Bilal: 'Note de Bilal' };

async function signIn(page: Page, user: { email: string; password: string }, next: string) {
  await page.goto(`/connexion?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Adresse e-mail').fill(user.email);
  await page.getByLabel('Mot de passe').fill(user.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
}

suite.atViewports(
  t,
  'a structure member evaluates two meetings on a phone',
  async (t, page) => {
    const livePath = `/gestion/forums/${live.forum.id}/en-direct`;
    await signIn(page, live.member, `/gestion/forums/${live.forum.id}`);
    await page.getByRole('heading', { name: 'Notre planning' }).waitFor();
    t.equal(await page.getByRole('row').count(), 3, 'a header and two meetings');
    await expectAccessible(t, page);

    await page.getByRole('link', { name: 'Évaluer la rencontre en cours' }).click();
    await page.getByRole('heading', { name: 'En direct', level: 1 }).waitFor();
    const mine = live.meetings.filter((m) => m.structure.id === live.structures[0]!.id).sort((a, b) => a.round - b.round);
    const names = mine.map((m) => (m.candidate.id === live.candidates[0]!.id ? 'Ana' : 'Bilal'));
    await page.getByRole('heading', { name: `${names[0]} · tour 1, table 1` }).waitFor();
    await expectAccessible(t, page);

    // The first: saved by htmx, the page stays, the second meeting appears.
    await page.getByRole('group', { name: NOTE_OF[names[0]!] }).getByLabel('4 — Convaincant').check();
    await page.getByRole('group', { name: 'Accueillerait' }).getByLabel('Peut-être').check();
    await page.getByLabel('Commentaire').fill('Très à l’aise avec les enfants');
    await page.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    await page.getByText(`Évaluation de ${names[0]} enregistrée.`).waitFor();
    await page.getByRole('heading', { name: `${names[1]} · tour 2, table 1` }).waitFor();
    t.equal(new URL(page.url()).pathname, livePath, 'no page change: htmx swapped the panel');
    t.equal(await page.getByLabel('Commentaire').inputValue(), '', 'a fresh form for the next meeting');
    await screenshot(t, page, 'forum-day-evaluation');
    await page.evaluate(() => window.scrollTo(0, 0)); // the saved notice and the next meeting
    await docsPicture(page, 'structure-evaluation-mobile');
    await expectAccessible(t, page);

    // The second; then nothing left to evaluate.
    await page.getByRole('group', { name: NOTE_OF[names[1]!] }).getByLabel('5 — Très convaincant').check();
    await page.getByRole('group', { name: 'Accueillerait' }).getByLabel('Oui').check();
    await page.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    await page.getByText(`Évaluation de ${names[1]} enregistrée.`).waitFor();
    await page.getByText('Toutes vos rencontres sont évaluées. Merci !').waitFor();
    await expectAccessible(t, page);
    const saved = await suite.db.selectFrom('forum_evaluations').select(['structure_score', 'would_host']).where('structure_id', '=', live.structures[0]!.id).orderBy('structure_score').execute();
    t.same(saved, [
      { structure_score: 4, would_host: 'maybe' },
      { structure_score: 5, would_host: 'yes' },
    ]);
  },
  [MOBILE],
);

suite.atViewports(
  t,
  'a coordinator runs a forum day',
  async (t, page) => {
    await signIn(page, coordinator, '/gestion/forums');
    await page.getByRole('heading', { name: 'Forums de recrutement' }).waitFor();
    await expectAccessible(t, page);

    // Create: a refused form first (the end before the start), then the forum.
    await page.getByRole('link', { name: 'Créer un forum' }).click();
    await page.getByLabel('Édition').selectOption({ value: edition.id });
    await page.getByLabel('Nom du forum').fill('Forum d’Avion');
    await page.getByLabel('Lieu').fill('Salle des fêtes');
    await page.getByLabel('Commune (code INSEE)').fill('62498');
    await page.getByLabel('Date').fill(FORUM_DAY);
    await page.getByLabel('Début').fill('14:00');
    await page.getByLabel('Fin', { exact: true }).fill('13:00');
    await page.getByRole('button', { name: 'Créer le forum' }).click();
    await page.getByRole('heading', { name: 'Le formulaire contient une erreur' }).waitFor();
    t.equal(await page.getByLabel('Nom du forum').inputValue(), 'Forum d’Avion', 'filled back');
    await expectAccessible(t, page);
    await page.getByLabel('Fin', { exact: true }).fill('15:00');
    await page.getByRole('button', { name: 'Créer le forum' }).click();
    await page.getByText('Le forum est créé.').waitFor();
    await expectAccessible(t, page);

    // Seat the two structures (two tables at the centre), invite the shortlist.
    for (const [structure, tables] of [
      [centre, '2'],
      [club, '1'],
    ] as const) {
      await page.getByRole('combobox', { name: /^Structure/ }).selectOption({ value: structure.id });
      await page.getByLabel('Nombre de tables').fill(tables);
      await page.getByRole('button', { name: 'Installer la structure' }).click();
      await page.getByText('La structure est installée.').waitFor();
    }
    t.ok(await page.getByRole('row', { name: /Centre social Jean-Jaurès 2 aucun/ }).isVisible());
    await page.getByRole('button', { name: 'Inviter les présélectionnés' }).click();
    await page.getByText('2 personnes invitées, 0 déjà là.').waitFor();
    t.ok(await page.getByRole('rowheader', { name: 'Dina Durand' }).isVisible());

    // Farid applied but is not shortlisted: invited by hand, then uninvited.
    await page.getByRole('link', { name: 'Inviter une personne' }).click();
    await page.getByLabel('Nom ou adresse e-mail').fill('farid');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await expectAccessible(t, page);
    await page.getByRole('button', { name: 'Inviter Farid Martin' }).click();
    await page.getByText('Farid Martin est invité·e au forum.').waitFor();
    t.equal(await page.getByLabel('Nom ou adresse e-mail').inputValue(), 'farid', 'the search is kept');
    await page.getByRole('link', { name: 'Revenir au forum' }).click();
    await page.getByText('Retirer Farid Martin…').click();
    await expectAccessible(t, page);
    await page.getByRole('button', { name: 'Retirer Farid Martin du forum' }).click();
    await page.getByText('La personne est retirée du forum').waitFor();
    t.equal(await page.getByRole('rowheader', { name: 'Farid Martin' }).count(), 0);

    // The requests: the matrix, each pair added by the coordination.
    await page.getByRole('link', { name: 'Voir et modifier les demandes' }).click();
    await page.getByRole('heading', { name: 'Les demandes de rencontre' }).waitFor();
    await expectAccessible(t, page);
    for (let i = 0; i < 4; i++) {
      await page.getByRole('button', { name: /^Ajouter/ }).first().click();
      await page.getByText(`${i + 1} demande${i === 0 ? '' : 's'},`).waitFor();
    }
    t.equal(await page.getByText('Demandée par la coordination').count(), 4);
    await page.getByRole('link', { name: 'Forum d’Avion' }).click();

    // The grid: rounds used against the lower bound, on screen and printable.
    await page.getByRole('button', { name: 'Calculer la grille', exact: true }).click();
    await page.getByText('La grille est calculée.').waitFor();
    t.ok(await page.getByText(/aucune grille ne peut faire moins de 2 tours/).isVisible(), 'the lower bound');
    const print = await page.getByRole('link', { name: 'Grille imprimable' }).getAttribute('href');
    t.equal(print, `/forums/${new URL(page.url()).pathname.split('/').at(-1)}/schedule.html`);
    await page.getByRole('link', { name: 'Voir la grille' }).click();
    await page.getByRole('heading', { name: 'La grille', level: 1 }).waitFor();
    t.equal(await page.getByRole('columnheader').count(), 4, 'the round, two tables of the centre, the club');
    await screenshot(t, page, 'forum-day-grid');
    await docsPicture(page, 'coordination-grid-desktop');
    await expectAccessible(t, page);
    await page.getByRole('link', { name: 'Forum d’Avion' }).click();

    // The day: start, Elias arrives at round 4, repair from the round under way (2), close.
    await page.getByRole('button', { name: 'Démarrer le forum' }).click();
    await page.getByText('Le forum a démarré.').waitFor();
    await page.getByLabel('Arrivée d’Elias Durand').selectOption({ label: 'Tour 4 · 14 h 24' });
    await page.getByRole('button', { name: 'Enregistrer les horaires d’Elias Durand' }).click();
    await page.getByText('Les horaires sont enregistrés').waitFor();
    t.ok(await page.getByRole('row', { name: /Elias Durand 14 h 24/ }).isVisible());
    t.equal(await page.getByLabel('À partir du tour').inputValue(), '2', 'the round under way');
    await expectAccessible(t, page);
    await page.getByRole('button', { name: 'Réparer à partir de ce tour' }).click();
    await page.getByRole('heading', { name: /Ce que la réparation a changé/ }).waitFor();
    t.ok((await page.getByRole('listitem').filter({ hasText: 'Elias Durand' }).count()) > 0, 'Elias’s meetings moved');
    await expectAccessible(t, page);
    await page.getByRole('link', { name: 'Forum d’Avion' }).click();
    await page.getByRole('button', { name: 'Clore le forum' }).click();
    await page.getByText('Le forum est clos.').waitFor();
    t.ok(await page.getByText('Terminé').isVisible());
    await expectAccessible(t, page);
  },
  [DESKTOP],
);
