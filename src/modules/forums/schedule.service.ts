import type { Attendance, Db, WouldHost } from '../../../db/database.js';
import { isMutualInterest } from './mutual-interest.js';
import { type ScheduleInput, type UnscheduledReason, scheduleForum } from '../../algorithms/forum-schedule.js';
import { type RoundTime, hhmmOf, roundTimes, roundsWithin } from '../../algorithms/forum-times.js';
import type { Deps } from '../../deps.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../../errors.js';
import { isText, type Text, text, withTexts } from '../../i18n/index.js';
import { type Actor, assertRole, scopeOf } from '../../lib/access.js';
import { parisInstant } from '../../lib/dates.js';
import { move, PLATFORM } from '../../lib/workflow.js';
import type { CancelledMeeting } from './agenda.render.js';
import { markInterviewedAfterForum } from '../applications/applications.service.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findForum, type ForumRow, listForumCandidates, listForumStructures, listRequests, loadForum } from './forums.repository.js';
import { FORUM_WORKFLOW } from './forums.workflow.js';
import { emailScheduleVersion } from './forum.notify.js';
import { type CloseEffects, timingOf } from './forums.service.js';
import {
  applicationsOfMetCandidates,
  currentSchedule,
  findCurrentMeeting,
  findEvaluation,
  insertMeetings,
  insertSchedule,
  listEarlierMeetings,
  listEvaluations,
  listMeetings,
  type MeetingRow,
  saveCandidateEvaluation,
  saveStructureEvaluation,
  type ScheduleRow,
  setAttendance,
} from './schedule.repository.js';

type Reason = UnscheduledReason | 'candidate-absent';
interface Unscheduled {
  candidateId: string;
  structureId: string;
  reason: Reason;
  /** A catalogue text; a schedule stored before the catalogue has its English words. */
  detail: Text | string;
}

async function visibleForum(db: Db, actor: Actor, id: string, options: { forUpdate?: boolean } = {}) {
  const forum = await findForum(db, id, scopeOf(actor), options);
  if (!forum) throw new NotFound('forum');
  return forum;
}

function assertOrganiser(actor: Actor) {
  if (actor.role !== 'coordinator' && actor.role !== 'admin') throw new Forbidden(text('forum.organisersOnly'));
}

/**
 * What the scheduler needs, from the database rows: rounds numbered from 0 there, from 1 here.
 * Absent candidates, and from `fromRound` those gone, take no new meeting; their requests are
 * reported unscheduled by the caller.
 */
async function inputFor(db: Db, forum: ForumRow, rounds: RoundTime[], repair?: { fromRound: number; kept: MeetingRow[] }) {
  const structures = await listForumStructures(db, forum.id);
  const candidates = await listForumCandidates(db, forum.id);
  const requests = await listRequests(db, forum.id);
  const out: Unscheduled[] = [];
  const away = new Set(candidates.filter((c) => c.attendance === 'absent' || (repair && c.attendance === 'gone')).map((c) => c.candidate_id));

  const windows = new Map<string, { firstRound: number; lastRound: number }>();
  for (const c of candidates) {
    const within = roundsWithin(rounds, c.arrives_at, c.leaves_at);
    if (within.length > 0) windows.set(c.candidate_id, { firstRound: within[0]!.round - 1, lastRound: within.at(-1)!.round - 1 });
  }

  // One request per pair, mutual when the candidate and the structure both asked.
  const pairs = new Map<string, { candidateId: string; structureId: string; mutual: boolean; priority: number; sides: Set<string> }>();
  for (const r of requests) {
    const key = `${r.candidate_id}|${r.structure_id}`;
    const pair = pairs.get(key) ?? { candidateId: r.candidate_id, structureId: r.structure_id, mutual: false, priority: 0, sides: new Set<string>() };
    pair.sides.add(r.side);
    pair.priority = Math.max(pair.priority, r.priority);
    pair.mutual = pair.sides.has('candidate') && pair.sides.has('structure');
    pairs.set(key, pair);
  }
  const met = new Set((repair?.kept ?? []).map((m) => `${m.candidate_id}|${m.structure_id}`));
  const wanted = [...pairs.values()]
    .filter((p) => !met.has(`${p.candidateId}|${p.structureId}`))
    .sort((a, b) => (a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : a.structureId < b.structureId ? -1 : a.structureId > b.structureId ? 1 : 0));
  const scheduled: ScheduleInput['requests'][number][] = [];
  for (const p of wanted) {
    if (away.has(p.candidateId)) out.push({ candidateId: p.candidateId, structureId: p.structureId, reason: 'candidate-absent', detail: text('schedule.candidateAbsent') });
    else scheduled.push({ candidateId: p.candidateId, structureId: p.structureId, mutual: p.mutual, priority: p.priority });
  }

  const input: ScheduleInput = {
    rounds: rounds.length,
    structures: structures.map((s) => ({ id: s.structure_id, tables: s.tables, unavailableRounds: s.unavailable_rounds.map((r) => r - 1) })),
    // Absent or gone candidates stay listed (their kept meetings name them) but ask for nothing.
    candidates: candidates.map((c) => {
        const w = windows.get(c.candidate_id);
        // Present for no whole round: a window that holds none (the scheduler reports their requests).
      return w ? { id: c.candidate_id, ...w } : { id: c.candidate_id, firstRound: rounds.length, lastRound: rounds.length - 1 };
    }),
    requests: scheduled,
    ...(repair
      ? {
          fromRound: repair.fromRound - 1,
          fixed: repair.kept.map((m) => ({ round: m.round - 1, structureId: m.structure_id, table: m.table_number, candidateId: m.candidate_id })),
        }
      : {}),
  };
  return { input, absentees: out };
}

