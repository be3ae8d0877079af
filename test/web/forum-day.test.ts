import t from 'tap';
import { setup } from '../helpers/app.js';
import { createApplication, createMission, createOperator, createProfile, createStructure, createUser, signedIn, signIn } from '../helpers/factories.js';
import { moveClockTo, runningForum } from './forum-day-fixtures.js';
import { textOf, Visitor } from './helpers.js';

/** The forum day's pages: the structure's agenda and live evaluation, the coordination's forum day. */
const ctx = await setup(t);
const ligue = await createOperator(ctx.db);
const other = await createOperator(ctx.db);
const coordinatorApi = await signedIn(ctx, 'coordinator', { operatorId: ligue.id });
const otherApi = await signedIn(ctx, 'coordinator', { operatorId: other.id });

const day = await runningForum(ctx, {
  operatorId: ligue.id,
  coordinatorToken: coordinatorApi.accessToken,
  structures: ['Médiathèque de Lens', 'Club <script>alert(1)</script>'],
  firstNames: ['Ana', 'Bilal'],
});
const elsewhere = await runningForum(ctx, { operatorId: other.id, coordinatorToken: otherApi.accessToken, structures: ['Ailleurs'], firstNames: ['Chloé'] });
const mine = day.meetings.filter((m) => m.structure.id === day.structures[0]!.id).sort((a, b) => a.round - b.round);
const nameOf = (candidateId: string) => (candidateId === day.candidates[0]!.id ? 'Ana' : 'Bilal');

// During round 2 of the forum: rounds 1 and 2 have begun. Sessions are opened after the jump.
moveClockTo(ctx, '14:09');

async function visitor(user: { email: string }) {
  const v = new Visitor(ctx);
  await v.signIn(user.email);
  return v;
}
const member = await visitor(day.member);
const coordinator = await visitor(await createUser(ctx.db, 'coordinator', { operatorId: ligue.id }));
const otherCoordinator = await visitor(await createUser(ctx.db, 'coordinator', { operatorId: other.id }));
const candidate = await visitor(day.candidates[0]!);
const live = `/gestion/forums/${day.forum.id}/en-direct`;
const evaluate = (meetingId: string) => `/gestion/forums/${day.forum.id}/rencontres/${meetingId}/evaluation`;

t.test('the refusals: signed in only, staff only, each page for its role', async (t) => {
  const anonymous = await new Visitor(ctx).get('/gestion/forums');
  t.equal(anonymous.statusCode, 302);
  t.equal(anonymous.headers.location, '/connexion?next=%2Fgestion%2Fforums');
  t.equal((await candidate.get('/gestion/forums')).statusCode, 403, 'not for candidates');
  t.equal((await candidate.get(`/gestion/forums/${day.forum.id}`)).statusCode, 403);
  const create = await member.get('/gestion/forums/nouveau');
  t.equal(create.statusCode, 403, 'creating a forum is the coordination’s');
  t.match(textOf(create.body), 'Accès refusé');
  t.equal((await member.get(`/gestion/forums/${day.forum.id}/grille`)).statusCode, 403);
  t.equal((await member.get(`/gestion/forums/${day.forum.id}/evaluations`)).statusCode, 403, 'the evaluations matrix is the coordination’s');
  t.equal((await member.post(`/gestion/forums/${day.forum.id}/grille`, {})).statusCode, 403);
  t.equal((await coordinator.get(live)).statusCode, 403, 'the live evaluation is the structures’');
});

t.test('another operator’s forum, another structure’s meeting: the 404 page', async (t) => {
  for (const path of ['', '/grille', '/demandes', '/evaluations']) {
    const res = await otherCoordinator.get(`/gestion/forums/${day.forum.id}${path}`);
    t.equal(res.statusCode, 404, `GET ${path || '/'}`);
    t.match(textOf(res.body), 'Page introuvable');
  }
  t.equal((await otherCoordinator.post(`/gestion/forums/${day.forum.id}/grille`, {})).statusCode, 404, 'computing someone else’s grid');
  t.equal((await otherCoordinator.post(`/gestion/forums/${day.forum.id}/statut`, { to: 'closed' })).statusCode, 404);
  t.equal((await member.get(`/gestion/forums/${elsewhere.forum.id}`)).statusCode, 404, 'a forum the structure does not sit at');
  t.equal((await member.get(`/gestion/forums/not-an-id`)).statusCode, 404);
  const theirs = elsewhere.meetings[0]!;
  await member.get(live);
  t.equal((await member.post(evaluate(theirs.id), { score: '4', wouldHost: 'yes' })).statusCode, 404, 'another structure’s meeting');
  const notMine = day.meetings.find((m) => m.structure.id !== day.structures[0]!.id)!;
  t.equal((await member.post(evaluate(notMine.id), { score: '4', wouldHost: 'yes' })).statusCode, 404, 'the other structure’s table at the same forum');
});

