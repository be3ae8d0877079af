import t from 'tap';
import { setup } from '../helpers/app.js';
import { createOperator, createProfile, createUser, signedIn } from '../helpers/factories.js';
import { FORUM_DAY } from './forum-day-fixtures.js';
import { forumDay } from './forum-fixtures.js';
import { textOf, Visitor } from './helpers.js';

/** The agendas to print: a candidate's (/mon-planning/:id/imprimer) and a structure's (/gestion/forums/:id/imprimer). */
const ctx = await setup(t);
const ligue = await createOperator(ctx.db);
const coordinatorApi = await signedIn(ctx, 'coordinator', { operatorId: ligue.id });
const token = coordinatorApi.accessToken;

const people = [];
for (const firstName of ['Ana', 'Bilal', 'Chloé']) {
  const user = await createUser(ctx.db, 'candidate');
  await createProfile(ctx.db, user.id, { firstName, lastName: 'Durand' });
  people.push(user);
}
const [ana, bilal, chloe] = people as [(typeof people)[number], (typeof people)[number], (typeof people)[number]];
// Chloé is not invited to this forum: she has a forum elsewhere.
const day = await forumDay(ctx, { operatorId: ligue.id, coordinatorToken: token, heldOn: FORUM_DAY, structures: ['Médiathèque de Lens', 'Club'], candidates: [ana, bilal], schedule: false });
const url = (path: string) => `/forums/${day.forum.id}${path}`;
// Bilal comes late: from 14:15 (round 3 starts at 14:16).
async function must(res: Promise<{ statusCode: number; body: string }>, status: number) {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`${r.statusCode} ${r.body}`);
  return r;
}
await must(ctx.call('PATCH', url(`/candidates/${bilal.id}`), { token, body: { arrivesAt: '14:15' } }), 200);
const forum = (await ctx.call('GET', url(''), { token })).json() as { version: number };
await must(ctx.call('PATCH', url(''), { token, body: { address: '12 rue Jean-Jaurès' }, headers: { 'if-match': `"${forum.version}"` } }), 200);
const grid = JSON.parse((await must(ctx.call('POST', url('/schedule'), { token }), 201)).body) as { meetings: { round: number; table: number; structure: { id: string; name: string }; candidate: { id: string } }[]; rounds: { round: number; startsAt: string }[] };

const elsewhere = await forumDay(ctx, { operatorId: ligue.id, coordinatorToken: token, heldOn: FORUM_DAY, title: 'Forum d’Arras', structures: ['Ailleurs'], candidates: [chloe] });

async function visitor(user: { email: string }) {
  const v = new Visitor(ctx);
  await v.signIn(user.email);
  return v;
}
const anaVisitor = await visitor(ana);
const bilalVisitor = await visitor(bilal);
const chloeVisitor = await visitor(chloe);
const member = await visitor(await createUser(ctx.db, 'structure_member', { structureId: day.structures[0]!.id }));
const otherMember = await visitor(await createUser(ctx.db, 'structure_member', { structureId: elsewhere.structures[0]!.id }));
const coordinator = await visitor(await createUser(ctx.db, 'coordinator', { operatorId: ligue.id }));

const clock = (hhmm: string) => `${Number(hhmm.slice(0, 2))} h ${hhmm.slice(3)}`;

t.test('a candidate’s agenda: the day in words, the full address, the arrival, each meeting', async (t) => {
  const planning = await anaVisitor.get('/mon-planning');
  t.match(planning.body, `href="/mon-planning/${day.forum.id}/imprimer"`, 'a plain link from « Mon planning »');
  const res = await anaVisitor.get(`/mon-planning/${day.forum.id}/imprimer`);
  t.equal(res.statusCode, 200);
  const text = textOf(res.body);
  t.match(text, 'Forum de Lens');
  t.match(text, 'Ana Durand');
  t.match(text, 'mercredi 10 mars 2027');
  t.match(res.body, /<address>Maison syndicale<br\/?>12 rue Jean-Jaurès<br\/?>62300 Lens<\/address>/, 'the venue, the street and the commune with its postal code');
  const mine = grid.meetings.filter((m) => m.candidate.id === ana.id).sort((a, b) => a.round - b.round);
  t.equal(mine.length, 2);
  const first = grid.rounds.find((r) => r.round === mine[0]!.round)!;
  t.match(text, /Arrivée conseillée\s+\d{1,2} h \d{2}\s+: 10 minutes avant votre première rencontre/);
  t.match(text, `(${clock(first.startsAt)})`);
  for (const m of mine) t.match(text, new RegExp(`\\d{1,2} h \\d{2} – \\d{1,2} h \\d{2}\\s+Table ${m.table}\\s+${m.structure.name}`));
  t.notMatch(text, /undefined|null|NaN/);
  t.notMatch(text, /version \d/);
  t.match(res.body, /<button type="button" class="button" data-print="true" hidden>Imprimer<\/button>/, 'the print button, shown by binome.js');
  t.notMatch(res.body, /<script>(?!<\/script>)/, 'no inline script');
  t.notMatch(res.body, /onclick=/);
});

