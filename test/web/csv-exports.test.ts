import t from 'tap';
import { setup } from '../helpers/app.js';
import { readCsv, uniqueHeaders } from '../helpers/csv.js';
import { createMission, createOperator, createStructure, createUser, signedIn, signIn } from '../helpers/factories.js';
import { moveClockTo, runningForum } from './forum-day-fixtures.js';
import { Visitor } from './helpers.js';

/**
 * The console's lists as spreadsheets (issue 15): each list page links its CSV with the page's
 * filters; the file holds every page of the list, as the list's visibility allows, in French.
 */
const ctx = await setup(t);

async function coordinatorOf(operatorId: string) {
  const user = await createUser(ctx.db, 'coordinator', { operatorId });
  const visitor = new Visitor(ctx);
  await visitor.signIn(user.email);
  return visitor;
}

t.test('« Structures »: the filtered list, every page, in French; another operator’s left out', async (t) => {
  const operator = await createOperator(ctx.db);
  const visitor = await coordinatorOf(operator.id);
  const louvre = await createStructure(ctx.db, { operatorId: operator.id, name: 'Louvre-Lens', kind: 'first_circle' });
  await ctx.db
    .updateTable('structures')
    .set({ contacts: JSON.stringify([{ name: 'Inès Martin', role: 'Médiatrice', email: 'ines@example.fr', phone: '+33 3 21 18 62 62' }]), created_at: new Date('2026-07-31T22:30:00Z') })
    .where('id', '=', louvre.id)
    .execute();
  for (let i = 0; i < 105; i++) await createStructure(ctx.db, { operatorId: operator.id, name: `Proximité ${String(i).padStart(3, '0')}` });
  await createStructure(ctx.db, { name: 'Proximité d’un autre opérateur' });

  const list = await visitor.get('/gestion/structures?kind=proximity');
  t.match(list.body, 'href="/gestion/structures.csv?kind=proximity"', 'the link keeps the filters');
  t.match(list.body, 'Télécharger (CSV)');

  const csv = await visitor.get('/gestion/structures.csv?kind=proximity');
  t.equal(csv.statusCode, 200);
  t.match(csv.headers['content-type'], /^text\/csv; charset=utf-8/);
  const { header, records } = readCsv(csv.body);
  t.ok(uniqueHeaders(header));
  t.equal(records.length, 105, 'every page of the filtered list, nothing of another operator');
  t.ok(records.every((r) => r.Type === 'Structure de proximité'), 'the kind in words');

  const one = readCsv((await visitor.get('/gestion/structures.csv?q=louvre')).body).records;
  t.match(one, [{ Structure: 'Louvre-Lens', Type: 'Structure du premier cercle', Portée: 'Régionale', Contact: 'Inès Martin', 'Téléphone du contact': '03 21 18 62 62', 'Créée le': '01/08/2026' }]);

  t.equal((await visitor.get('/gestion/structures.csv?kind=nope')).statusCode, 400);
  const member = new Visitor(ctx);
  await member.signIn((await createUser(ctx.db, 'structure_member', { structureId: louvre.id })).email);
  t.equal((await member.get('/gestion/structures.csv')).statusCode, 403, 'as the list: coordinators only');
});

t.test('a forum’s candidates and evaluations: links on their pages, the files in French, the coordination’s only', async (t) => {
  const operator = await createOperator(ctx.db);
  const api = await signedIn(ctx, 'coordinator', { operatorId: operator.id });
  const day = await runningForum(ctx, { operatorId: operator.id, coordinatorToken: api.accessToken, structures: ['Médiathèque de Lens'], firstNames: ['Ana', 'Bilal'] });
  moveClockTo(ctx, '14:09');
  const meeting = day.meetings.find((m) => m.candidate.id === day.candidates[0]!.id)!;
  t.equal((await ctx.call('PUT', `/meetings/${meeting.id}/evaluation`, { token: (await signIn(ctx, day.candidates[0]!)).accessToken, body: { interest: 4 } })).statusCode, 201);
  const visitor = await coordinatorOf(operator.id);
  const base = `/gestion/forums/${day.forum.id}`;

  t.match((await visitor.get(base)).body, `href="${base}/candidats.csv"`);
  const candidates = await visitor.get(`${base}/candidats.csv`);
  t.equal(candidates.statusCode, 200);
  const read = readCsv(candidates.body);
  t.same(read.header, ['Prénom', 'Nom', 'Arrivée', 'Départ', 'Présence']);
  t.same(read.records.map((r) => r.Prénom).sort(), ['Ana', 'Bilal']);
  t.ok(read.records.every((r) => ['Attendu·e', 'Présent·e', 'Absent·e', 'Parti·e'].includes(r.Présence!)), 'the attendance in words');

  t.match((await visitor.get(`${base}/evaluations`)).body, `href="${base}/evaluations.csv"`);
  const evaluations = readCsv((await visitor.get(`${base}/evaluations.csv`)).body);
  t.ok(uniqueHeaders(evaluations.header));
  t.match(evaluations.records, [{ Prénom: 'Ana', Structure: 'Médiathèque de Lens', 'Intérêt de la personne': '4/5 (Intéressé·e)' }]);

  const member = new Visitor(ctx);
  await member.signIn(day.member.email);
  t.equal((await member.get(`${base}/evaluations.csv`)).statusCode, 403, 'as the matrix: the coordination’s');
  const stranger = await coordinatorOf((await createOperator(ctx.db)).id);
  t.equal((await stranger.get(`${base}/candidats.csv`)).statusCode, 404, 'another operator’s forum');
});

t.test('« Missions »: the status filter, what the actor sees, in French', async (t) => {
  const operator = await createOperator(ctx.db);
  const lens = await createStructure(ctx.db, { operatorId: operator.id, name: 'Médiathèque de Lens' });
  const liévin = await createStructure(ctx.db, { operatorId: operator.id, name: 'Archives de Liévin' });
  await createMission(ctx.db, { operatorId: operator.id, hostId: lens.id, title: 'Lectures à Lens', status: 'published' });
  await createMission(ctx.db, { operatorId: operator.id, hostId: lens.id, title: 'Brouillon à Lens', status: 'draft' });
  await createMission(ctx.db, { operatorId: operator.id, hostId: liévin.id, title: 'Mémoires de Liévin', status: 'published' });
  const coordinator = await coordinatorOf(operator.id);
  const list = await coordinator.get('/gestion/missions?status=published');
  t.match(list.body, 'href="/gestion/missions.csv?status=published"');
  const published = readCsv((await coordinator.get('/gestion/missions.csv?status=published')).body);
  t.ok(uniqueHeaders(published.header));
  t.same(published.records.map((r) => r.Mission).sort(), ['Lectures à Lens', 'Mémoires de Liévin']);
  t.ok(published.records.every((r) => r.Statut === 'Publiée' && /^\d{2}\/\d{2}\/\d{4}$/.test(r.Début!)), 'the status in words, French dates');
  const member = new Visitor(ctx);
  await member.signIn((await createUser(ctx.db, 'structure_member', { structureId: lens.id })).email);
  const theirs = readCsv((await member.get('/gestion/missions.csv')).body);
  t.same(theirs.records.map((r) => r.Mission).sort(), ['Brouillon à Lens', 'Lectures à Lens'], 'a member: their structure’s only');
});