t.test('the structure’s list and agenda: rounds, times, tables, first names', async (t) => {
  const list = await member.get('/gestion/forums');
  t.equal(list.statusCode, 200);
  t.match(textOf(list.body), 'Forum de Lens');
  t.notMatch(textOf(list.body), 'Créer un forum');
  t.notMatch(textOf(list.body), 'Ailleurs');
  const res = await member.get(`/gestion/forums/${day.forum.id}`);
  t.equal(res.statusCode, 200);
  const text = textOf(res.body);
  t.match(text, 'mercredi 10 mars 2027, de 14 h 00 à 15 h 00');
  t.match(text, 'Notre planning');
  for (const m of mine) t.match(text, `${m.round} ${m.round === 1 ? '14 h 00 – 14 h 07' : '14 h 08 – 14 h 15'} ${m.table} ${nameOf(m.candidate.id)}`);
  t.match(res.body, `href="/gestion/forums/${day.forum.id}/en-direct"`);
  t.match(res.body, `href="/gestion/forums/${day.forum.id}/imprimer"`, 'the printable agenda, a plain link');
});

t.test('CSRF: a form posted without its token is refused', async (t) => {
  await member.get(live);
  const res = await member.post(evaluate(mine[0]!.id), { score: '4', wouldHost: 'yes' }, { csrf: false });
  t.equal(res.statusCode, 403);
  t.match(textOf(res.body), 'La page a expiré');
  const forged = await coordinator.post(`/gestion/forums/${day.forum.id}/statut`, { to: 'closed' }, { csrf: 'forged' });
  t.equal(forged.statusCode, 403);
  const forum = await ctx.db.selectFrom('forums').select('status').where('id', '=', day.forum.id).executeTakeFirstOrThrow();
  t.equal(forum.status, 'running', 'nothing changed');
});

t.test('the live evaluation: a refused form comes back filled, with each error beside its question', async (t) => {
  const page = await member.get(live);
  t.equal(page.statusCode, 200);
  const first = mine[0]!;
  t.match(textOf(page.body), `${nameOf(first.candidate.id)} · tour 1, table 1`, 'the first meeting begun and not evaluated');
  t.match(page.body, `hx-post="${evaluate(first.id)}"`);
  t.match(page.body, `action="${evaluate(first.id)}"`, 'and a plain POST without a script');
  const res = await member.post(evaluate(first.id), { comment: 'Très motivée <b>vraiment</b>' });
  t.equal(res.statusCode, 400);
  const text = textOf(res.body);
  t.match(text, 'Erreur : Choisissez une note, de 1 à 5.');
  t.match(text, 'Erreur : Dites si votre structure accueillerait cette personne');
  t.match(res.body, 'Très motivée &lt;b>vraiment&lt;/b></textarea>', 'what was typed, kept and escaped');
  t.match(res.body, '<title>Erreur : ');
  const wrong = await member.post(evaluate(first.id), { score: '9', wouldHost: 'yes' });
  t.equal(wrong.statusCode, 400);
  t.match(wrong.body, 'id="champ-score-erreur"');
  t.match(wrong.body, 'value="yes" checked', 'the choice made is kept');
});

