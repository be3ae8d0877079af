/**
 * Writes the forum's e-mails (forum.emails.ts) in the transaction of the change they announce:
 * the invitation when a coordinator invites a candidate, the convocation to every participant
 * when the grid is first computed, « agenda modifié » to the participants whose meetings a new
 * version moved, and the reminder the day before (src/jobs/forum-reminders.ts). A structure's
 * agenda goes to each of its members. Anonymised accounts (an `.invalid` address) get nothing.
 */
import type { Db } from '../../../db/database.js';
import { hhmmOf, type RoundTime, roundTimes } from '../../algorithms/forum-times.js';
import { composeEmail, type EmailDraft } from '../outbox/compose.js';
import { enqueueEmail } from '../outbox/outbox.repository.js';
import { type CancelledMeeting, type GridView, placeOfForum, toICalendar } from './agenda.render.js';
import {
  type AgendaChanges,
  type AgendaLine,
  type ForumFacts,
  forumAgendaChangedEmail,
  forumConvocationEmail,
  forumInvitationEmail,
  forumReminderEmail,
  type Reader,
} from './forum.emails.js';
import { candidateAddresses, claimForumReminder, programmeNameOfForum, structureMembers } from './forum-mail.repository.js';
import { type ForumRow, listForumCandidates, listForumStructures, loadForum } from './forums.repository.js';
import { currentSchedule, listMeetings, type MeetingRow, type ScheduleRow } from './schedule.repository.js';

/** « Claire » from « Claire Martin »: a staff account has only its full name. */
const firstWord = (fullName: string | null) => fullName?.trim().split(/\s+/)[0] || null;

const personName = (m: { first_name: string | null; last_name: string | null }) => [m.first_name, m.last_name].filter(Boolean).join(' ') || 'Candidat·e';

const factsOf = (forum: ForumRow): ForumFacts => ({
  id: forum.id,
  title: forum.title,
  heldOn: forum.held_on,
  startsAt: forum.starts_at,
  endsAt: forum.ends_at,
  venue: forum.venue,
  address: forum.address,
  communeName: placeOfForum(forum).commune,
});

/** False when nothing was written (an anonymised account's address, see enqueueEmail). */
function write(trx: Db, to: { id: string; email: string }, kind: string, draft: EmailDraft, at: Date): Promise<boolean> {
  return enqueueEmail(trx, { userId: to.id, to: to.email, kind, ...composeEmail(draft) }, at);
}

/** The invitations of these candidates to the forum, just invited. */
export async function emailForumInvitations(trx: Db, forum: ForumRow, candidateIds: readonly string[], at: Date): Promise<number> {
  const programme = await programmeNameOfForum(trx, forum.id);
  let written = 0;
  for (const c of await candidateAddresses(trx, candidateIds)) {
    const draft = forumInvitationEmail({ firstName: c.first_name ?? firstWord(c.full_name), forum: factsOf(forum), programme });
    if (await write(trx, c, 'forum.invited', draft, at)) written++;
  }
  return written;
}

// Agendas ------------------------------------------------------------------------------------

/** A participant: a candidate, or a structure (whose members read its agenda). */
type Party = { kind: 'candidate'; id: string } | { kind: 'structure'; id: string; name: string };

const partyKey = (p: Party) => `${p.kind}:${p.id}`;
const pairKey = (m: MeetingRow) => `${m.candidate_id}|${m.structure_id}`;

interface Agendas {
  forum: ForumRow;
  rounds: RoundTime[];
  schedule: ScheduleRow;
  meetings: MeetingRow[];
}

const ofParty = (meetings: readonly MeetingRow[], party: Party) => meetings.filter((m) => (party.kind === 'candidate' ? m.candidate_id === party.id : m.structure_id === party.id));

function lineOf(rounds: RoundTime[], m: MeetingRow, party: Party): AgendaLine {
  const round = rounds[m.round - 1];
  return {
    startsAt: round ? hhmmOf(round.start) : hhmmOf(0),
    endsAt: round ? hhmmOf(round.end) : hhmmOf(0),
    table: m.table_number,
    other: party.kind === 'candidate' ? m.structure_name : personName(m),
  };
}

/**
 * The party's agenda as a calendar file: the pure renderer's call, on the party's meetings only,
 * with the meetings the new version dropped as cancelled events, so that a calendar that imported
 * the earlier file removes them when it imports this one.
 */
