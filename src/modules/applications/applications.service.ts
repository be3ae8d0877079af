import type { z } from 'zod';
import type { ApplicationStatus, Db, RefusalReason } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { Conflict, Forbidden, Invalid, NotFound, RuleViolation } from '../../errors.js';
import { text, withTexts } from '../../i18n/index.js';
import { type Actor, scopeOf } from '../../lib/access.js';
import { ageOn } from '../../lib/dates.js';
import { csvOf } from '../../lib/csv.js';
import { toPage } from '../../lib/pagination.js';
import { historyOf, logCreation, move, type Mover, PLATFORM } from '../../lib/workflow.js';
import { RULES } from '../../rules.js';
import { lockProfile, findProfile, type ProfileRow } from '../candidates/candidates.repository.js';
import { readDisability } from '../candidates/candidates.service.js';
import { ACROSS_REVIEW_COLUMNS, STRUCTURE_REVIEW_COLUMNS } from './applications.csv.js';
import { idempotent } from '../idempotency/idempotency.service.js';
import type { KeyId } from '../idempotency/idempotency.repository.js';
import { findMission, loadMission, type MissionRow } from '../missions/missions.repository.js';
import { findEdition } from '../editions/editions.repository.js';
import { findStructure } from '../structures/structures.repository.js';
import {
  acceptedPlacements,
  type ApplicationRow,
  countPending,
  findActiveApplication,
  findApplication,
  insertApplication,
  insertNote,
  listCandidateApplications,
  listNotes,
  listReviewedApplications,
  loadApplication,
  lockApplication,
  type ReviewFilter,
  type ReviewSort,
  setRating,
} from './applications.repository.js';
import { APPLICATION_WORKFLOW, type ApplicationMoveContext, emailCandidate, OFFER_WITHDRAWN } from './applications.workflow.js';
import { type Check, checkEligibility, checkText, needsDisability } from './eligibility.js';
import type { candidateApplicationSchema, reviewApplicationSchema } from './applications.schemas.js';

/** An application as the routes return it, to its candidate and to its reviewers: the types of the response schemas. */
export type CandidateApplication = z.infer<typeof candidateApplicationSchema>;
export type ReviewApplication = z.infer<typeof reviewApplicationSchema>;

// ---------------------------------------------------------------------------------------------
// Views

/** The mission's places now, for the reviewers: what an offer would compete for. */
function placesOf(row: ApplicationRow) {
  return {
    total: row.mission_places,
    accepted: row.mission_accepted,
    reserved: row.mission_reserved,
    free: row.mission_places - row.mission_accepted - row.mission_reserved,
    pendingOffers: row.mission_pending_offers ?? 0,
  };
}

/**
 * The warning an offer carries when the mission's offers that hold no place outnumber its free
 * places. Warned, not refused: a structure may offer more places than it has, and the first to
 * accept take them. Also in the answer of a bulk move.
 */
export function offerWarnings(row: ApplicationRow) {
  const { total, free, pendingOffers } = placesOf(row);
  if (row.status !== 'offered' || pendingOffers <= free) return [];
  return [
    withTexts(
      {
        code: 'offers-beyond-places' as const,
        detail: '',
        missionId: row.mission_id,
        freePlaces: free,
        pendingOffers,
      },
      { detail: text('application.offersBeyondPlaces', { title: row.mission_title, free, total, pendingOffers }) },
    ),
  ];
}

const missionOf = (row: ApplicationRow) => ({
  id: row.mission_id,
  title: row.mission_title,
  host: { id: row.host_structure_id, name: row.host_name },
  startsOn: row.mission_starts_on,
  endsOn: row.mission_ends_on,
});

/** What the candidate sees of their application: the refusal reason only when it was shared. */
export function toCandidateView(row: ApplicationRow): CandidateApplication {
  const shared = row.status === 'refused' && row.refusal_reason_shared;
  return {
    id: row.id,
    mission: missionOf(row),
    status: row.status,
    motivation: row.motivation,
    refusal: shared ? { reason: row.refusal_reason!, message: row.refusal_message } : null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    statusChangedAt: row.status_changed_at.toISOString(),
  };
}