t.test('htmx: the evaluation saves and the fragment shows the next meeting; without a script, a redirect', async (t) => {
  const [first, second] = mine;
  await member.get(live);
  const res = await member.post(evaluate(first!.id), { score: '4', wouldHost: 'maybe', comment: 'Bonne rencontre' }, { headers: { 'hx-request': 'true' } });
  t.equal(res.statusCode, 200);
  t.ok(res.body.startsWith('<div id="rencontre-en-cours"'), 'the fragment alone');
  t.notMatch(res.body, '<html');
  const text = textOf(res.body);
  t.match(text, `Évaluation de ${nameOf(first!.candidate.id)} enregistrée.`);
  t.match(text, `${nameOf(second!.candidate.id)} · tour 2, table 1`, 'the next meeting to evaluate');
  const saved = await ctx.db.selectFrom('forum_evaluations').selectAll().where('candidate_id', '=', first!.candidate.id).where('structure_id', '=', day.structures[0]!.id).executeTakeFirstOrThrow();
  t.same([saved.structure_score, saved.would_host, saved.structure_comment], [4, 'maybe', 'Bonne rencontre']);

  const refused = await member.post(evaluate(second!.id), { score: '3' }, { headers: { 'hx-request': 'true' } });
  t.equal(refused.statusCode, 200, 'htmx swaps the refusal in (it swaps no 4xx)');
  t.ok(refused.body.startsWith('<div id="rencontre-en-cours"'));
  t.match(textOf(refused.body), 'Dites si votre structure accueillerait cette personne');

  const plain = await member.post(evaluate(second!.id), { score: '5', wouldHost: 'yes' });
  t.equal(plain.statusCode, 303);
  t.equal(plain.headers.location, `${live}?enregistre=${second!.id}`);
  const after = textOf((await member.get(plain.headers.location!)).body);
  t.match(after, `Évaluation de ${nameOf(second!.candidate.id)} enregistrée.`);
  t.match(after, 'Toutes vos rencontres sont évaluées.', 'both meetings are evaluated');
  const agendaPage = await member.get(`/gestion/forums/${day.forum.id}`);
  const agenda = textOf(agendaPage.body);
  t.match(agenda, '4 sur 5, accueillerait : peut-être');
  t.match(agendaPage.body, `href="${live}?rencontre=${first!.id}"`, 'an evaluation may be changed');
  const edit = await member.get(`${live}?rencontre=${first!.id}`);
  t.match(textOf(edit.body), `${nameOf(first!.candidate.id)} · tour 1, table 1`);
  t.match(edit.body, 'value="4" checked', 'the score given');
  t.match(edit.body, 'Bonne rencontre</textarea>');
  t.match(textOf(edit.body), 'Modifier l’évaluation');
});

t.test('the coordination: list by edition, the forum’s page, hostile names kept as text', async (t) => {
  const list = await coordinator.get('/gestion/forums');
  t.equal(list.statusCode, 200);
  t.match(textOf(list.body), 'Forum de Lens');
  t.match(textOf(list.body), 'En cours');
  t.match(list.body, 'href="/gestion/forums/nouveau"');
  t.notMatch(textOf(list.body), 'Ailleurs');
  const page = await coordinator.get(`/gestion/forums/${day.forum.id}`);
  t.equal(page.statusCode, 200);
  t.match(page.body, 'Club &lt;script>alert(1)&lt;/script>');
  t.notMatch(page.body, '<script>alert(1)');
  const grid = await coordinator.get(`/gestion/forums/${day.forum.id}/grille`);
  t.equal(grid.statusCode, 200);
  t.match(grid.body, '<th scope="col">Club &lt;script>alert(1)&lt;/script></th>');
  t.match(textOf(grid.body), '1 · 14 h 00');
});

t.test('the forum list: words of the title, a status, the order, kept across pages', async (t) => {
  const other = await ctx.call('POST', `/editions/${day.edition.id}/forums`, {
    token: (await signedIn(ctx, 'coordinator', { operatorId: ligue.id })).accessToken,
    body: { title: 'Forum de Béthune <b>', communeCode: '62498', heldOn: '2027-02-10', startsAt: '14:00', endsAt: '15:00' },
  });
  t.equal(other.statusCode, 201, other.body);
  const titles = (body: string) => [...body.matchAll(/<h3><a href="\/gestion\/forums\/[0-9a-f-]{36}">(.*?)<\/a><\/h3>/g)].map((m) => m[1]);
  const byWords = await coordinator.get('/gestion/forums?q=b%C3%A9thune');
  t.equal(byWords.statusCode, 200);
  t.same(titles(byWords.body), ['Forum de Béthune &lt;b>'], 'only the forum whose title holds the words, as text');
  t.match(byWords.body, 'value="béthune"', 'the words stay in the field');
  t.same(titles((await coordinator.get('/gestion/forums?statut=running')).body), ['Forum de Lens']);
  t.match(textOf((await coordinator.get('/gestion/forums?q=nulle+part')).body), 'Aucun forum ne correspond à ces filtres.');
  const latest = titles((await coordinator.get('/gestion/forums')).body);
  const earliest = titles((await coordinator.get('/gestion/forums?ordre=anciens')).body);
  t.same(earliest, [...latest].reverse(), 'the order turns');
  const odd = await coordinator.get('/gestion/forums?statut=toString&ordre=sideways&page=-3');
  t.equal(odd.statusCode, 200, 'a filter the page cannot read is left out');
  t.same(titles(odd.body), latest);
  t.notMatch(titles((await otherCoordinator.get('/gestion/forums?q=forum')).body).join(), 'Béthune', 'another operator’s forums stay out of the search');
});