function icsOf(a: Agendas, party: Party, dropped: readonly MeetingRow[] = []): string {
  const grid: GridView = {
    forumId: a.forum.id,
    title: a.forum.title,
    heldOn: a.forum.held_on,
    version: a.schedule.number,
    createdAt: a.schedule.created_at.toISOString(),
    rounds: a.rounds.map((r) => ({ round: r.round, startsAt: hhmmOf(r.start), endsAt: hhmmOf(r.end) })),
    meetings: ofParty(a.meetings, party).map((m) => ({
      id: m.id,
      round: m.round,
      structure: { id: m.structure_id, name: m.structure_name },
      table: m.table_number,
      candidate: { id: m.candidate_id, firstName: m.first_name, lastName: m.last_name },
    })),
  };
  const place = placeOfForum(a.forum);
  const calendarName = party.kind === 'candidate' ? a.forum.title : `${a.forum.title} — ${party.name}`;
  const cancelled: CancelledMeeting[] = ofParty(dropped, party).map((m) => ({
    round: m.round,
    table: m.table_number,
    startsAt: m.starts_at.toISOString(),
    endsAt: m.ends_at.toISOString(),
    structure: { id: m.structure_id, name: m.structure_name },
    candidate: { id: m.candidate_id, firstName: m.first_name, lastName: m.last_name },
  }));
  return toICalendar(grid, place, party.kind, calendarName, cancelled);
}

async function agendasOf(db: Db, forum: ForumRow, schedule: ScheduleRow): Promise<Agendas> {
  // The forum's timing as forums.service.ts's timingOf reads it (not imported: that module writes these messages).
  const timing = { startsAt: forum.starts_at, endsAt: forum.ends_at, slotMinutes: forum.slot_minutes, changeoverMinutes: forum.changeover_minutes, breaks: forum.breaks };
  return { forum, rounds: roundTimes(timing), schedule, meetings: await listMeetings(db, schedule.id) };
}

/** Everyone at the forum: the candidates not marked absent, then the structures. */
async function partiesOf(db: Db, forumId: string): Promise<Party[]> {
  const candidates = (await listForumCandidates(db, forumId)).filter((c) => c.attendance !== 'absent');
  const structures = await listForumStructures(db, forumId);
  return [...candidates.map((c): Party => ({ kind: 'candidate', id: c.candidate_id })), ...structures.map((s): Party => ({ kind: 'structure', id: s.structure_id, name: s.name }))];
}

/** Who reads a party's agenda: the candidate, or each member of the structure; with their reader. */
async function readersOf(db: Db, parties: readonly Party[]) {
  const out = new Map<string, { id: string; email: string; firstName: string | null; reader: Reader }[]>();
  const candidates = parties.filter((p) => p.kind === 'candidate');
  for (const c of await candidateAddresses(db, candidates.map((p) => p.id))) {
    out.set(`candidate:${c.id}`, [{ id: c.id, email: c.email, firstName: c.first_name ?? firstWord(c.full_name), reader: { kind: 'candidate' } }]);
  }
  const structures = parties.filter((p): p is Extract<Party, { kind: 'structure' }> => p.kind === 'structure');
  const names = new Map(structures.map((s) => [s.id, s.name]));
  for (const m of await structureMembers(db, structures.map((s) => s.id))) {
    const key = `structure:${m.structure_id}`;
    out.set(key, [...(out.get(key) ?? []), { id: m.id, email: m.email, firstName: firstWord(m.full_name), reader: { kind: 'structure', structureName: names.get(m.structure_id!) ?? '' } }]);
  }
  return out;
}

/** What the new version changed in the party's agenda (a pair meets at most once per version). */
function changesOf(rounds: RoundTime[], before: readonly MeetingRow[], after: readonly MeetingRow[], party: Party): AgendaChanges {
  const old = new Map(ofParty(before, party).map((m) => [pairKey(m), m]));
  const now = new Map(ofParty(after, party).map((m) => [pairKey(m), m]));
  const added: AgendaLine[] = [];
  const moved: { before: AgendaLine; after: AgendaLine }[] = [];
  const cancelled: AgendaLine[] = [];
  for (const [key, m] of now) {
    const was = old.get(key);
    if (!was) added.push(lineOf(rounds, m, party));
    else if (was.round !== m.round || was.table_number !== m.table_number) moved.push({ before: lineOf(rounds, was, party), after: lineOf(rounds, m, party) });
  }
  for (const [key, m] of old) if (!now.has(key)) cancelled.push(lineOf(rounds, m, party));
  return { added, moved, cancelled };
}

