import type { Deps } from '../../deps.js';
import { NotFound } from '../../errors.js';
import type { Actor } from '../../lib/access.js';
import { hashToken, newOpaqueToken } from '../../lib/tokens.js';
import { type GridView, type Place, toICalendar } from '../../modules/forums/agenda.render.js';
import { structuresForCandidate } from '../../modules/forums/forums.service.js';
import { listForumEvaluations, readSchedule } from '../../modules/forums/schedule.service.js';
import { type CandidateForumRow, findCalendarFeedOwner, listCandidateForums, saveCalendarFeed } from './forum.repository.js';

/**
 * « Mon planning »: a candidate's forums, each with their agenda once the grid is computed and
 * their evaluation of each meeting; the same agendas as iCalendar, for a download or for the
 * subscription link. The agendas and evaluations come from the forum services, with the
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

/** The venue as calendars show it: « Maison syndicale, 62300 Lens ». */
export function placeOf(forum: Pick<CandidateForumRow, 'venue' | 'address' | 'commune_name' | 'postal_codes'>): Place {
  return { venue: forum.venue, address: forum.address, commune: [forum.postal_codes[0], forum.commune_name].filter(Boolean).join(' ') };
}

const PERSPECTIVE = 'candidate';

/** One forum's agenda as iCalendar (the forum module's rendering: Europe/Paris, one event per meeting). */
export function forumCalendar(planned: PlannedForum & { agenda: Agenda }): string {
  return toICalendar(planned.agenda, placeOf(planned.forum), PERSPECTIVE, `${planned.agenda.title} — mes rencontres`);
}

const EMPTY_GRID: GridView = { forumId: '', title: '', heldOn: '', version: 0, createdAt: '', rounds: [], meetings: [] };
const END = 'END:VCALENDAR\r\n';

/**
 * Every forum's events in one calendar (the subscription): the forum module renders each one,
 * and their events go into one VCALENDAR with its time zone once. An empty calendar before any
 * grid exists, so that the application keeps the subscription and shows the meetings later.
 */
export function allForumsCalendar(planning: readonly PlannedForum[]): string {
  const head = toICalendar(EMPTY_GRID, { venue: '', address: null, commune: '' }, PERSPECTIVE, 'Binôme — mes forums');
  const events = planning
    .filter((p): p is PlannedForum & { agenda: Agenda } => p.agenda !== null && p.agenda.meetings.length > 0)
    .map((p) => {
      const ics = forumCalendar(p);
      return ics.slice(ics.indexOf('BEGIN:VEVENT\r\n'), ics.length - END.length);
    });
  return head.slice(0, head.length - END.length) + events.join('') + END;
}

/** A new subscription link's secret for the person; the one they had stops working. */
export async function renewCalendarFeed(deps: Deps, actor: Actor): Promise<string> {
  const token = newOpaqueToken();
  await saveCalendarFeed(deps.db, actor.userId, hashToken(token), deps.clock());
  return token;
}

/** The subscription's calendar for a link's secret, or undefined when the secret names no live link. */
export async function calendarOfFeed(deps: Deps, token: string): Promise<string | undefined> {
  // A secret is 43 base64url characters: anything else is not worth a query.
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const owner = await findCalendarFeedOwner(deps.db, hashToken(token));
  if (!owner || owner.role !== 'candidate') return undefined;
  // The link stands for its owner, reading their own agenda as they would signed in.
  const actor: Actor = { userId: owner.id, role: 'candidate', sessionId: '', operatorId: null, structureId: null };
  return allForumsCalendar(await candidatePlanning(deps, actor));
}