t.test('creating a forum: errors beside the fields, the form filled back; then created', async (t) => {
  const edition = await ctx.db
    .selectFrom('editions')
    .innerJoin('programmes', 'programmes.id', 'editions.programme_id')
    .select('editions.id')
    .where('programmes.operator_id', '=', ligue.id)
    .executeTakeFirstOrThrow();
  const form = await coordinator.get(`/gestion/forums/nouveau?edition=${edition.id}`);
  t.equal(form.statusCode, 200);
  t.match(form.body, `value="${edition.id}" selected`);
  const fields = { editionId: edition.id, title: 'Forum <de> Liévin', venue: 'Salle', communeCode: '62498', heldOn: '2027-04-07', startsAt: '15:00', endsAt: '14:00' };
  const refused = await coordinator.post('/gestion/forums/nouveau', fields);
  t.equal(refused.statusCode, 422);
  t.match(refused.body, 'value="Forum &lt;de> Liévin"', 'filled back');
  t.match(refused.body, 'id="champ-endsAt-erreur"', 'the error beside « Fin »');
  const badTime = await coordinator.post('/gestion/forums/nouveau', { ...fields, endsAt: '25:00', breakAfterRound: '2' });
  t.equal(badTime.statusCode, 400);
  t.match(badTime.body, 'id="champ-endsAt-erreur"');
  t.match(badTime.body, 'id="champ-breakMinutes-erreur"', 'the break’s length is missing');
  const created = await coordinator.post('/gestion/forums/nouveau', { ...fields, endsAt: '16:00', breakAfterRound: '3', breakMinutes: '10' });
  t.equal(created.statusCode, 303);
  const location = created.headers.location!;
  t.match(location, /^\/gestion\/forums\/[0-9a-f-]{36}\?cree=1$/);
  const page = textOf((await coordinator.get(location)).body);
  t.match(page, 'Le forum est créé.');
  t.match(page, 'pause de 10 min après le tour 3');
  t.match(page, 'En préparation');
  const notMine = await otherCoordinator.post('/gestion/forums/nouveau', fields);
  t.equal(notMine.statusCode, 404, 'another operator’s edition');
});