/**
 * What the host structure and the coordinators see: the candidate's names, contact, commune,
 * mobility, interests, presentation, and the age at the mission's start — or "minor". Never the
 * birth date, the nationality or anything about a disability (docs/rules.md, personal data).
 */
export function toReviewView(row: ApplicationRow): ReviewApplication {
  const age = row.birth_date ? ageOn(row.birth_date, row.mission_starts_on) : null;
  return {
    id: row.id,
    mission: { ...missionOf(row), places: placesOf(row) },
    status: row.status,
    motivation: row.motivation,
    candidate: {
      id: row.candidate_id,
      firstName: row.first_name,
      lastName: row.last_name,
      email: row.email,
      phone: row.phone,
      age: age === null ? null : age < RULES.age.majority ? ('minor' as const) : age,
      commune: row.commune_code ? { code: row.commune_code, name: row.commune_name ?? '' } : null,
      mobility: row.driving_licence === null ? null : { drivingLicence: row.driving_licence, car: row.has_car!, publicTransport: row.public_transport! },
      interests: row.interests ?? [],
      presentation: row.presentation ?? '',
    },
    rating: row.rating,
    refusal: row.refusal_reason ? { reason: row.refusal_reason, message: row.refusal_message, shared: row.refusal_reason_shared } : null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    statusChangedAt: row.status_changed_at.toISOString(),
  };
}

export const viewFor = (actor: Actor, row: ApplicationRow) => (actor.role === 'candidate' ? toCandidateView(row) : toReviewView(row));

// ---------------------------------------------------------------------------------------------
// Eligibility

function assertPublic(mission: MissionRow | undefined): MissionRow {
  if (!mission || (mission.status !== 'published' && mission.status !== 'filled')) throw new NotFound('mission');
  return mission;
}

function requireProfile(profile: ProfileRow | undefined): ProfileRow {
  if (!profile) throw new RuleViolation('profile-incomplete', text('application.profileFirst'));
  return profile;
}

/** The checks of docs/rules.md for this candidate and mission; the disability is read only if the age needs it. */
async function evaluate(trx: Db, profile: ProfileRow, mission: MissionRow, reader: string): Promise<Check[]> {
  const disability = needsDisability(profile.birth_date, mission.starts_on) ? await readDisability(trx, profile.user_id, reader, 'age-max') : undefined;
  const placements = await acceptedPlacements(trx, profile.user_id);
  return checkEligibility({
    birthDate: profile.birth_date,
    nationality: profile.nationality,
    earlierServiceCivique: profile.earlier_service_civique,
    mission: { id: mission.id, startsOn: mission.starts_on, endsOn: mission.ends_on, openToMinors: mission.open_to_minors, weeklyHours: mission.weekly_hours },
    disabilityRecognised: disability?.recognised,
    placements: placements.map((p) => ({ missionId: p.mission_id, title: p.title, startsOn: p.starts_on, endsOn: p.ends_on })),
  });
}

function assertEligible(checks: Check[], extra: Record<string, unknown> = {}) {
  const failed = checks.find((c) => !c.ok);
  if (failed) throw new RuleViolation(failed.rule, checkText(failed) ?? text('field.invalid'), { checks, ...extra });
}

/**
 * The rules of docs/rules.md for a candidate and a mission, for placement (runs, binômes): the
 * checks, or undefined when the candidate has no profile. `reader` is who reads (audited).
 */
export async function eligibilityChecks(trx: Db, candidateId: string, missionId: string, reader: string): Promise<Check[] | undefined> {
  const profile = await findProfile(trx, candidateId);
  const mission = await findMission(trx, missionId, { kind: 'all' });
  if (!profile || !mission) return undefined;
  return evaluate(trx, profile, mission, reader);
}

/** Refuses (422, the failing rule, naming the candidate) when the candidate may not do the mission. */
export async function assertPlaceable(trx: Db, candidateId: string, missionId: string, reader: string): Promise<void> {
  const checks = await eligibilityChecks(trx, candidateId, missionId, reader);
  if (!checks) throw new RuleViolation('profile-incomplete', text('application.noProfile'), { candidateId });
  assertEligible(checks, { candidateId });
}

