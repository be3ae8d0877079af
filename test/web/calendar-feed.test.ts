import t from 'tap';
import { createLogger } from '../../src/logger.js';
import { setup } from '../helpers/app.js';
import { createOperator, createProfile, createUser, signedIn } from '../helpers/factories.js';
import { readCalendar, type ReadEvent } from '../helpers/ical.js';
import { forumDay } from './forum-fixtures.js';
import { textOf, Visitor } from './helpers.js';

/**
 * Calendars that update themselves: the subscription links of candidates and structure members,
 * their revocation, a repair's moved and dropped meetings as calendars read them (ical.js), and
 * the secret never in the logs.
 */
const logLines: string[] = [];
const ctx = await setup(t, { logger: createLogger('info', { write: (line: string) => void logLines.push(line) }) });
const ligue = await createOperator(ctx.db);
const coordinator = await signedIn(ctx, 'coordinator', { operatorId: ligue.id });
const token = coordinator.accessToken;

async function person(role: 'candidate' | 'structure_member', firstName: string, structureId?: string) {
  const user = await createUser(ctx.db, role, structureId ? { structureId } : {});
  if (role === 'candidate') await createProfile(ctx.db, user.id, { firstName, lastName: 'Test' });
  const visitor = new Visitor(ctx);
  await visitor.signIn(user.email);
  return { user, visitor };
}

const ana = await person('candidate', 'Ana');
const bilal = await person('candidate', 'Bilal');
const chloe = await person('candidate', 'Chloé');
// In the future (the forum can still be repaired); three candidates, two structures of one table.
const lens = await forumDay(ctx, {
  operatorId: ligue.id,
  coordinatorToken: token,
  heldOn: '2027-03-17',
  title: 'Forum de Lens',
  structures: ['Service Culturel de Carvin', 'Médiathèque de Lens'],
  candidates: [ana.user, bilal.user, chloe.user],
});
// A second forum of Ana's, in summer time.
const bethune = await forumDay(ctx, { operatorId: ligue.id, coordinatorToken: token, heldOn: '2027-06-16', title: 'Forum de Béthune', structures: ['Louvre-Lens & Co'], candidates: [ana.user] });
const [carvin, mediatheque] = lens.structures;
const member = await person('structure_member', 'Maya', carvin!.id);
const tokens: string[] = [];

const feedOf = (body: string) => {
  const jeton = /\/agenda\.ics\?jeton=([A-Za-z0-9_-]{43})/.exec(body)?.[1];
  if (jeton) tokens.push(jeton);
  return jeton;
};
const feed = (jeton: string) => ctx.app.inject({ method: 'GET', url: `/agenda.ics?jeton=${jeton}` });
const events = async (jeton: string) => {
  const res = await feed(jeton);
  if (res.statusCode !== 200) throw new Error(`feed: ${res.statusCode}`);
  return readCalendar(res.body);
};
async function link(visitor: Visitor, page: string, action: string) {
  await visitor.get(page);
  const made = await visitor.post(action, {});
  if (made.statusCode !== 303) throw new Error(`link: ${made.statusCode}`);
  return feedOf((await visitor.get(page)).body)!;
}
type ApiMeeting = { id: string; round: number; startsAt: string; structure: { id: string; name: string }; candidate: { id: string } };
const uidOf = (forumId: string, m: { structure: { id: string }; candidate: { id: string } }) => `${forumId}-${m.structure.id}-${m.candidate.id}@binome`;