async function storeSchedule(trx: Db, actor: Actor, forum: ForumRow, rounds: RoundTime[], input: ScheduleInput, absentees: Unscheduled[], now: Date, fromRound: number | null) {
  const result = scheduleForum(input);
  const schedule = await insertSchedule(trx, {
    forumId: forum.id,
    fromRound,
    roundsAvailable: rounds.length,
    roundsUsed: result.roundsUsed,
    lowerBound: result.lowerBound,
    unscheduled: [...result.unscheduled, ...absentees],
    createdBy: actor.userId,
    at: now,
  });
  await insertMeetings(
    trx,
    schedule.id,
    result.meetings.map((m) => {
      const time = rounds[m.round]!;
      return {
        round: m.round + 1,
        startsAt: parisInstant(forum.held_on, time.start),
        endsAt: parisInstant(forum.held_on, time.end),
        structureId: m.structureId,
        table: m.table,
        candidateId: m.candidateId,
      };
    }),
  );
  return schedule;
}

/** POST /forums/{id}/schedule: a new version of the grid, from the participants and requests as they are. */
export async function planSchedule(deps: Deps, actor: Actor, id: string) {
  assertOrganiser(actor);
  return deps.db.transaction().execute(async (trx) => {
    const forum = await visibleForum(trx, actor, id, { forUpdate: true });
    if (forum.status !== 'planning' && forum.status !== 'scheduled') {
      throw new Conflict(text('forum.scheduleFixed', { status: forum.status }), {
        currentState: forum.status,
      });
    }
    const rounds = roundTimes(timingOf(forum));
    const { input, absentees } = await inputFor(trx, forum, rounds);
    if (input.requests.length === 0) throw new Conflict(text('forum.nothingToSchedule'));
    const now = deps.clock();
    const previous = await currentSchedule(trx, id);
    const schedule = await storeSchedule(trx, actor, forum, rounds, input, absentees, now, null);
    if (forum.status === 'planning') await move(trx, FORUM_WORKFLOW, id, { to: 'scheduled', by: PLATFORM, at: now });
    // The first grid convenes everyone; a new computation tells those whose agenda it changed.
    await emailScheduleVersion(trx, forum, schedule, previous, now);
    await recordAudit(trx, { actorId: actor.userId, action: 'forum.scheduled', entityType: 'forum', entityId: id, after: { version: schedule.number, roundsUsed: schedule.rounds_used, lowerBound: schedule.lower_bound } });
    return toGrid(trx, forum, schedule, rounds, {});
  });
}