t.test('the coordination’s day: seat, invite, requests, grid, start, attendance, repair, evaluations, close', async (t) => {
  // A fresh forum through the pages, in the same edition.
  const edition = await ctx.db.selectFrom('forums').select('edition_id').where('id', '=', day.forum.id).executeTakeFirstOrThrow();
  await coordinator.get('/gestion/forums/nouveau');
  const created = await coordinator.post('/gestion/forums/nouveau', { editionId: edition.edition_id, title: 'Forum d’Avion', communeCode: '62498', heldOn: '2027-03-10', startsAt: '14:00', endsAt: '15:00' });
  const base = created.headers.location!.split('?')[0]!;
  // Changing it: the form filled from the forum; a refusal beside the field; a stale version refused.
  const editPage = await coordinator.get(`${base}/modifier`);
  t.equal(editPage.statusCode, 200);
  t.match(editPage.body, 'value="Forum d’Avion"');
  t.match(editPage.body, 'name="version" value="1"');
  const form = { version: '1', title: 'Forum d’Avion (salle B)', venue: 'Salle des fêtes', communeCode: '62498', heldOn: '2027-03-10', startsAt: '14:00', endsAt: '15:00', slotMinutes: '7', changeoverMinutes: '1', breakAfterRound: '', breakMinutes: '' };
  const badEdit = await coordinator.post(`${base}/modifier`, { ...form, endsAt: '13:00' });
  t.equal(badEdit.statusCode, 422);
  t.match(badEdit.body, 'id="champ-endsAt-erreur"');
  t.match(badEdit.body, 'value="Forum d’Avion (salle B)"', 'what was typed stays');
  t.match(textOf((await coordinator.get(base)).body), 'Forum d’Avion', 'nothing written');
  const edited = await coordinator.post(`${base}/modifier`, form);
  t.equal(edited.statusCode, 303);
  const afterEdit = textOf((await coordinator.get(edited.headers.location!)).body);
  t.match(afterEdit, 'Le forum est modifié.');
  t.match(afterEdit, 'Forum d’Avion (salle B)');
  t.match(afterEdit, 'Salle des fêtes, Lens');
  const stale = await coordinator.post(`${base}/modifier`, { ...form, title: 'Forum perdu' });
  t.equal(stale.statusCode, 412, 'the version read is no longer the forum’s');
  t.match(textOf(stale.body), 'a changé depuis la version 1');
  t.equal((await otherCoordinator.get(`${base}/modifier`)).statusCode, 404, 'someone else’s forum');
  t.equal((await otherCoordinator.post(`${base}/modifier`, { ...form, version: '2' })).statusCode, 404);

  const s1 = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Centre social' });
  const s2 = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Ludothèque' });
  await coordinator.get(base);
  const badSeat = await coordinator.post(`${base}/structures`, { structureId: s1.id, tables: '2', unavailableRounds: '3, 99' });
  t.equal(badSeat.statusCode, 422);
  t.match(badSeat.body, 'id="champ-unavailableRounds-erreur"', 'a round beyond the forum, beside the field');
  t.match(badSeat.body, 'value="3, 99"');
  t.equal((await coordinator.post(`${base}/structures`, { structureId: s1.id, tables: '1', unavailableRounds: '3' })).statusCode, 303);
  t.equal((await coordinator.post(`${base}/structures`, { structureId: s2.id, tables: '' })).statusCode, 303);
  const seated = textOf((await coordinator.get(base)).body);
  t.match(seated, 'Centre social 1 3');
  t.match(seated, 'Ludothèque 1 aucun');

  // Two shortlisted candidates of a mission of the edition.
  const mission = await ctx.db.selectFrom('missions').select('id').where('edition_id', '=', edition.edition_id).executeTakeFirstOrThrow();
  const people = [];
  for (const firstName of ['Dina', 'Elias']) {
    const user = await createUser(ctx.db, 'candidate');
    await createProfile(ctx.db, user.id, { firstName, lastName: 'Durand' });
    await createApplication(ctx.db, { missionId: mission.id, candidateId: user.id, status: 'shortlisted' });
    people.push(user);
  }
  // The shortlist is of structures at the forum: the mission's host sits there too.
  const host = await ctx.db.selectFrom('missions').select('host_structure_id').where('id', '=', mission.id).executeTakeFirstOrThrow();
  await coordinator.post(`${base}/structures`, { structureId: host.host_structure_id, tables: '1' });
  const invited = await coordinator.post(`${base}/inviter`, {});
  t.equal(invited.statusCode, 303);
  t.match(textOf((await coordinator.get(invited.headers.location!)).body), /\d+ personnes? invitées?, \d+ déjà là/);
  const candidatesPage = textOf((await coordinator.get(base)).body);
  t.match(candidatesPage, 'Dina Durand');
  t.match(candidatesPage, 'Elias Durand');
  t.match(candidatesPage, 'Inviter une personne');

  // One at a time: Farid applied to the edition but is not shortlisted; Gina applied only to
  // another operator's mission and is never offered.
  const farid = await createUser(ctx.db, 'candidate');
  await createProfile(ctx.db, farid.id, { firstName: 'Farid', lastName: 'Martin' });
  await createApplication(ctx.db, { missionId: mission.id, candidateId: farid.id, status: 'submitted' });
  const gina = await createUser(ctx.db, 'candidate');
  await createProfile(ctx.db, gina.id, { firstName: 'Gina', lastName: 'Martin' });
  await createApplication(ctx.db, { missionId: (await createMission(ctx.db, { operatorId: other.id })).id, candidateId: gina.id, status: 'submitted' });
  const search = await coordinator.get(`${base}/invitations?q=martin`);
  t.equal(search.statusCode, 200);
  const found = textOf(search.body);
  t.match(found, 'Farid Martin');
  t.match(found, 'a candidaté à l’édition');
  t.notMatch(found, 'Gina', 'another operator’s candidate is not offered');
  t.notMatch(textOf((await coordinator.get(`${base}/invitations`)).body), 'Dina Durand', 'someone invited already is not offered again');
  const one = await coordinator.post(`${base}/invitations`, { candidateId: farid.id, q: 'martin' });
  t.equal(one.statusCode, 303);
  t.equal(one.headers.location, `${base}/invitations?q=martin&invite=${farid.id}`, 'back to the search, the words kept');
  const afterOne = textOf((await coordinator.get(one.headers.location!)).body);
  t.match(afterOne, 'Farid Martin est invité·e au forum.');
  t.match(afterOne, 'Personne à inviter ne correspond à « martin ».');
  const twiceOne = await coordinator.post(`${base}/invitations`, { candidateId: farid.id, q: 'martin' });
  t.equal(twiceOne.statusCode, 409);
  t.match(textOf(twiceOne.body), 'Le candidat est déjà invité à ce forum.');
  t.match(twiceOne.body, 'value="martin"', 'the words typed are kept');
  const foreign = await coordinator.post(`${base}/invitations`, { candidateId: gina.id });
  t.equal(foreign.statusCode, 404, 'another operator’s candidate: as an unknown id');
  t.match(textOf(foreign.body), 'Aucun candidat ayant postulé à cette édition');
  t.equal((await otherCoordinator.get(`${base}/invitations`)).statusCode, 404, 'someone else’s forum');
  t.equal((await otherCoordinator.post(`${base}/invitations`, { candidateId: farid.id })).statusCode, 404);

  // Farid after all will not come: uninvited before the day.
  t.match(textOf((await coordinator.get(base)).body), 'Farid Martin');
  const removed = await coordinator.post(`${base}/candidats/${farid.id}/retirer`, {});
  t.equal(removed.statusCode, 303);
  const afterRemoval = textOf((await coordinator.get(removed.headers.location!)).body);
  t.match(afterRemoval, 'La personne est retirée du forum, avec ses demandes de rencontre.');
  t.notMatch(afterRemoval, 'Farid Martin');
  t.equal((await coordinator.post(`${base}/candidats/${farid.id}/retirer`, {})).statusCode, 404, 'not invited any more');

  // The requests: added by the coordination in the matrix; a mutual one highlighted.
  const forumId = base.split('/').at(-1)!;
  const requests = await coordinator.get(`${base}/demandes`);
  t.equal(requests.statusCode, 200);
  t.match(textOf(requests.body), 'Qui a demandé à rencontrer qui');
  for (const p of people) {
    for (const s of [s1, s2]) t.equal((await coordinator.post(`${base}/demandes`, { candidateId: p.id, structureId: s.id })).statusCode, 303);
  }
  const twice = await coordinator.post(`${base}/demandes`, { candidateId: people[0]!.id, structureId: s1.id });
  t.equal(twice.statusCode, 409, 'the same request twice: the refusal on the page');
  t.match(textOf(twice.body), 'Le formulaire contient une erreur');
  const matrix = textOf((await coordinator.get(`${base}/demandes`)).body);
  t.match(matrix, 'Demandée par la coordination');
  t.match(matrix, '4 demandes');

  // The grid: rounds used against the lower bound.
  const computed = await coordinator.post(`${base}/grille`, {});
  t.equal(computed.statusCode, 303);
  const afterGrid = textOf((await coordinator.get(computed.headers.location!)).body);
  t.match(afterGrid, 'La grille est calculée.');
  t.match(afterGrid, /Tours utilisés \d+ sur 7 disponibles ; aucune grille ne peut faire moins de 2 tours/);
  const gridPage = await coordinator.get(`${base}/grille`);
  t.equal(gridPage.statusCode, 200);
  t.match(gridPage.body, '<table class="grid">');
  t.match(textOf(gridPage.body), 'Centre social');
  t.match(gridPage.body, `href="/forums/${forumId}/schedule.html"`);
  const print = await coordinator.get(`/forums/${forumId}/schedule.html`);
  t.equal(print.statusCode, 200, 'the printable grid opens with the console’s cookie');

  // The grid fixes the day and the times; the place may still change.
  const fixed = await coordinator.post(`${base}/modifier`, { ...form, version: String((await ctx.db.selectFrom('forums').select('version').where('id', '=', forumId).executeTakeFirstOrThrow()).version), heldOn: '2027-03-11' });
  t.equal(fixed.statusCode, 409);
  t.match(textOf(fixed.body), 'sa grille dépend du jour et des horaires');
  t.match(textOf((await coordinator.get(`${base}/modifier`)).body), 'La grille est calculée : le jour et les horaires ne changent plus.');

  // Start, then Dina is absent: the repair from round 2 drops her meetings.
  const started = await coordinator.post(`${base}/statut`, { to: 'running' });
  t.equal(started.statusCode, 303);
  t.match(textOf((await coordinator.get(started.headers.location!)).body), 'Le forum a démarré.');
  const late = await coordinator.post(`${base}/horaires`, { candidateId: people[1]!.id, arrivesAt: '14:16', leavesAt: '' });
  t.equal(late.statusCode, 303);
  const lateText = textOf((await coordinator.get(late.headers.location!)).body);
  t.match(lateText, 'Les horaires sont enregistrés');
  t.match(lateText, 'Elias Durand 14 h 16 à la fin', 'Elias arrives at round 3');
  t.notMatch(lateText, 'Retirer Elias Durand du forum', 'once the forum runs, absent or gone, not uninvited');
  const early = await coordinator.post(`${base}/horaires`, { candidateId: people[1]!.id, arrivesAt: '14:16', leavesAt: '14:39' });
  t.equal(early.statusCode, 303);
  t.match(textOf((await coordinator.get(early.headers.location!)).body), 'Elias Durand 14 h 16 14 h 39', 'and leaves after round 5');
  const badLate = await coordinator.post(`${base}/horaires`, { candidateId: people[1]!.id, arrivesAt: '9h' });
  t.equal(badLate.statusCode, 400);
  t.match(textOf(badLate.body), 'Le formulaire contient une erreur');
  const backwards = await coordinator.post(`${base}/horaires`, { candidateId: people[1]!.id, arrivesAt: '14:40', leavesAt: '14:39' });
  t.equal(backwards.statusCode, 422);
  t.match(textOf(backwards.body), 'Départ : L’heure de départ doit venir après l’heure d’arrivée.');
  t.match(backwards.body, 'href="#champ-leavesAt"', 'the summary links to the field');
  t.match(backwards.body, /<p class="field-error" id="champ-leavesAt-erreur">.*?<\/p><select id="champ-leavesAt" name="leavesAt" aria-invalid="true" aria-describedby="champ-leavesAt-erreur">/, 'the error beside the refused row’s select');
  t.match(backwards.body, /<select id="champ-arrivesAt" name="arrivesAt"[^>]*>.*?<option value="14:40" selected>/, 'what was chosen stays');
  t.match(textOf((await coordinator.get(base)).body), 'Elias Durand 14 h 16 14 h 39', 'nothing written');
  await coordinator.post(`${base}/horaires`, { candidateId: people[1]!.id, arrivesAt: '14:16', leavesAt: '' });
  const badAttendance = await coordinator.post(`${base}/presence`, { candidateId: people[0]!.id, status: 'sleeping' });
  t.equal(badAttendance.statusCode, 400);
  t.equal((await coordinator.post(`${base}/presence`, { candidateId: people[0]!.id, status: 'absent' })).statusCode, 303);
  t.match(textOf((await coordinator.get(base)).body), 'Dina Durand au début à la fin Absent·e');
  const badRepair = await coordinator.post(`${base}/reparer`, { fromRound: '99' });
  t.equal(badRepair.statusCode, 422);
  t.match(badRepair.body, 'id="champ-fromRound-erreur"');
  const repaired = await coordinator.post(`${base}/reparer`, { fromRound: '1' });
  t.equal(repaired.statusCode, 303);
  t.match(repaired.headers.location!, /\/grille\?avant=1$/);
  const moved = textOf((await coordinator.get(repaired.headers.location!)).body);
  t.match(moved, 'Ce que la réparation a changé (depuis la version 1)');
  t.match(moved, /Dina Durand et (Centre social|Ludothèque) : rencontre du tour \d retirée/);

  const evaluations = await coordinator.get(`${base}/evaluations`);
  t.equal(evaluations.statusCode, 200);
  t.match(textOf(evaluations.body), 'Aucune évaluation pour l’instant.');

  const closing = await coordinator.post(`${base}/statut`, { to: 'closed' });
  t.equal(closing.statusCode, 303);
  const closed = textOf((await coordinator.get(closing.headers.location!)).body);
  t.match(closed, 'Le forum est clos.');
  t.match(closed, 'Terminé');
  t.notMatch(closed, 'Installer la structure', 'nothing to change once closed');
  t.notMatch(closed, 'Modifier le forum');
  const closedEdit = await coordinator.get(`${base}/modifier`);
  t.equal(closedEdit.statusCode, 409);
  t.match(textOf(closedEdit.body), 'Le forum est clos');
  const again = await coordinator.post(`${base}/statut`, { to: 'closed' });
  t.equal(again.statusCode, 409, 'closing twice: the refusal on the page, never a 500');
});

