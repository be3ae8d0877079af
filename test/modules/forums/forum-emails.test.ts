import ICAL from 'ical.js';
import t from 'tap';
import type { EmailAttachment } from '../../../db/database.js';
import { loadConfig } from '../../../src/config.js';
import { forumRemindersJob } from '../../../src/jobs/forum-reminders.js';
import { changeLines } from '../../../src/modules/forums/forum.emails.js';
import type { JobContext } from '../../../src/jobs/registry.js';
import { setup } from '../../helpers/app.js';
import { createApplication, createEdition, createMission, createOperator, createStructure, createUser, signedIn, signedInCandidate } from '../../helpers/factories.js';

/** The forum's e-mails: invitation, convocation with the agenda, « agenda modifié » after a repair, the day-before reminder. */
const ctx = await setup(t);
const ligue = await createOperator(ctx.db);
const coordinator = await signedIn(ctx, 'coordinator', { operatorId: ligue.id });
const token = coordinator.accessToken;
const edition = await createEdition(ctx.db, { operatorId: ligue.id, startsOn: '2018-11-01', endsOn: '2019-06-30' });
const carvin = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Service Culturel de Carvin', kind: 'proximity' });
const louvre = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Louvre-Lens', kind: 'first_circle' });
const claire = await createUser(ctx.db, 'structure_member', { structureId: carvin.id, fullName: 'Claire Martin' });
const paul = await createUser(ctx.db, 'structure_member', { structureId: carvin.id, fullName: 'Paul Durand' });
const gone = await createUser(ctx.db, 'structure_member', { structureId: carvin.id, email: 'anonyme.1@anonymised.invalid' });
const lea = await createUser(ctx.db, 'structure_member', { structureId: louvre.id, fullName: 'Léa Roux' });
const mission = await createMission(ctx.db, { operatorId: ligue.id, editionId: edition.id, hostId: carvin.id, startsOn: '2018-11-05' });

interface Mail {
  user_id: string | null;
  to_address: string;
  kind: string;
  subject: string;
  body: string;
  html: string | null;
  attachments: EmailAttachment[];
}
const mails = async (kind: string, subject?: string): Promise<Mail[]> => {
  let query = ctx.db.selectFrom('outbox').select(['user_id', 'to_address', 'kind', 'subject', 'body', 'html', 'attachments']).where('kind', '=', kind);
  if (subject) query = query.where('subject', 'like', `%${subject}%`);
  return (await query.orderBy('id').execute()) as Mail[];
};

