import t from 'tap';
import { setup } from '../helpers/app.js';
import { createEdition, createMission, createOperator, createStructure, createUser } from '../helpers/factories.js';
import { textOf, Visitor } from './helpers.js';

/** « Mes missions »: drafting, editing, submitting for publication; the coordination's list and « Publier ». */
const ctx = await setup(t);
const ligue = await createOperator(ctx.db, { name: 'Ligue de l’Enseignement du Pas-de-Calais' });
const edition = await createEdition(ctx.db, { operatorId: ligue.id, startsOn: '2027-01-01', endsOn: '2027-12-31' });
const carvin = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Service Culturel de Carvin', kind: 'proximity' });
const harnes = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Médiathèque de Harnes', kind: 'proximity' });
const louvre = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Louvre-Lens', kind: 'first_circle' });
await ctx.db
  .insertInto('partnerships')
  .values([
    { edition_id: edition.id, proximity_structure_id: carvin.id, first_circle_structure_id: louvre.id },
    { edition_id: edition.id, proximity_structure_id: harnes.id, first_circle_structure_id: louvre.id },
  ])
  .execute();

const member = new Visitor(ctx);
await member.signIn((await createUser(ctx.db, 'structure_member', { structureId: carvin.id, fullName: 'Paul Tuteur' })).email);
const harnesMember = new Visitor(ctx);
await harnesMember.signIn((await createUser(ctx.db, 'structure_member', { structureId: harnes.id })).email);
const coordinator = new Visitor(ctx);
await coordinator.signIn((await createUser(ctx.db, 'coordinator', { operatorId: ligue.id })).email);

const draft = (values: Record<string, string> = {}) => ({
  editionId: edition.id,
  title: 'Ambassadeur du théâtre',
  description: 'Faire découvrir la saison aux habitants',
  startsOn: '2027-02-01',
  durationMonths: '8',
  weeklyHours: '24',
  daysPerWeek: '4',
  lieu: 'Carvin',
  ...values,
});
const missionNamed = (title: string) => ctx.db.selectFrom('missions').selectAll().where('title', '=', title).executeTakeFirst();

t.test('a member drafts a mission; the rules are explained beside the fields', async (t) => {
  const form = await member.get('/gestion/missions/nouvelle');
  t.equal(form.statusCode, 200);
  const text = textOf(form.body);
  t.match(text, 'Nouvelle mission');
  t.match(text, 'De 6 à 12 mois, d’un seul tenant.');
  t.match(text, 'Au moins 24 heures et au plus 48 heures par semaine');
  t.match(text, 'Ouverte aux mineurs : 35 heures au plus.');
  t.notMatch(form.body, 'name="hostStructureId"', 'a member drafts for their own structure');
  t.match(form.body, 'id="champ-durationMonths" name="durationMonths" type="number"');
  t.match(form.body, 'aria-describedby="champ-weeklyHours-aide"');

  const res = await member.post('/gestion/missions/nouvelle', draft());
  t.equal(res.statusCode, 303);
  t.equal(res.headers.location, '/gestion/missions?cree=1');
  const row = await missionNamed('Ambassadeur du théâtre');
  t.ok(row);
  t.equal(row!.status, 'draft');
  t.equal(row!.host_structure_id, carvin.id);
  t.equal(row!.first_circle_structure_id, louvre.id, 'the partner of the edition');
  t.equal(row!.days_per_week, 4);
  t.equal(row!.commune_code, '62215', 'Carvin, from its name');
  const list = await member.get(res.headers.location!);
  const listText = textOf(list.body);
  t.match(listText, 'Le brouillon est enregistré.');
  t.match(listText, 'Ambassadeur du théâtre');
  t.match(listText, 'Statut : Brouillon');
  t.notMatch(listText, 'Publier «', 'a member does not publish');
});

t.test('a refused draft comes back filled, each refusal in words beside its field', async (t) => {
  await member.get('/gestion/missions/nouvelle');
  const minors = await member.post('/gestion/missions/nouvelle', draft({ title: 'Refusée <b>mineurs</b>', weeklyHours: '40', openToMinors: 'true' }));
  t.equal(minors.statusCode, 422);
  t.match(minors.body, 'id="champ-weeklyHours-erreur"', 'beside the hours');
  t.match(textOf(minors.body), 'Une mission ouverte aux mineurs compte au plus 35 heures par semaine, pas 40.');
  t.match(minors.body, 'value="Refusée &lt;b>mineurs&lt;/b>"', 'the title comes back, escaped');
  t.match(minors.body, 'value="40"');
  t.match(minors.body, /name="openToMinors" value="true" checked/);
  t.match(textOf(minors.body), 'Erreur : Nouvelle mission');
  t.notOk(await missionNamed('Refusée <b>mineurs</b>'));

  await member.get('/gestion/missions/nouvelle');
  const short = await member.post('/gestion/missions/nouvelle', draft({ durationMonths: '3', weeklyHours: 'beaucoup', lieu: 'Nulle-Part-Sur-Mer' }));
  t.equal(short.statusCode, 400);
  t.match(short.body, 'id="champ-weeklyHours-erreur"');
  t.match(short.body, 'id="champ-lieu-erreur"');
  t.match(textOf(short.body), 'Aucune commune ne correspond');
  t.notMatch(short.body, 'expected number', 'zod’s messages in French');

  await member.get('/gestion/missions/nouvelle');
  const duration = await member.post('/gestion/missions/nouvelle', draft({ durationMonths: '3' }));
  t.equal(duration.statusCode, 422);
  t.match(duration.body, 'id="champ-durationMonths-erreur"');

  await member.get('/gestion/missions/nouvelle');
  const outside = await member.post('/gestion/missions/nouvelle', draft({ startsOn: '2028-03-01' }));
  t.equal(outside.statusCode, 422);
  t.match(outside.body, 'id="champ-startsOn-erreur"');
});

