import type { Deps } from '../../deps.js';
import { NotFound } from '../../errors.js';
import type { Actor } from '../../lib/access.js';
import { hashToken, newOpaqueToken } from '../../lib/tokens.js';
import { type CalendarPart, placeOfForum, toCalendar, toICalendar } from '../../modules/forums/agenda.render.js';
import { structuresForCandidate } from '../../modules/forums/forums.service.js';
import { outingEvents } from '../../modules/projects/outings.calendar.js';
import { type AgendaOf, listForumEvaluations, readCalendar, readSchedule } from '../../modules/forums/schedule.service.js';
import { type CandidateForumRow, deleteCalendarFeed, findCalendarFeedOwner, listCandidateForums, listStructureForums, saveCalendarFeed } from './forum.repository.js';

/**
 * « Mon planning »: a candidate's forums, each with their agenda once the grid is computed and
 * their evaluation of each meeting; the same agendas as iCalendar, for a download or for the
 * subscription link (a candidate's, or a structure member's for their structure). The agendas and evaluations come from the forum services, with the
 * candidate as the actor: what they may read is decided there.
 */

export type Agenda = Awaited<ReturnType<typeof readSchedule>>;

export interface PlannedForum {
  readonly forum: CandidateForumRow;
  /** Null until a grid is computed. */
  readonly agenda: Agenda | null;
  /** The candidate's interest by structure met (their evaluations). */
  readonly interest: ReadonlyMap<string, number>;
  /** Before the day: the structures they may ask to meet, with their own requests. */
  readonly asks: Awaited<ReturnType<typeof structuresForCandidate>>;
}

/** The agenda of the candidate at the forum, or null before the grid exists. */
async function agendaOf(deps: Deps, actor: Actor, forumId: string): Promise<Agenda | null> {
  try {
    return await readSchedule(deps, actor, forumId, { kind: 'candidate', id: actor.userId });
  } catch (error) {
    // The forum is the candidate's (listed from their invitations): a 404 here is the grid's.
    if (error instanceof NotFound) return null;
    throw error;
  }
}

export async function candidatePlanning(deps: Deps, actor: Actor): Promise<PlannedForum[]> {
  const forums = await listCandidateForums(deps.db, actor.userId);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(deps.clock());
  const planned: PlannedForum[] = [];
  for (const forum of forums) {
    const agenda = await agendaOf(deps, actor, forum.id);
    const interest = new Map<string, number>();
    if (agenda) {
      for (const e of (await listForumEvaluations(deps, actor, forum.id)).items) {
        if (e.candidateInterest !== null) interest.set(e.structure.id, e.candidateInterest);
      }
    }
    // Whom to meet is asked before the day, while the grid may still be computed again.
    const ahead = (forum.status === 'planning' || forum.status === 'scheduled') && forum.held_on >= today;
    const asks = ahead ? await structuresForCandidate(deps, actor, forum.id) : [];
    planned.push({ forum, agenda, interest, asks });
  }
  return planned;
}

/** The forums of the person's calendar, each with its agenda and the meetings repairs dropped from it; none before its grid. */
async function calendarParts(deps: Deps, actor: Actor): Promise<CalendarPart[]> {
  const member = actor.role === 'structure_member';
  const forums = member ? await listStructureForums(deps.db, actor.structureId!) : await listCandidateForums(deps.db, actor.userId);
  const of: AgendaOf = member ? { kind: 'structure', id: actor.structureId! } : { kind: 'candidate', id: actor.userId };
  const parts: CalendarPart[] = [];
  for (const forum of forums) {
    const calendar = await calendarOf(deps, actor, forum.id, of);
    if (calendar) parts.push({ ...calendar, place: placeOfForum(forum), perspective: member ? 'structure' : 'candidate' });
  }
  return parts;
}

/** readCalendar, or null before the forum's grid exists (the forum is the person's: a 404 is the grid's). */
async function calendarOf(deps: Deps, actor: Actor, forumId: string, of: AgendaOf) {
  try {
    return await readCalendar(deps, actor, forumId, of);
  } catch (error) {
    if (error instanceof NotFound) return null;
    throw error;
  }
}

/** One forum's agenda as iCalendar, with the meetings repairs dropped; undefined before its grid. */
export async function forumCalendar(deps: Deps, actor: Actor, forum: CandidateForumRow): Promise<string | undefined> {
  const calendar = await calendarOf(deps, actor, forum.id, { kind: 'candidate', id: actor.userId });
  return calendar ? toICalendar(calendar.grid, placeOfForum(forum), 'candidate', `${calendar.grid.title} — mes rencontres`, calendar.cancelled) : undefined;
}

/** A new subscription link's secret for the person; the one they had stops working. */
export async function renewCalendarFeed(deps: Deps, actor: Actor): Promise<string> {
  const token = newOpaqueToken();
  await saveCalendarFeed(deps.db, actor.userId, hashToken(token), deps.clock());
  return token;
}

/** The person's link stops working, and none replaces it. */
export async function revokeCalendarFeed(deps: Deps, actor: Actor): Promise<void> {
  await deleteCalendarFeed(deps.db, actor.userId);
}

/**
 * The subscription's calendar for a link's secret, or undefined when the secret names no live
 * link: every forum of its owner in one calendar (a candidate's meetings, a structure member's
 * structure's), empty before any grid exists so that the application keeps the subscription.
 */
export async function calendarOfFeed(deps: Deps, token: string): Promise<string | undefined> {
  // A secret is 43 base64url characters: anything else is not worth a query.
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const owner = await findCalendarFeedOwner(deps.db, hashToken(token));
  if (!owner) return undefined;
  // The link stands for its owner, reading their own agenda as they would signed in.
  const base = { userId: owner.id, sessionId: '', operatorId: owner.operator_id ?? owner.structure_operator_id };
  // A volunteer's upcoming outings (modules/projects) join their forums' meetings.
  if (owner.role === 'candidate') return toCalendar('Binôme — mon planning', await calendarParts(deps, { ...base, role: 'candidate', structureId: null }), await outingEvents(deps, owner.id));
  if (owner.role === 'structure_member' && owner.structure_id && base.operatorId) {
    const actor: Actor = { ...base, role: 'structure_member', structureId: owner.structure_id };
    return toCalendar(`Binôme — forums de ${owner.structure_name ?? 'ma structure'}`, await calendarParts(deps, actor));
  }
  return undefined;
}