t.test('the evaluations matrix shows both sides and the mutual interest', async (t) => {
  const who = day.candidates.find((c) => c.id === mine[0]!.candidate.id)!;
  const put = await ctx.call('PUT', `/meetings/${mine[0]!.id}/evaluation`, { token: (await signIn(ctx, who)).accessToken, body: { interest: 4 } });
  t.equal(put.statusCode, 201);
  const res = await coordinator.get(`/gestion/forums/${day.forum.id}/evaluations`);
  t.equal(res.statusCode, 200);
  const text = textOf(res.body);
  t.match(text, 'Structure : 4/5, accueillerait : peut-être');
  t.match(text, '« Bonne rencontre »');
});

t.test('the requests matrix: who asked whom, a mutual request highlighted', async (t) => {
  const ana = day.candidates[0]!;
  const structure = day.structures[0]!;
  const asked = await ctx.call('POST', `/forums/${day.forum.id}/requests`, { token: (await signIn(ctx, ana)).accessToken, body: { structureId: structure.id } });
  t.equal(asked.statusCode, 201);
  const back = await ctx.call('POST', `/forums/${day.forum.id}/requests`, { token: (await signIn(ctx, day.member)).accessToken, body: { candidateId: ana.id } });
  t.equal(back.statusCode, 201);
  const res = await coordinator.get(`/gestion/forums/${day.forum.id}/demandes`);
  t.equal(res.statusCode, 200);
  const text = textOf(res.body);
  t.match(text, 'Demandée par la coordination et le candidat ou la candidate et la structure Mutuelle', 'Ana and the médiathèque asked each other');
  t.equal(res.body.match(/class="tag">Mutuelle</g)?.length, 1, 'only that pair');
  t.match(text, 'dont 1 rencontre mutuelle');
});