t.test('a candidate’s feed: every forum of theirs, in Europe/Paris, the place, a reminder 10 minutes before', async (t) => {
  const jeton = await link(ana.visitor, '/mon-planning', '/mon-planning/abonnement');
  const read = await events(jeton);
  t.equal(read.name, 'Binôme — mon planning');
  const mine = ([...lens.meetings, ...bethune.meetings] as unknown as ApiMeeting[]).filter((m) => m.candidate.id === ana.user.id);
  t.equal(read.events.length, mine.length, 'one event per meeting, both forums');
  t.equal(mine.length, 3);
  for (const m of mine) {
    const forumId = (lens.meetings as unknown as ApiMeeting[]).includes(m) ? lens.forum.id : bethune.forum.id;
    const e = read.events.find((x) => x.uid === uidOf(forumId, m));
    t.ok(e, `the meeting with ${m.structure.name}`);
    t.equal(e!.tzid, 'Europe/Paris');
    t.equal(e!.start.toISOString(), m.startsAt, 'at its time (Paris local time, resolved by the VTIMEZONE)');
    t.equal(e!.status, 'CONFIRMED');
    t.equal(e!.sequence, 1);
    t.equal(e!.location, 'Maison syndicale, 62300 Lens', 'the venue and the commune (the address once forums have one)');
    t.same(e!.alarms, [{ action: 'DISPLAY', trigger: '-PT10M', description: `Dans 10 minutes : ${e!.summary}` }]);
  }
  t.ok(read.events.some((e) => e.start.toISOString().startsWith('2027-06-16T12:')), 'summer: 14:00 in Paris is 12:00 UTC');
  t.ok(read.events.some((e) => e.start.toISOString().startsWith('2027-03-17T13:')), 'winter: 14:00 in Paris is 13:00 UTC');
});

t.test('revocation: the old link refused at once, then a new one works', async (t) => {
  const old = await link(chloe.visitor, '/mon-planning', '/mon-planning/abonnement');
  t.equal((await feed(old)).statusCode, 200);
  const page = textOf((await chloe.visitor.get('/mon-planning')).body);
  t.match(page, 'Vous avez créé votre lien d’abonnement le', 'seen on « Mon planning »');
  t.match(page, 'Révoquer ce lien');
  t.match(page, 'Remplacer par un nouveau lien');
  const revoked = await chloe.visitor.post('/mon-planning/abonnement/revocation', {});
  t.equal(revoked.statusCode, 303);
  t.equal(revoked.headers.location, '/mon-planning#abonnement');
  t.equal((await feed(old)).statusCode, 404, 'the revoked link opens nothing');
  t.notOk(await ctx.db.selectFrom('calendar_feeds').select('user_id').where('user_id', '=', chloe.user.id).executeTakeFirst(), 'no link left');
  const after = textOf((await chloe.visitor.get('/mon-planning')).body);
  t.match(after, 'Votre lien d’abonnement est révoqué : il ne donne plus accès à votre planning.');
  t.match(after, 'Créer mon lien d’abonnement');
  t.notMatch(after, 'Révoquer ce lien');
  const fresh = await link(chloe.visitor, '/mon-planning', '/mon-planning/abonnement');
  t.not(fresh, old);
  t.equal((await feed(fresh)).statusCode, 200, 'the new link works');
  t.equal((await feed(old)).statusCode, 404, 'the old one still not');
  t.equal((await chloe.visitor.post('/mon-planning/abonnement/revocation', {}, { csrf: false })).statusCode, 403, 'the revocation is a form of the page (CSRF)');
  t.equal((await feed(fresh)).statusCode, 200);
});