export async function eligibility(deps: Deps, actor: Actor, missionId: string) {
  return deps.db.transaction().execute(async (trx) => {
    const mission = assertPublic(await findMission(trx, missionId, 'public'));
    const profile = requireProfile(await findProfile(trx, actor.userId));
    const checks = await evaluate(trx, profile, mission, actor.userId);
    return { missionId, eligible: checks.every((c) => c.ok), checks };
  });
}

/** The candidate's own application to the mission that is still under way (pending or accepted), if any: for the mission's page. */
export async function activeApplicationTo(deps: Deps, actor: Actor, missionId: string): Promise<{ id: string; status: ApplicationStatus } | null> {
  return (await findActiveApplication(deps.db, actor.userId, missionId)) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Applying

export async function apply(deps: Deps, actor: Actor, missionId: string, motivation: string, key: string | undefined) {
  const now = deps.clock();
  const keyId: KeyId | undefined = key ? { userId: actor.userId, scope: `POST /missions/${missionId}/applications`, key } : undefined;
  return deps.db.transaction().execute((trx) =>
    idempotent(trx, keyId, { motivation }, now, async () => {
      const mission = assertPublic(await findMission(trx, missionId, 'public'));
      // One decision at a time per candidate: the quota and the duplicate check hold under concurrency.
      const profile = requireProfile((await lockProfile(trx, actor.userId)) ? await findProfile(trx, actor.userId) : undefined);
      if (mission.status === 'filled') throw new Conflict(text('mission.full', { title: mission.title }), { rule: 'mission-full' });
      const active = await findActiveApplication(trx, actor.userId, missionId);
      if (active) throw new Conflict(text('application.alreadyActive'), { applicationId: active.id, currentState: active.status });
      if ((await countPending(trx, actor.userId)) >= RULES.maxPendingApplications) {
        throw new RuleViolation(
          'application-quota',
          text('application.quota', { max: RULES.maxPendingApplications }),
        );
      }
      assertEligible(await evaluate(trx, profile, mission, actor.userId));
      const id = await insertApplication(trx, { mission_id: missionId, candidate_id: actor.userId, motivation, created_at: now, updated_at: now, status_changed_at: now });
      await logCreation(trx, APPLICATION_WORKFLOW, id, 'submitted', actor, now, 'submit');
      const row = await loadApplication(trx, id);
      await emailCandidate(trx, row, 'submitted', now);
      return { status: 201, body: toCandidateView(row) };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Transitions

export interface TransitionInput {
  to: ApplicationStatus;
  /** The version read (If-Match); the move is refused with 412 when the application changed. */
  version?: number | undefined;
  reason?: RefusalReason | undefined;
  message?: string | undefined;
  shareReason?: boolean | undefined;
}

export interface ApplicationMove {
  to: ApplicationStatus;
  by: Mover;
  at: Date;
  /** Names a platform move (two share `offered → obsolete`). */
  name?: string;
  version?: number | undefined;
  /** A refusal's reason, message and whether the candidate sees them. */
  refusal?: { reason?: RefusalReason | undefined; message?: string | undefined; shared?: boolean | undefined };
  /** Why the platform ended the application otherwise than by a refusal: its history line's reason and message, shared with the candidate. */
  ended?: { reason: RefusalReason; message: string };
  context?: ApplicationMoveContext;
}

/**
 * Moves one application through the engine (lock, table, guarded update, history line, the
 * candidate's e-mail), in the caller's transaction, and returns it as it is now. A refusal
 * writes its reason; any other move clears it. What the move means for a binôme or for the
 * mission's places is the recruitment process's to apply (modules/recruitment).
 */
export async function moveApplication(trx: Db, id: string, request: ApplicationMove): Promise<ApplicationRow> {
  const refusal =
    request.to === 'refused'
      ? { refusal_reason: request.refusal?.reason ?? 'other', refusal_message: request.refusal?.message ?? null, refusal_reason_shared: request.refusal?.shared ?? false }
      : { refusal_reason: null, refusal_message: null, refusal_reason_shared: false };
  const why = request.ended
    ? { reason: request.ended.reason, message: request.ended.message, shared: true }
    : { reason: refusal.refusal_reason, message: refusal.refusal_message, shared: refusal.refusal_reason_shared };
  await move(trx, APPLICATION_WORKFLOW, id, { to: request.to, by: request.by, at: request.at, name: request.name, version: request.version, set: refusal, why, context: request.context });
  return loadApplication(trx, id);
}

/** Offers the mission's place to the candidate, as the coordinator forming a binôme (caller's transaction). */
export async function offerPlace(trx: Db, actor: Actor, applicationId: string, at: Date) {
  return moveApplication(trx, applicationId, { to: 'offered', by: actor, at });
}

/**
 * Takes back an offer made to a binôme member that does not form (caller's transaction): the
 * application is shortlisted again. The place's reservation is the caller's.
 */
export async function withdrawOffer(trx: Db, applicationId: string, at: Date) {
  const row = await loadApplication(trx, applicationId);
  if (row.status !== 'offered') return row;
  return moveApplication(trx, applicationId, { to: 'shortlisted', by: PLATFORM, at, name: OFFER_WITHDRAWN });
}

export function assertRefusalFields(input: TransitionInput) {
  if (input.to === 'refused') {
    if (!input.reason) throw new Invalid(text('application.refusalNeedsReason'), [{ path: 'reason', message: text('field.requiredToRefuse') }]);
    return;
  }
  for (const field of ['reason', 'message', 'shareReason'] as const) {
    if (input[field] !== undefined) throw new Invalid(text('application.refusalOnly', { field }), [{ path: field, message: text('field.onlyForRefused') }]);
  }
}

export const missionFull = (row: ApplicationRow, extra: Record<string, unknown> = {}) =>
  new Conflict(text('mission.full', { title: row.mission_title }), { rule: 'mission-full', ...extra });

/** Accepting checks the rules once more, on the profile and the mission as they are now. */
export async function assertMayAccept(trx: Db, row: ApplicationRow, reader: string) {
  const mission = await loadMission(trx, row.mission_id);
  const profile = requireProfile(await findProfile(trx, row.candidate_id));
  assertEligible(await evaluate(trx, profile, mission, reader));
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function getApplication(deps: Deps, actor: Actor, id: string) {
  const row = await findApplication(deps.db, id, scopeOf(actor));
  if (!row) throw new NotFound('application');
  return viewFor(actor, row);
}

/** The history; a candidate sees who moved it by role only, and a refusal's reason only when shared. */
export async function getHistory(deps: Deps, actor: Actor, id: string) {
  const row = await findApplication(deps.db, id, scopeOf(actor));
  if (!row) throw new NotFound('application');
  const lines = await historyOf(deps.db, APPLICATION_WORKFLOW, id);
  const candidate = actor.role === 'candidate';
  return {
    items: lines.map((t) => {
      const showReason = !candidate || t.reason_shared;
      return {
        at: t.at.toISOString(),
        transition: t.transition,
        from: t.from_status,
        to: t.to_status,
        actor: { role: t.actor_role, id: candidate ? null : t.actor_id, name: candidate ? null : t.actor_name },
        // The engine logs what the move gave: for an application, a refusal reason's code.
        reason: showReason ? (t.reason as RefusalReason | null) : null,
        message: showReason ? t.message : null,
        reasonShared: t.reason_shared,
      };
    }),
  };
}

export async function addNote(deps: Deps, actor: Actor, id: string, input: { body: string; rating?: number | undefined }) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const row = await findApplication(trx, id, scopeOf(actor));
    if (!row) throw new NotFound('application');
    const note = await insertNote(trx, { applicationId: id, authorId: actor.userId, body: input.body, rating: input.rating ?? null, at: now });
    if (input.rating !== undefined) await setRating(trx, id, input.rating, now);
    const notes = await listNotes(trx, id);
    return toNote(notes.find((n) => n.id === note.id)!);
  });
}

function toNote(n: Awaited<ReturnType<typeof listNotes>>[number]) {
  return { id: n.id, author: { id: n.author_id, name: n.author_name, role: n.author_role }, body: n.body, rating: n.rating, createdAt: n.created_at.toISOString() };
}

export async function getNotes(deps: Deps, actor: Actor, id: string) {
  const row = await findApplication(deps.db, id, scopeOf(actor));
  if (!row) throw new NotFound('application');
  return { items: (await listNotes(deps.db, id)).map(toNote) };
}

export interface ReviewQuery {
  status?: readonly ApplicationStatus[] | undefined;
  missionId?: string | undefined;
  q?: string | undefined;
  sort?: ReviewSort | undefined;
  limit: number;
  cursor?: readonly string[] | undefined;
}

/**
 * Which applications a reviewer lists: one host structure's, one edition's, both, or (for the
 * coordinators) every structure's of the operator. A member always names their own structure:
 * the list across structures is the coordination's. Who sees which rows stays the query's
 * (`visible`): an edition or a structure the actor may not see is not found, like an unknown one.
 */
export interface ReviewTarget {
  structureId?: string | undefined;
  editionId?: string | undefined;
}

async function reviewRows(deps: Deps, actor: Actor, target: ReviewTarget, query: ReviewQuery) {
  const scope = scopeOf(actor);
  if (!target.structureId && actor.role !== 'coordinator' && actor.role !== 'admin') throw new Forbidden(text('application.listAcrossStructures'));
  if (target.editionId && !(await findEdition(deps.db, target.editionId, scope))) throw new NotFound('edition');
  if (target.structureId && !(await findStructure(deps.db, target.structureId, scope))) throw new NotFound('structure');
  const sort = query.sort ?? 'newest';
  if (query.cursor && query.cursor[0] !== sort) {
    throw new Invalid(text('cursor.otherSort'), [{ path: 'cursor', message: text('field.cursorOfSort', { sort: String(query.cursor[0]) }) }]);
  }
  const filter: ReviewFilter = {
    structureId: target.structureId,
    editionId: target.editionId,
    status: query.status,
    missionId: query.missionId,
    q: query.q,
    sort,
    limit: query.limit,
    after: query.cursor?.slice(1),
  };
  return { sort, rows: await listReviewedApplications(deps.db, scope, filter) };
}

/** A page of the reviewers' list (GET /structures/:id/applications, GET /editions/:id/applications, « Candidatures »). */
export async function listForReview(deps: Deps, actor: Actor, target: ReviewTarget, query: ReviewQuery) {
  const { sort, rows } = await reviewRows(deps, actor, target, query);
  return toPage(
    rows,
    query.limit,
    (r) => (sort === 'rating' ? [sort, r.rating_text, r.created_text, r.id] : [sort, r.created_text, r.id]),
    toReviewView,
  );
}

/**
 * The filtered list as a CSV file (src/modules/applications/applications.csv.ts), at most `max`
 * rows. A list across structures says each row's host after the mission.
 */
export async function exportForReview(deps: Deps, actor: Actor, target: ReviewTarget, query: Omit<ReviewQuery, 'limit' | 'cursor'>, max: number) {
  const { rows } = await reviewRows(deps, actor, target, { ...query, limit: max });
  const columns = target.structureId ? STRUCTURE_REVIEW_COLUMNS : ACROSS_REVIEW_COLUMNS;
  return { csv: csvOf(columns, rows.slice(0, max).map(toReviewView)), truncated: rows.length > max };
}

export async function listMine(deps: Deps, actor: Actor, query: { status?: readonly ApplicationStatus[] | undefined; limit: number; cursor?: readonly string[] | undefined }) {
  const rows = await listCandidateApplications(deps.db, actor.userId, { status: query.status, limit: query.limit, after: query.cursor });
  return toPage(rows, query.limit, (r) => [r.created_text, r.id], toCandidateView);
}

/**
 * When a forum closes: the applications of the candidates met move to `interview` (the
 * interview took place), as the coordinator's act, in the caller's transaction. The candidate's
 * e-mail names the forum: they have met the structure already.
 */
export async function markInterviewedAfterForum(
  trx: Db,
  actor: Actor,
  applicationIds: readonly string[],
  now: Date,
  forum: { title: string; heldOn: string },
): Promise<number> {
  let moved = 0;
  for (const id of applicationIds) {
    await lockApplication(trx, id);
    const row = await loadApplication(trx, id);
    if (!['submitted', 'in_review', 'shortlisted'].includes(row.status)) continue;
    await moveApplication(trx, id, { to: 'interview', by: actor, at: now, context: { forum } });
    moved++;
  }
  return moved;
}