t.test('edit a draft, submit it; the coordination sees it first and publishes it', async (t) => {
  await member.get('/gestion/missions/nouvelle');
  await member.post('/gestion/missions/nouvelle', draft({ title: 'Médiation au musée' }));
  const row = (await missionNamed('Médiation au musée'))!;
  const form = await member.get(`/gestion/missions/${row.id}/modifier`);
  t.equal(form.statusCode, 200);
  t.match(form.body, 'value="Médiation au musée"');
  t.match(form.body, 'name="version" value="1"');
  const refused = await member.post(`/gestion/missions/${row.id}/modifier`, { title: 'Médiation au musée', startsOn: '2027-02-01', durationMonths: '8', weeklyHours: '20', version: '1', lieu: 'Carvin', lieuInitial: 'Carvin' });
  t.equal(refused.statusCode, 422);
  t.match(refused.body, 'id="champ-weeklyHours-erreur"');
  t.match(textOf(refused.body), 'sauf dérogation enregistrée');
  await member.get(`/gestion/missions/${row.id}/modifier`);
  const saved = await member.post(`/gestion/missions/${row.id}/modifier`, {
    title: 'Médiation au musée',
    startsOn: '2027-02-01',
    durationMonths: '8',
    weeklyHours: '20',
    weeklyHoursDerogation: 'Publics scolaires le matin seulement',
    version: '1',
    lieu: 'Carvin',
    lieuInitial: 'Carvin',
  });
  t.equal(saved.statusCode, 303);
  const after = (await missionNamed('Médiation au musée'))!;
  t.equal(after.weekly_hours, 20);
  t.equal(after.weekly_hours_derogation, 'Publics scolaires le matin seulement');
  t.equal(after.commune_code, row.commune_code, 'the commune unchanged');

  await member.get(`/gestion/missions/${row.id}/modifier`);
  const stale = await member.post(`/gestion/missions/${row.id}/modifier`, { title: 'Trop tard', startsOn: '2027-02-01', durationMonths: '8', weeklyHours: '24', version: '1' });
  t.equal(stale.statusCode, 412, 'an old version is refused');
  t.match(stale.body, 'value="Trop tard"');

  await member.get('/gestion/missions');
  const submitted = await member.post(`/gestion/missions/${row.id}/soumettre`, {});
  t.equal(submitted.statusCode, 303);
  const memberList = textOf((await member.get(submitted.headers.location!)).body);
  t.match(memberList, 'La mission est soumise pour publication');
  t.match(memberList, 'Statut : Soumise pour publication');
  t.notMatch(memberList, 'Soumettre pour publication « Médiation au musée »', 'submitted once');

  await createMission(ctx.db, { operatorId: ligue.id, editionId: edition.id, hostId: harnes.id, firstCircleId: louvre.id, title: 'Un autre brouillon', status: 'draft' });
  const coordinatorList = await coordinator.get('/gestion/missions');
  const coordinatorText = textOf(coordinatorList.body);
  t.ok(coordinatorText.indexOf('Médiation au musée') < coordinatorText.indexOf('Un autre brouillon'), 'the submitted draft first');
  t.ok(coordinatorText.indexOf('Médiation au musée') < coordinatorText.indexOf('Ambassadeur du théâtre'));
  t.match(coordinatorList.body, `action="/gestion/missions/${row.id}/publier"`);
  const published = await coordinator.post(`/gestion/missions/${row.id}/publier`, {});
  t.equal(published.statusCode, 303);
  t.equal((await missionNamed('Médiation au musée'))!.status, 'published');
  t.match(textOf((await coordinator.get(published.headers.location!)).body), 'La mission est publiée');

  const locked = await member.get(`/gestion/missions/${row.id}/modifier`);
  t.equal(locked.statusCode, 409, 'a published mission is the coordination’s to change');
  t.match(textOf(locked.body), 'seul un coordinateur peut encore la modifier');
  await member.get('/gestion/missions');
  const again = await member.post(`/gestion/missions/${row.id}/soumettre`, {});
  t.equal(again.statusCode, 409, 'only a draft is submitted');
  t.match(again.body, `id="mission-${row.id}-erreur"`);
  t.match(textOf(again.body), 'Seul un brouillon se soumet à la publication : cette mission est « publiée ».');
});