t.test('a structure member’s feed: their structure’s meetings at every forum, revocable', async (t) => {
  const forumPage = textOf((await member.visitor.get(`/gestion/forums/${lens.forum.id}`)).body);
  t.match(forumPage, 'S’abonner à l’agenda de ma structure', 'the forum page links to it');
  const page = await member.visitor.get('/gestion/forums/abonnement');
  t.equal(page.statusCode, 200);
  t.match(textOf(page.body), 'Vous n’avez pas encore de lien d’abonnement.');
  const jeton = await link(member.visitor, '/gestion/forums/abonnement', '/gestion/forums/abonnement');
  t.match((await member.visitor.get('/gestion/forums/abonnement')).body, 'Vous avez créé votre lien d’abonnement le', 'seen, not shown again');
  const read = await events(jeton);
  t.equal(read.name, 'Binôme — forums de Service Culturel de Carvin');
  const theirs = (lens.meetings as unknown as ApiMeeting[]).filter((m) => m.structure.id === carvin!.id);
  t.equal(read.events.length, theirs.length, 'Carvin’s meetings, and no one else’s');
  for (const m of theirs) t.ok(read.events.find((e) => e.uid === uidOf(lens.forum.id, m)), 'by its UID');
  t.ok(read.events.every((e) => /^Rencontre : (Ana|Bilal|Chloé) Test/.test(e.summary)), 'the candidate in the summary');
  t.notOk(read.events.some((e) => e.summary.includes(mediatheque!.name)));

  t.equal((await member.visitor.post('/gestion/forums/abonnement/revocation', {})).statusCode, 303);
  t.equal((await feed(jeton)).statusCode, 404, 'revoked');
  t.match(textOf((await member.visitor.get('/gestion/forums/abonnement')).body), 'Votre lien d’abonnement est révoqué : il ne donne plus accès au planning de votre structure.');
  const again = await link(member.visitor, '/gestion/forums/abonnement', '/gestion/forums/abonnement');
  t.equal((await feed(again)).statusCode, 200, 'a new one');

  t.equal((await ana.visitor.get('/gestion/forums/abonnement')).statusCode, 403, 'a candidate has « Mon planning »');
  t.equal((await member.visitor.post('/mon-planning/abonnement', {})).statusCode, 403, 'and a member this page');
  // The member's structure is read at each fetch: moved to another structure, the link follows.
  await ctx.db.updateTable('users').set({ structure_id: mediatheque!.id }).where('id', '=', member.user.id).execute();
  const moved = (await events(again)).events;
  t.equal(moved.length, (lens.meetings as unknown as ApiMeeting[]).filter((m) => m.structure.id === mediatheque!.id).length);
  t.ok(moved.every((e) => e.uid.includes(mediatheque!.id)), 'the Médiathèque’s meetings, nothing of Carvin’s any more');
  await ctx.db.updateTable('users').set({ structure_id: carvin!.id }).where('id', '=', member.user.id).execute();
});