t.test('a structure member asks to meet a candidate from their column of the matrix, and withdraws only their own', async (t) => {
  const bilal = day.candidates[1]!;
  const path = `/gestion/forums/${day.forum.id}/demandes`;
  const page = await member.get(path);
  t.equal(page.statusCode, 200);
  const text = textOf(page.body);
  t.match(text, 'Les personnes invitées que votre structure veut rencontrer');
  t.match(text, 'Médiathèque de Lens');
  t.notMatch(page.body, 'Club &lt;script>', 'only their structure’s column');
  t.match(text, 'Mutuelle', 'the mutual request with Ana shows');
  const asked = await member.post(path, { candidateId: bilal.id, structureId: day.structures[0]!.id });
  t.equal(asked.statusCode, 303);
  const after = await member.get(path);
  t.match(textOf(after.body), 'Demandée par la coordination et la structure', 'Bilal: asked by the coordination and now the structure');
  const rows = await ctx.db.selectFrom('meeting_requests').select(['id', 'side']).where('forum_id', '=', day.forum.id).where('candidate_id', '=', bilal.id).where('structure_id', '=', day.structures[0]!.id).execute();
  const own = rows.find((r) => r.side === 'structure')!;
  const coordination = rows.find((r) => r.side === 'coordinator')!;
  t.match(after.body, `${path}/${own.id}/retirer`, 'their own request can be withdrawn');
  t.notMatch(after.body, `${path}/${coordination.id}/retirer`, 'not the coordination’s');
  t.equal((await member.post(`${path}/${coordination.id}/retirer`, {})).statusCode, 404, 'the coordination’s request is not theirs to withdraw');
  const other = await member.post(path, { candidateId: bilal.id, structureId: day.structures[1]!.id });
  t.equal(other.statusCode, 403);
  t.match(textOf(other.body), 'Un membre de structure demande les rencontres de sa propre structure.');
  t.equal((await member.post(`${path}/${own.id}/retirer`, {})).statusCode, 303);
  t.equal((await ctx.db.selectFrom('meeting_requests').select('id').where('id', '=', own.id).execute()).length, 0, 'withdrawn');
});