/** Keeps the rounds before `fromRound` and plans the rest again (absentees dropped, free slots refilled). */
export async function repairSchedule(deps: Deps, actor: Actor, id: string, fromRound: number) {
  assertOrganiser(actor);
  return deps.db.transaction().execute(async (trx) => {
    const forum = await visibleForum(trx, actor, id, { forUpdate: true });
    if (forum.status !== 'scheduled' && forum.status !== 'running') {
      throw new Conflict(text('forum.repairWhen', { status: forum.status }), { currentState: forum.status });
    }
    const rounds = roundTimes(timingOf(forum));
    if (fromRound > rounds.length) throw new Invalid(text('forum.rounds', { rounds: rounds.length }), [{ path: 'fromRound', message: text('field.between', { min: 1, max: rounds.length }) }]);
    const current = (await currentSchedule(trx, id))!;
    const kept = (await listMeetings(trx, current.id)).filter((m) => m.round < fromRound);
    const { input, absentees } = await inputFor(trx, forum, rounds, { fromRound, kept });
    const now = deps.clock();
    const schedule = await storeSchedule(trx, actor, forum, rounds, input, absentees, now, fromRound);
    // « Agenda modifié » to the participants whose meetings moved, were added or cancelled.
    await emailScheduleVersion(trx, forum, schedule, current, now);
    await recordAudit(trx, { actorId: actor.userId, action: 'forum.repaired', entityType: 'forum', entityId: id, after: { version: schedule.number, fromRound } });
    return toGrid(trx, forum, schedule, rounds, {});
  });
}

export async function markAttendance(deps: Deps, actor: Actor, id: string, candidateId: string, attendance: Exclude<Attendance, 'expected'>) {
  assertOrganiser(actor);
  const forum = await visibleForum(deps.db, actor, id);
  if (forum.status === 'closed' || forum.status === 'planning') {
    throw new Conflict(text('forum.attendanceOnTheDay', { status: forum.status }), { currentState: forum.status });
  }
  if (!(await setAttendance(deps.db, id, candidateId, attendance))) throw new Invalid(text('forum.candidateNotInvited'), [{ path: 'candidateId', message: text('field.notAtForum') }]);
  return { candidateId, attendance };
}

// The grid and the agendas ------------------------------------------------------------------

const roundsView = (rounds: RoundTime[]) => rounds.map((r) => ({ round: r.round, startsAt: hhmmOf(r.start), endsAt: hhmmOf(r.end) }));

export const toMeeting = (m: MeetingRow) => ({
  id: m.id,
  round: m.round,
  startsAt: m.starts_at.toISOString(),
  endsAt: m.ends_at.toISOString(),
  structure: { id: m.structure_id, name: m.structure_name },
  table: m.table_number,
  candidate: { id: m.candidate_id, firstName: m.first_name, lastName: m.last_name },
});

async function toGrid(db: Db, forum: ForumRow, schedule: ScheduleRow, rounds: RoundTime[], filter: { structureId?: string; candidateId?: string }) {
  const meetings = await listMeetings(db, schedule.id, filter);
  const names = new Map<string, string>();
  for (const s of await listForumStructures(db, forum.id)) names.set(s.structure_id, s.name);
  const people = new Map<string, { firstName: string | null; lastName: string | null }>();
  for (const c of await listForumCandidates(db, forum.id)) people.set(c.candidate_id, { firstName: c.first_name, lastName: c.last_name });
  const unscheduled = (schedule.unscheduled as Unscheduled[])
    .filter((u) => (!filter.structureId || u.structureId === filter.structureId) && (!filter.candidateId || u.candidateId === filter.candidateId))
    .map((u) => {
      const line = {
        candidate: { id: u.candidateId, firstName: people.get(u.candidateId)?.firstName ?? null, lastName: people.get(u.candidateId)?.lastName ?? null },
        structure: { id: u.structureId, name: names.get(u.structureId) ?? '' },
        reason: u.reason,
        detail: typeof u.detail === 'string' ? u.detail : '',
      };
      // French here, English when the request asks (withTexts).
      return isText(u.detail) ? withTexts(line, { detail: u.detail }) : line;
    });
  return {
    forumId: forum.id,
    title: forum.title,
    heldOn: forum.held_on,
    version: schedule.number,
    createdAt: schedule.created_at.toISOString(),
    repairedFromRound: schedule.from_round,
    roundsAvailable: schedule.rounds_available,
    roundsUsed: schedule.rounds_used,
    lowerBound: schedule.lower_bound,
    rounds: roundsView(rounds),
    meetings: meetings.map(toMeeting),
    unscheduled,
  };
}