/** Every part of a message in French with no placeholder left. */
function assertClean(t: { notMatch: (a: string, b: RegExp, m: string) => unknown; ok: (a: unknown, m: string) => unknown }, mail: Mail) {
  for (const part of [mail.subject, mail.body, mail.html ?? '']) t.notMatch(part, /undefined|null|NaN|\[object/, `${mail.kind} to ${mail.to_address}: no placeholder`);
  t.ok(mail.html, 'an HTML part');
}

const createForum = async (title: string, heldOn: string) => {
  const res = await ctx.call('POST', `/editions/${edition.id}/forums`, { token, body: { title, venue: 'Maison syndicale', communeCode: '62498', heldOn, startsAt: '14:00', endsAt: '15:00' } });
  if (res.statusCode !== 201) throw new Error(res.body);
  const forum = res.json() as { id: string };
  await ctx.call('PUT', `/forums/${forum.id}/structures/${carvin.id}`, { token, body: { tables: 2 } });
  await ctx.call('PUT', `/forums/${forum.id}/structures/${louvre.id}`, { token, body: { tables: 1 } });
  return forum;
};

// Saturday 13 October 2018.
const forum = await createForum('Forum de Lens', '2018-10-13');
const url = (path = '') => `/forums/${forum.id}${path}`;
const people: Awaited<ReturnType<typeof signedInCandidate>>[] = [];
for (const name of ['Ana', 'Bilal', 'Chloé', 'Dimitri']) {
  const c = await signedInCandidate(ctx, { firstName: name, lastName: 'Test' });
  await createApplication(ctx.db, { missionId: mission.id, candidateId: c.user.id, status: 'shortlisted' });
  people.push(c);
}
const [ana, bilal, chloe, dimitri] = people as [(typeof people)[number], (typeof people)[number], (typeof people)[number], (typeof people)[number]];

t.test('an invitation to each candidate invited, by hand or with the shortlist, once', async (t) => {
  for (const c of [ana, bilal, chloe]) t.equal((await ctx.call('POST', url('/candidates'), { token, body: { candidateId: c.user.id } })).statusCode, 201);
  t.equal((await mails('forum.invited')).length, 3, 'one each');
  t.equal((await ctx.call('POST', url('/candidates'), { token, body: { candidateId: ana.user.id } })).statusCode, 409);
  t.same((await ctx.call('POST', url('/candidates/invite-shortlisted'), { token })).json(), { invited: 1, alreadyThere: 3 });
  const invited = await mails('forum.invited');
  t.same(invited.map((m) => m.user_id).sort(), [ana, bilal, chloe, dimitri].map((c) => c.user.id).sort(), 'Dimitri by the shortlist; nobody twice');

  const mail = invited.find((m) => m.user_id === ana.user.id)!;
  assertClean(t, mail);
  t.equal(mail.to_address, ana.user.email);
  t.equal(mail.subject, 'Invitation au forum « Forum de Lens » le samedi 13 octobre 2018');
  t.match(mail.body, /^Bonjour Ana,/);
  t.match(mail.body, 'Date : samedi 13 octobre 2018');
  t.match(mail.body, 'Horaires : 14 h 00 – 15 h 00');
  t.match(mail.body, 'Lieu : Maison syndicale, 62300 Lens');
  t.match(mail.body, 'Voir mon planning : {{PUBLIC_URL}}/mon-planning');
  t.match(mail.html, 'href="{{PUBLIC_URL}}/mon-planning"');
  t.same(mail.attachments, []);
});

interface Meeting {
  round: number;
  table: number;
  structure: { id: string; name: string };
  candidate: { id: string; firstName: string };
}
interface Grid {
  version: number;
  rounds: { round: number; startsAt: string; endsAt: string }[];
  meetings: Meeting[];
}
let first: Grid;
const clock = (hhmm: string) => `${Number(hhmm.slice(0, 2))} h ${hhmm.slice(3)}`;
const span = (grid: Grid, round: number) => `${clock(grid.rounds[round - 1]!.startsAt)} – ${clock(grid.rounds[round - 1]!.endsAt)}`;
const eventsOf = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');

t.test('computing the grid convenes each candidate and each structure member with their agenda as an .ics', async (t) => {
  for (const c of people) {
    for (const s of [carvin, louvre]) t.equal((await ctx.call('POST', url('/requests'), { token, body: { candidateId: c.user.id, structureId: s.id } })).statusCode, 201);
  }
  const res = await ctx.call('POST', url('/schedule'), { token });
  t.equal(res.statusCode, 201, res.body);
  first = res.json();
  const convocations = await mails('forum.convocation');
  t.same(
    convocations.map((m) => m.user_id).sort(),
    [...people.map((c) => c.user.id), claire.id, paul.id, lea.id].sort(),
    'the four candidates and the members of both structures; not the anonymised member',
  );
  t.notOk(convocations.some((m) => m.to_address === gone.email));
  for (const mail of convocations) {
    assertClean(t, mail);
    const candidate = people.find((c) => c.user.id === mail.user_id);
    const own = first.meetings.filter((m) => (candidate ? m.candidate.id === candidate.user.id : m.structure.id === (mail.user_id === lea.id ? louvre.id : carvin.id)));
    t.ok(own.length > 0, 'everyone here has meetings');
    t.equal(mail.attachments.length, 1, 'the agenda attached');
    const [ics] = mail.attachments;
    t.match(ics, { filename: 'forum-2018-10-13.ics', contentType: /^text\/calendar/ });
    t.equal(eventsOf(ics!.content).length, own.length, 'one event per meeting');
    for (const m of own) t.match(mail.body, `${span(first, m.round)} : ${candidate ? m.structure.name : `${m.candidate.firstName} Test`}, table ${m.table}`);
    t.match(mail.subject, 'au forum « Forum de Lens » le samedi 13 octobre 2018');
  }
  const claireMail = convocations.find((m) => m.user_id === claire.id)!;
  t.match(claireMail.body, /^Bonjour Claire,/);
  t.match(claireMail.body, `Voir le planning de la structure : {{PUBLIC_URL}}/gestion/forums/${forum.id}`);
  t.match(claireMail.body, 'Service Culturel de Carvin, votre structure, participe au forum « Forum de Lens »');
  const anaMail = convocations.find((m) => m.user_id === ana.user.id)!;
  t.match(anaMail.subject, /^Votre convocation/);
  t.match(anaMail.body, 'Voir mon planning : {{PUBLIC_URL}}/mon-planning');
});

t.test('after a repair, only the participants whose meetings changed hear « agenda modifié », naming what moved', async (t) => {
  t.equal((await ctx.call('POST', url('/attendance'), { token, body: { candidateId: dimitri.user.id, status: 'absent' } })).statusCode, 200);
  // From Dimitri's last round on: what came before stays, so some agendas do not change.
  const fromRound = Math.max(...first.meetings.filter((m) => m.candidate.id === dimitri.user.id).map((m) => m.round));
  const res = await ctx.call('POST', url('/schedule/repair'), { token, body: { fromRound } });
  t.equal(res.statusCode, 201, res.body);
  const after: Grid = res.json();
  const key = (m: Meeting) => `${m.candidate.id}|${m.structure.id}`;
  const where = (m: Meeting) => `${m.round}|${m.table}`;
  const changedFor = (mine: (m: Meeting) => boolean) => {
    const old = new Map(first.meetings.filter(mine).map((m) => [key(m), m]));
    const now = new Map(after.meetings.filter(mine).map((m) => [key(m), m]));
    return [...now].some(([k, m]) => !old.has(k) || where(old.get(k)!) !== where(m)) || [...old.keys()].some((k) => !now.has(k));
  };
  const expected = [
    ...people.filter((c) => changedFor((m) => m.candidate.id === c.user.id)).map((c) => c.user.id),
    ...(changedFor((m) => m.structure.id === carvin.id) ? [claire.id, paul.id] : []),
    ...(changedFor((m) => m.structure.id === louvre.id) ? [lea.id] : []),
  ].sort();
  const changed = await mails('forum.agenda-changed');
  t.same(changed.map((m) => m.user_id).sort(), expected, 'exactly those whose agenda changed');
  t.ok(expected.includes(dimitri.user.id), 'Dimitri, marked absent, loses his meetings');
  t.ok(expected.length < 7, `someone's agenda did not change, and they got nothing: ${expected.length} of 7`);

  const dimitriMail = changed.find((m) => m.user_id === dimitri.user.id)!;
  t.equal(dimitriMail.subject, 'Agenda modifié : forum « Forum de Lens » le samedi 13 octobre 2018');
  t.match(dimitriMail.body, /^Bonjour Dimitri,/);

  // Each recipient reads every change of their agenda, and the new agenda attached.
  for (const mail of changed) {
    assertClean(t, mail);
    const candidate = people.find((c) => c.user.id === mail.user_id);
    const mine = (m: Meeting) => (candidate ? m.candidate.id === candidate.user.id : m.structure.id === (mail.user_id === lea.id ? louvre.id : carvin.id));
    const other = (m: Meeting) => (candidate ? m.structure.name : `${m.candidate.firstName} Test`);
    const old = new Map(first.meetings.filter(mine).map((m) => [key(m), m]));
    const now = new Map(after.meetings.filter(mine).map((m) => [key(m), m]));
    let lines = 0;
    for (const [k, m] of now) {
      const was = old.get(k);
      if (!was) t.match(mail.body, `- Nouvelle rencontre : ${other(m)}, ${span(after, m.round)}, table ${m.table}`, `${mail.to_address}: added`);
      else if (where(was) !== where(m)) t.match(mail.body, `- Rencontre déplacée : ${other(m)}, `, `${mail.to_address}: moved`);
      else continue;
      lines++;
    }
    for (const [k, m] of old) {
      if (now.has(k)) continue;
      t.match(mail.body, `- Rencontre annulée : ${other(m)}, ${span(first, m.round)}, table ${m.table}`, `${mail.to_address}: cancelled`);
      lines++;
    }
    t.equal(mail.body.split('\n').filter((l) => /^- (Nouvelle rencontre|Rencontre déplacée|Rencontre annulée) : /.test(l)).length, lines, 'nothing else listed as changed');
    const dropped = [...old.keys()].filter((k) => !now.has(k)).length;
    if (now.size === 0 && dropped === 0) t.same(mail.attachments, [], 'no agenda left to attach');
    else {
      const events = eventsOf(mail.attachments[0]!.content);
      const cancelled = events.filter((e) => e.getFirstPropertyValue('status') === 'CANCELLED');
      t.equal(events.length - cancelled.length, now.size, 'the new agenda attached');
      t.equal(cancelled.length, dropped, 'with the dropped meetings as cancelled events, so that a calendar that imported the first file removes them');
      for (const e of cancelled) t.ok(Number(e.getFirstPropertyValue('sequence')) > first.version, 'a higher SEQUENCE than the convocation’s');
    }
  }
  t.match(dimitriMail.body, '- Rencontre annulée : ', 'Dimitri hears what he lost');
});

t.test('what moved, in words: added, moved (from and to), cancelled', async (t) => {
  const line = (startsAt: string, endsAt: string, table: number, other: string) => ({ startsAt, endsAt, table, other });
  t.same(
    changeLines({
      added: [line('14:10', '14:19', 2, 'Louvre-Lens')],
      moved: [{ before: line('15:00', '15:09', 3, 'Service Culturel de Carvin'), after: line('14:20', '14:29', 1, 'Service Culturel de Carvin') }],
      cancelled: [line('16:00', '16:09', 1, 'Inès Dupont')],
    }),
    [
      'Nouvelle rencontre : Louvre-Lens, 14 h 10 – 14 h 19, table 2',
      'Rencontre déplacée : Service Culturel de Carvin, désormais 14 h 20 – 14 h 29, table 1 (au lieu de 15 h 00 – 15 h 09, table 3)',
      'Rencontre annulée : Inès Dupont, 16 h 00 – 16 h 09, table 1',
    ],
  );
});

const config = loadConfig({ NODE_ENV: 'test' });
const log = { debug() {}, info() {}, warn() {}, error() {} };
const runAt = (now: Date): JobContext => ({ db: ctx.db, now, config, log, signal: new AbortController().signal });

t.test('the reminder the day before, from 9 h: once per participant, even with two runs at once; not two days before', async (t) => {
  // Sunday 14 October, two days after the run, with its own grid.
  const later = await createForum('Forum de Liévin', '2018-10-14');
  await ctx.call('POST', `/forums/${later.id}/candidates`, { token, body: { candidateId: ana.user.id } });
  await ctx.call('POST', `/forums/${later.id}/requests`, { token, body: { candidateId: ana.user.id, structureId: louvre.id } });
  t.equal((await ctx.call('POST', `/forums/${later.id}/schedule`, { token })).statusCode, 201);

  // Friday 12 October, 7 h in Paris: the Lens forum is tomorrow, but nobody is woken by a reminder.
  t.same(await forumRemindersJob.run(runAt(new Date('2018-10-12T05:00:00Z'))), { reminded: 0 }, 'not before 9 h in Paris');
  t.equal((await mails('forum.reminder', 'Forum de Lens')).length, 0);
  // Friday 12 October, noon in Paris: the Lens forum is tomorrow.
  const friday = new Date('2018-10-12T10:00:00Z');
  const [a, b] = await Promise.all([forumRemindersJob.run(runAt(friday)), forumRemindersJob.run(runAt(friday))]);
  const grid: Grid = (await ctx.call('GET', url('/schedule'), { token })).json();
  const participants = [
    // Dimitri, marked absent, keeps his past meeting but gets no reminder.
    ...people.filter((c) => c !== dimitri && grid.meetings.some((m) => m.candidate.id === c.user.id)).map((c) => c.user.id),
    ...(grid.meetings.some((m) => m.structure.id === carvin.id) ? [claire.id, paul.id] : []),
    ...(grid.meetings.some((m) => m.structure.id === louvre.id) ? [lea.id] : []),
  ].sort();
  t.ok(grid.meetings.some((m) => m.candidate.id === dimitri.user.id), 'Dimitri still has a meeting in the grid');
  t.equal((a?.reminded ?? 0) + (b?.reminded ?? 0), participants.length, `one run wrote them, the other none: ${JSON.stringify([a, b])}`);
  const reminders = await mails('forum.reminder', 'Forum de Lens');
  t.same(reminders.map((m) => m.user_id).sort(), participants, 'one each');
  t.equal((await mails('forum.reminder', 'Forum de Liévin')).length, 0, 'the forum two days away: none yet');

  const anaMail = reminders.find((m) => m.user_id === ana.user.id)!;
  assertClean(t, anaMail);
  t.equal(anaMail.subject, 'Rappel : forum « Forum de Lens » demain, samedi 13 octobre 2018');
  t.match(anaMail.body, 'Lieu : Maison syndicale, 62300 Lens');
  const anaFirst = grid.meetings.filter((m) => m.candidate.id === ana.user.id).sort((x, y) => x.round - y.round)[0]!;
  t.match(anaMail.body, `la première à ${clock(grid.rounds[anaFirst.round - 1]!.startsAt)}`);
  t.equal(eventsOf(anaMail.attachments[0]!.content).length, grid.meetings.filter((m) => m.candidate.id === ana.user.id).length);

  t.same(await forumRemindersJob.run(runAt(new Date('2018-10-12T20:00:00Z'))), { reminded: 0 }, 'a later run writes none');
  t.equal((await mails('forum.reminder', 'Forum de Lens')).length, participants.length);

  // Saturday: the Liévin forum is tomorrow (Ana and Louvre's member); Lens is today, nothing more.
  t.same(await forumRemindersJob.run(runAt(new Date('2018-10-13T08:00:00Z'))), { reminded: 2 });
  t.same((await mails('forum.reminder', 'Forum de Liévin')).map((m) => m.user_id).sort(), [ana.user.id, lea.id].sort());
});