const isEmpty = (c: AgendaChanges) => c.added.length + c.moved.length + c.cancelled.length === 0;

/**
 * A new version of the grid was stored: its first version convenes everyone at the forum with
 * their agenda; a later one (a repair, a new computation) tells only those whose meetings
 * changed what moved. Returns how many messages were written.
 */
export async function emailScheduleVersion(trx: Db, forum: ForumRow, schedule: ScheduleRow, previous: ScheduleRow | undefined, at: Date): Promise<number> {
  const programme = await programmeNameOfForum(trx, forum.id);
  const a = await agendasOf(trx, forum, schedule);
  const before = previous ? await listMeetings(trx, previous.id) : [];
  let parties = await partiesOf(trx, forum.id);
  // A later version writes to those whose meetings changed, whoever they are now (a candidate
  // marked absent hears their meetings are cancelled).
  if (previous) {
    const involved = new Set([...before, ...a.meetings].flatMap((m) => [`candidate:${m.candidate_id}`, `structure:${m.structure_id}`]));
    const names = new Map([...before, ...a.meetings].map((m) => [m.structure_id, m.structure_name]));
    const known = new Set(parties.map(partyKey));
    for (const key of involved) {
      if (known.has(key)) continue;
      const [kind, id] = key.split(':') as ['candidate' | 'structure', string];
      parties.push(kind === 'candidate' ? { kind, id } : { kind, id, name: names.get(id) ?? '' });
    }
    parties = parties.filter((p) => involved.has(partyKey(p)));
  }
  const readers = await readersOf(trx, parties);
  const facts = factsOf(forum);
  const kept = new Set(a.meetings.map(pairKey));
  const dropped = before.filter((m) => !kept.has(pairKey(m)));
  let written = 0;
  for (const party of parties) {
    const meetings = ofParty(a.meetings, party).map((m) => lineOf(a.rounds, m, party));
    const cancels = ofParty(dropped, party).length > 0;
    const ics = meetings.length > 0 || cancels ? icsOf(a, party, dropped) : null;
    const changes = previous ? changesOf(a.rounds, before, a.meetings, party) : null;
    if (changes && isEmpty(changes)) continue;
    for (const r of readers.get(partyKey(party)) ?? []) {
      const common = { firstName: r.firstName, forum: facts, programme, reader: r.reader, meetings, ics };
      const draft = changes ? forumAgendaChangedEmail({ ...common, changes }) : forumConvocationEmail(common);
      if (await write(trx, r, changes ? 'forum.agenda-changed' : 'forum.convocation', draft, at)) written++;
    }
  }
  return written;
}

/**
 * The day-before reminders of one forum, each written once: the row in forum_reminders and the
 * message in one transaction, the row's primary key refusing a twin (even from a run at the
 * same time, which waits for this one and then finds the row). To the participants with a
 * meeting in the current grid. Returns how many were written.
 */
export async function emailForumReminders(db: Db, forumId: string, at: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const forum = await loadForum(trx, forumId);
    const schedule = await currentSchedule(trx, forumId);
    if (!schedule) return 0;
    const programme = await programmeNameOfForum(trx, forumId);
    const a = await agendasOf(trx, forum, schedule);
    const parties = (await partiesOf(trx, forumId)).filter((p) => ofParty(a.meetings, p).length > 0);
    const readers = await readersOf(trx, parties);
    const facts = factsOf(forum);
    let written = 0;
    for (const party of parties) {
      const meetings = ofParty(a.meetings, party).map((m) => lineOf(a.rounds, m, party));
      const ics = icsOf(a, party);
      for (const r of readers.get(partyKey(party)) ?? []) {
        if (!(await claimForumReminder(trx, forumId, r.id, at))) continue;
        const draft = forumReminderEmail({ firstName: r.firstName, forum: facts, programme, reader: r.reader, meetings, ics });
        if (await write(trx, r, 'forum.reminder', draft, at)) written++;
      }
    }
    return written;
  });
}