/** Who reads which agenda: coordinators any; a structure member their structure's; a candidate their own. */
export type AgendaOf = { kind: 'all' } | { kind: 'structure'; id: string } | { kind: 'candidate'; id: string };

function assertMayRead(actor: Actor, of: AgendaOf) {
  if (actor.role === 'coordinator' || actor.role === 'admin') return;
  const own = (actor.role === 'structure_member' && of.kind === 'structure' && of.id === actor.structureId) || (actor.role === 'candidate' && of.kind === 'candidate' && of.id === actor.userId);
  if (!own) throw new NotFound('agenda');
}

/** The grid (coordinators) or an agenda; a participant asking for the whole grid gets their own. */
export async function readSchedule(deps: Deps, actor: Actor, id: string, of: AgendaOf) {
  const forum = await visibleForum(deps.db, actor, id);
  if (of.kind === 'all' && actor.role === 'structure_member') of = { kind: 'structure', id: actor.structureId! };
  if (of.kind === 'all' && actor.role === 'candidate') of = { kind: 'candidate', id: actor.userId };
  assertMayRead(actor, of);
  const schedule = await currentSchedule(deps.db, id);
  if (!schedule) throw new NotFound(text('forum.noSchedule'));
  const filter = of.kind === 'structure' ? { structureId: of.id } : of.kind === 'candidate' ? { candidateId: of.id } : {};
  return toGrid(deps.db, forum, schedule, roundTimes(timingOf(forum)), filter);
}

/**
 * The meetings earlier versions planned for this agenda and the current one has not (a repair
 * dropped them), each as last planned: pure, from the current grid's meetings and the earlier
 * ones (latest version first). A pair met again later is no cancellation.
 */