t.test('a repair: the dropped meetings cancelled, the moved ones newer, in every calendar', async (t) => {
  const bilalLink = await link(bilal.visitor, '/mon-planning', '/mon-planning/abonnement');
  const memberLink = await link(member.visitor, '/gestion/forums/abonnement', '/gestion/forums/abonnement');
  const anaLink = await link(ana.visitor, '/mon-planning', '/mon-planning/abonnement');
  const chloeLink = await link(chloe.visitor, '/mon-planning', '/mon-planning/abonnement');
  const before = new Map<string, ReadEvent>();
  for (const jeton of [bilalLink, memberLink, anaLink, chloeLink]) for (const e of (await events(jeton)).events) before.set(e.uid, e);

  t.equal((await ctx.call('POST', `/forums/${lens.forum.id}/attendance`, { token, body: { candidateId: bilal.user.id, status: 'absent' } })).statusCode, 200);
  const repaired = await ctx.call('POST', `/forums/${lens.forum.id}/schedule/repair`, { token, body: { fromRound: 1 } });
  t.equal(repaired.statusCode, 201);
  const grid = repaired.json() as { version: number; meetings: ApiMeeting[] };
  t.equal(grid.version, 2);
  const old = lens.meetings as unknown as ApiMeeting[];
  const dropped = old.filter((m) => m.candidate.id === bilal.user.id);
  t.ok(dropped.length > 0, 'Bilal had meetings');
  t.notOk(grid.meetings.some((m) => m.candidate.id === bilal.user.id), 'the repair dropped them');
  const moved = grid.meetings.filter((m) => {
    const was = old.find((o) => o.structure.id === m.structure.id && o.candidate.id === m.candidate.id);
    return was && was.startsAt !== m.startsAt;
  });
  t.ok(moved.length > 0, 'and moved others into the freed rounds');

  // Bilal's calendar: his meetings still there, cancelled, newer than what it had.
  const bilalNow = (await events(bilalLink)).events;
  t.equal(bilalNow.length, dropped.length);
  for (const m of dropped) {
    const e = bilalNow.find((x) => x.uid === uidOf(lens.forum.id, m))!;
    t.ok(e, 'the same UID');
    t.equal(e.status, 'CANCELLED');
    t.ok(e.sequence > before.get(e.uid)!.sequence, `SEQUENCE ${e.sequence} > ${before.get(e.uid)!.sequence}`);
    t.equal(e.start.toISOString(), m.startsAt, 'when it was planned');
    t.same(e.alarms, [], 'no reminder');
  }
  // The structure's calendar has the cancellation too, beside its meetings.
  const carvinNow = (await events(memberLink)).events;
  const carvinDropped = dropped.filter((m) => m.structure.id === carvin!.id);
  t.equal(carvinNow.filter((e) => e.status === 'CANCELLED').length, carvinDropped.length);
  t.equal(carvinNow.filter((e) => e.status === 'CONFIRMED').length, grid.meetings.filter((m) => m.structure.id === carvin!.id).length);
  // The moved meetings: the same UID, the new time, a higher SEQUENCE.
  const others = [...(await events(anaLink)).events, ...(await events(chloeLink)).events, ...carvinNow];
  for (const m of moved) {
    const e = others.find((x) => x.uid === uidOf(lens.forum.id, m))!;
    t.ok(e, 'moved: the same UID');
    t.equal(e.status, 'CONFIRMED');
    t.equal(e.start.toISOString(), m.startsAt, 'at its new time');
    t.not(e.start.toISOString(), before.get(e.uid)!.start.toISOString());
    t.ok(e.sequence > before.get(e.uid)!.sequence, 'newer');
  }

  // The downloads tell the same: « Mon planning », and the API's calendar.ics of both sides.
  const download = await bilal.visitor.get(`/mon-planning/${lens.forum.id}/agenda.ics`);
  t.equal(download.statusCode, 200);
  t.same(readCalendar(download.body).events.map((e) => e.status), dropped.map(() => 'CANCELLED'));
  const api = await ctx.call('GET', `/forums/${lens.forum.id}/agendas/candidates/${bilal.user.id}/calendar.ics`, { token });
  t.same(readCalendar(api.body).events.map((e) => [e.status, e.sequence]), dropped.map(() => ['CANCELLED', 2]));
  const structureApi = readCalendar((await ctx.call('GET', `/forums/${lens.forum.id}/agendas/structures/${carvin!.id}/calendar.ics`, { token })).body);
  t.equal(structureApi.events.filter((e) => e.status === 'CANCELLED').length, carvinDropped.length);
  t.ok(structureApi.events.every((e) => e.sequence === 2));
  // Another forum's calendar is not touched by this repair.
  t.ok((await events(anaLink)).events.filter((e) => e.uid.startsWith(bethune.forum.id)).every((e) => e.sequence === 1 && e.status === 'CONFIRMED'));
});

t.test('the secret never reaches the logs', async (t) => {
  const jeton = await link(ana.visitor, '/mon-planning', '/mon-planning/abonnement');
  // However the parameter is spelled: Fastify decodes the name, so this is the same link.
  t.equal((await ctx.app.inject({ method: 'GET', url: `/agenda.ics?jet%6Fn=${jeton}` })).statusCode, 200);
  t.equal((await ctx.app.inject({ method: 'GET', url: `/agenda.ics?x=1&jeton=${jeton}&jeton=${jeton}` })).statusCode, 404, 'twice: not one secret');
  t.equal((await ctx.app.inject({ method: 'GET', url: `/agenda.ics?jeton=${jeton.slice(0, 42)}` })).statusCode, 404);
  const all = logLines.join('');
  const requests = logLines.map((l) => JSON.parse(l) as { req?: { url?: string } }).filter((l) => l.req?.url?.startsWith('/agenda.ics'));
  t.ok(requests.length >= 10, 'the feed’s requests are logged');
  t.ok(requests.some((l) => l.req!.url === '/agenda.ics?jeton=[redacted]'), 'with the parameter redacted');
  t.ok(requests.some((l) => l.req!.url === '/agenda.ics?jet%6Fn=[redacted]'));
  t.ok(requests.some((l) => l.req!.url === '/agenda.ics?x=1&jeton=[redacted]&jeton=[redacted]'));
  t.ok(tokens.length >= 8);
  for (const secret of new Set([...tokens, jeton.slice(0, 42)])) t.notOk(all.includes(secret), 'no secret in any log line');
});