t.test('publishing refused by a rule shows beside the mission', async (t) => {
  const accredited = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Structure agréée', kind: 'proximity' });
  const m = await createMission(ctx.db, { operatorId: ligue.id, editionId: edition.id, hostId: accredited.id, firstCircleId: louvre.id, title: 'Mission d’une structure agréée', status: 'draft' });
  await ctx.db.updateTable('structures').set({ accredited: true, accreditation_number: 'NA-062-21-00001-00' }).where('id', '=', accredited.id).execute();
  await coordinator.get('/gestion/missions');
  const res = await coordinator.post(`/gestion/missions/${m.id}/publier`, {});
  t.equal(res.statusCode, 422);
  t.match(res.body, `id="mission-${m.id}-erreur"`);
  t.match(textOf(res.body), 'Structure agréée');
  t.equal((await ctx.db.selectFrom('missions').select('status').where('id', '=', m.id).executeTakeFirstOrThrow()).status, 'draft');
});

t.test('refusals: candidate 403, anonymous to sign in, another structure’s mission 404, a member cannot publish, CSRF', async (t) => {
  const candidate = new Visitor(ctx);
  await candidate.signIn((await createUser(ctx.db, 'candidate')).email);
  t.equal((await candidate.get('/gestion/missions')).statusCode, 403);
  t.equal((await candidate.get('/gestion/missions/nouvelle')).statusCode, 403);
  const anonymous = await new Visitor(ctx).get('/gestion/missions/nouvelle');
  t.equal(anonymous.statusCode, 302);
  t.equal(anonymous.headers.location, '/connexion?next=%2Fgestion%2Fmissions%2Fnouvelle');

  const carvinDraft = await createMission(ctx.db, { operatorId: ligue.id, editionId: edition.id, hostId: carvin.id, firstCircleId: louvre.id, title: 'Brouillon de Carvin', status: 'draft' });
  t.equal((await harnesMember.get(`/gestion/missions/${carvinDraft.id}/modifier`)).statusCode, 404);
  await harnesMember.get('/gestion/missions');
  t.equal((await harnesMember.post(`/gestion/missions/${carvinDraft.id}/soumettre`, {})).statusCode, 404);
  t.equal((await harnesMember.post(`/gestion/missions/${carvinDraft.id}/modifier`, { title: 'Volé', version: '1' })).statusCode, 404);
  t.notMatch(textOf((await harnesMember.get('/gestion/missions')).body), 'Brouillon de Carvin');
  const foreign = await createMission(ctx.db, { title: 'Mission d’un autre organisme', status: 'draft' });
  t.equal((await coordinator.get(`/gestion/missions/${foreign.id}/modifier`)).statusCode, 404);
  await coordinator.get('/gestion/missions');
  t.equal((await coordinator.post(`/gestion/missions/${foreign.id}/publier`, {})).statusCode, 404);

  await member.get('/gestion/missions');
  const publish = await member.post(`/gestion/missions/${carvinDraft.id}/publier`, {});
  t.equal(publish.statusCode, 403);
  const csrf = await member.post(`/gestion/missions/${carvinDraft.id}/soumettre`, {}, { csrf: false });
  t.equal(csrf.statusCode, 403);
  t.match(textOf(csrf.body), 'La page a expiré');
  const created = await member.post('/gestion/missions/nouvelle', draft({ title: 'Sans jeton' }), { csrf: 'forged' });
  t.equal(created.statusCode, 403);
  t.notOk(await missionNamed('Sans jeton'));
});

t.test('a coordinator names the host; the list pages on', async (t) => {
  const form = await coordinator.get('/gestion/missions/nouvelle');
  t.match(form.body, 'name="hostStructureId"');
  t.match(form.body, '>Médiathèque de Harnes</option>');
  const noHost = await coordinator.post('/gestion/missions/nouvelle', draft({ title: 'Sans structure' }));
  t.equal(noHost.statusCode, 422);
  t.match(noHost.body, 'id="champ-hostStructureId-erreur"');
  await coordinator.get('/gestion/missions/nouvelle');
  const ok = await coordinator.post('/gestion/missions/nouvelle', draft({ title: 'Pour Harnes', hostStructureId: harnes.id }));
  t.equal(ok.statusCode, 303);
  t.equal((await missionNamed('Pour Harnes'))!.host_structure_id, harnes.id);

  for (let i = 0; i < 20; i++) await createMission(ctx.db, { operatorId: ligue.id, editionId: edition.id, hostId: harnes.id, firstCircleId: louvre.id, title: `Série ${i}`, status: 'published' });
  const first = await coordinator.get('/gestion/missions');
  t.match(first.body, 'href="/gestion/missions?page=2"');
  const second = await coordinator.get('/gestion/missions?page=2');
  t.equal(second.statusCode, 200);
  t.match(second.body, 'Missions précédentes');
  const published = textOf((await coordinator.get('/gestion/missions?status=draft')).body);
  t.notMatch(published, 'Série 1');
});