export function droppedMeetings(current: readonly { structure: { id: string }; candidate: { id: string } }[], earlier: readonly MeetingRow[]): CancelledMeeting[] {
  const seen = new Set(current.map((m) => `${m.structure.id}|${m.candidate.id}`));
  const dropped: CancelledMeeting[] = [];
  for (const m of earlier) {
    const key = `${m.structure_id}|${m.candidate_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { startsAt, endsAt, ...rest } = toMeeting(m);
    dropped.push({ round: rest.round, table: rest.table, structure: rest.structure, candidate: rest.candidate, startsAt, endsAt });
  }
  return dropped.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.structure.id.localeCompare(b.structure.id) || a.candidate.id.localeCompare(b.candidate.id));
}

/** An agenda for a calendar (readSchedule's checks): the grid, and the meetings repairs dropped from it. */
export async function readCalendar(deps: Deps, actor: Actor, id: string, of: AgendaOf) {
  const grid = await readSchedule(deps, actor, id, of);
  const mine = of.kind === 'all' && actor.role === 'structure_member' ? { kind: 'structure' as const, id: actor.structureId! } : of.kind === 'all' && actor.role === 'candidate' ? { kind: 'candidate' as const, id: actor.userId } : of;
  const filter = mine.kind === 'structure' ? { structureId: mine.id } : mine.kind === 'candidate' ? { candidateId: mine.id } : {};
  const earlier = grid.version > 1 ? await listEarlierMeetings(deps.db, id, grid.version, filter) : [];
  return { grid, cancelled: droppedMeetings(grid.meetings, earlier) };
}

// Evaluations ---------------------------------------------------------------------------------

export interface EvaluationInput {
  score?: number | undefined;
  wouldHost?: WouldHost | undefined;
  comment?: string | undefined;
  interest?: number | undefined;
}

/**
 * The two parties of a meeting evaluate it once each (PUT: first 201, then edits) until the forum
 * closes: the structure (score, would host, comment), the candidate (interest).
 */
export async function evaluateMeeting(deps: Deps, actor: Actor, meetingId: string, input: EvaluationInput) {
  // Who may never evaluate hears so before any lookup, whatever the id: a refusal that came
  // after it would tell a real meeting from an unknown id. The meeting is then looked up among
  // the caller's own, so anyone else's is a 404.
  assertRole(actor, ['structure_member', 'candidate'], (role) => text('forum.evaluateParties', { role }));
  const scope = scopeOf(actor);
  const party = scope.kind === 'structure' ? { structureId: scope.structureId } : { candidateId: actor.userId };
  const meeting = await findCurrentMeeting(deps.db, meetingId, party);
  if (!meeting) throw new NotFound('meeting');
  const forum = await loadForum(deps.db, meeting.forum_id);
  if (forum.status === 'closed') throw new Conflict(text('forum.evaluationsClosed'), { currentState: 'closed' });
  const now = deps.clock();
  if (meeting.starts_at > now) throw new Conflict(text('forum.meetingNotYet'), { startsAt: meeting.starts_at.toISOString() });
  const key = { forumId: meeting.forum_id, candidateId: meeting.candidate_id, structureId: meeting.structure_id };
  const before = await findEvaluation(deps.db, key.forumId, key.candidateId, key.structureId);
  let created: boolean;
  if (actor.role === 'structure_member') {
    if (input.score === undefined || input.wouldHost === undefined || input.interest !== undefined) {
      throw new Invalid(text('forum.structureEvaluation'), [
        { path: input.interest !== undefined ? 'interest' : input.score === undefined ? 'score' : 'wouldHost', message: input.interest !== undefined ? text('field.candidatesOwn') : text('field.required') },
      ]);
    }
    created = before?.structure_score == null;
    await saveStructureEvaluation(deps.db, key, { score: input.score, wouldHost: input.wouldHost, comment: input.comment ?? null, by: actor.userId, at: now });
  } else {
    if (input.interest === undefined || input.score !== undefined || input.wouldHost !== undefined || input.comment !== undefined) {
      throw new Invalid(text('forum.candidateEvaluation'), [{ path: input.interest === undefined ? 'interest' : 'score', message: input.interest === undefined ? text('field.required') : text('field.structuresOwn') }]);
    }
    created = before?.candidate_interest == null;
    await saveCandidateEvaluation(deps.db, key, { interest: input.interest, at: now });
  }
  const after = (await listEvaluations(deps.db, key.forumId, { structureId: key.structureId, candidateId: key.candidateId }))[0]!;
  return { created, evaluation: toEvaluation(after, actor.role === 'candidate' ? 'candidate' : 'structure') };
}

type EvaluationRow = Awaited<ReturnType<typeof listEvaluations>>[number];

/** A side sees its own evaluation; coordinators both, and whether the interest is mutual. */
function toEvaluation(e: EvaluationRow, side: 'candidate' | 'structure' | 'both') {
  const structure = side !== 'candidate';
  const candidate = side !== 'structure';
  return {
    candidate: { id: e.candidate_id, firstName: e.first_name, lastName: e.last_name },
    structure: { id: e.structure_id, name: e.structure_name },
    structureScore: structure ? e.structure_score : null,
    wouldHost: structure ? e.would_host : null,
    comment: structure ? e.structure_comment : null,
    candidateInterest: candidate ? e.candidate_interest : null,
    mutualInterest: side === 'both' ? mutualInterest(e) : null,
  };
}

const mutualInterest = (e: EvaluationRow) =>
  isMutualInterest({ wouldHost: e.would_host, structureScore: e.structure_score, candidateInterest: e.candidate_interest });

export async function listForumEvaluations(deps: Deps, actor: Actor, id: string) {
  await visibleForum(deps.db, actor, id);
  const filter = actor.role === 'structure_member' ? { structureId: actor.structureId! } : actor.role === 'candidate' ? { candidateId: actor.userId } : {};
  const side = actor.role === 'structure_member' ? 'structure' : actor.role === 'candidate' ? 'candidate' : 'both';
  const rows = await listEvaluations(deps.db, id, filter);
  return { items: rows.map((e) => toEvaluation(e, side)) };
}

/** Closing: the applications of the candidates met move to `interview`, in the closing transaction. */
export const closeForumEffects: CloseEffects = async (trx, actor, forum, at) => {
  const schedule = await currentSchedule(trx, forum.id);
  if (!schedule) return { applicationsInterviewed: 0 };
  const applications = await applicationsOfMetCandidates(trx, forum.id, schedule.id, forum.edition_id);
  return { applicationsInterviewed: await markInterviewedAfterForum(trx, actor, applications.map((a) => a.id), at, { title: forum.title, heldOn: forum.held_on }) };
};