t.test('a late arrival: the time they announced, not earlier', async (t) => {
  const res = await bilalVisitor.get(`/mon-planning/${day.forum.id}/imprimer`);
  t.equal(res.statusCode, 200);
  const text = textOf(res.body);
  t.match(text, /Arrivée conseillée\s+14 h 15\s+: l’heure d’arrivée que vous avez indiquée/);
  for (const m of grid.meetings.filter((x) => x.candidate.id === bilal.id)) t.ok(m.round >= 3, 'his meetings after his arrival');
});

t.test('a candidate sees only theirs', async (t) => {
  t.equal((await chloeVisitor.get(`/mon-planning/${day.forum.id}/imprimer`)).statusCode, 404, 'a forum she is not invited to');
  t.equal((await chloeVisitor.get(`/mon-planning/${elsewhere.forum.id}/imprimer`)).statusCode, 200, 'hers');
  t.equal((await anaVisitor.get('/mon-planning/not-an-id/imprimer')).statusCode, 404);
  t.equal((await member.get(`/mon-planning/${day.forum.id}/imprimer`)).statusCode, 403, 'not a structure’s page');
  const anonymous = await new Visitor(ctx).get(`/mon-planning/${day.forum.id}/imprimer`);
  t.equal(anonymous.statusCode, 302, 'to the sign-in page');
});

t.test('a structure’s agenda: arrival before the forum’s first round, its candidates', async (t) => {
  const page = await member.get(`/gestion/forums/${day.forum.id}`);
  t.match(page.body, `href="/gestion/forums/${day.forum.id}/imprimer"`, 'a plain link from the forum’s page');
  const res = await member.get(`/gestion/forums/${day.forum.id}/imprimer`);
  t.equal(res.statusCode, 200);
  const text = textOf(res.body);
  t.match(text, 'Médiathèque de Lens');
  t.match(text, 'mercredi 10 mars 2027');
  t.match(text, /Arrivée conseillée\s+13 h 50\s+: 10 minutes avant le premier tour du forum \(14 h 00\), pour installer votre table/);
  t.match(text, 'Ana Durand');
  t.match(text, 'Bilal Durand');
  t.notMatch(text, 'Club', 'not the other structure’s meetings');
  t.notMatch(text, /undefined|null|NaN/);
});

t.test('a member sees only their structure’s', async (t) => {
  t.equal((await otherMember.get(`/gestion/forums/${day.forum.id}/imprimer`)).statusCode, 404, 'a forum their structure does not sit at');
  t.equal((await coordinator.get(`/gestion/forums/${day.forum.id}/imprimer`)).statusCode, 403, 'the coordination prints the whole grid');
  t.equal((await anaVisitor.get(`/gestion/forums/${day.forum.id}/imprimer`)).statusCode, 403);
});

t.test('the forum’s form: « Adresse » on create and edit, an emptied field clears it, a long one refused beside the field', async (t) => {
  const edition = await ctx.db.selectFrom('forums').select('edition_id').where('id', '=', day.forum.id).executeTakeFirstOrThrow();
  const blank = await coordinator.get('/gestion/forums/nouveau');
  t.match(blank.body, /<label[^>]*for="champ-address"[^>]*>Adresse/);
  const fields = { editionId: edition.edition_id, title: 'Forum d’Avion', venue: 'Salle des fêtes', address: '3 place du Cantin', communeCode: '62498', heldOn: FORUM_DAY, startsAt: '14:00', endsAt: '15:00' };
  const tooLong = await coordinator.post('/gestion/forums/nouveau', { ...fields, address: 'x'.repeat(301) });
  t.equal(tooLong.statusCode, 400);
  t.match(tooLong.body, 'id="champ-address-erreur"', 'the error beside « Adresse »');
  const created = await coordinator.post('/gestion/forums/nouveau', fields);
  t.equal(created.statusCode, 303);
  const base = created.headers.location!.split('?')[0]!;
  t.match(textOf((await coordinator.get(base)).body), 'Salle des fêtes, 3 place du Cantin, Lens', 'shown with the place');
  const id = base.split('/').at(-1)!;
  t.equal((await ctx.db.selectFrom('forums').select('address').where('id', '=', id).executeTakeFirstOrThrow()).address, '3 place du Cantin');
  const edit = await coordinator.get(`${base}/modifier`);
  t.match(edit.body, /name="address"[^>]*value="3 place du Cantin"|value="3 place du Cantin"[^>]*name="address"/, 'filled from the forum');
  const form = { version: '1', title: 'Forum d’Avion', venue: 'Salle des fêtes', address: '', communeCode: '62498', heldOn: FORUM_DAY, startsAt: '14:00', endsAt: '15:00', slotMinutes: '7', changeoverMinutes: '1', breakAfterRound: '', breakMinutes: '' };
  t.equal((await coordinator.post(`${base}/modifier`, form)).statusCode, 303);
  t.equal((await ctx.db.selectFrom('forums').select('address').where('id', '=', id).executeTakeFirstOrThrow()).address, null, 'emptied: none');
});
