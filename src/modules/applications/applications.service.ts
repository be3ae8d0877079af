import type { ApplicationStatus, Db, RefusalReason, TransitionActorRole } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { Conflict, DomainError, Invalid, NotFound, PreconditionFailed, RuleViolation } from '../../errors.js';
import { type Actor, scopeOf } from '../../lib/access.js';
import { ageOn } from '../../lib/dates.js';
import { toPage } from '../../lib/pagination.js';
import { type Transition, transitionTo } from '../../lib/workflow.js';
import { RULES } from '../../rules.js';
import { recordAudit } from '../audit/audit.repository.js';
import { lockProfile, findProfile, type ProfileRow } from '../candidates/candidates.repository.js';
import { readDisability } from '../candidates/candidates.service.js';
import { idempotent } from '../idempotency/idempotency.service.js';
import type { KeyId } from '../idempotency/idempotency.repository.js';
import { findMission, moveMission, type MissionRow } from '../missions/missions.repository.js';
import { enqueueEmail } from '../outbox/outbox.repository.js';
import { findStructure } from '../structures/structures.repository.js';
import { findActiveMemberByApplication, acceptReservedPlace } from '../binomes/binomes.repository.js';
import { memberAccepted, memberOfferEnded } from '../binomes/binomes.service.js';
import { applicationEmail, type EmailContext } from './applications.emails.js';
import {
  acceptedPlacements,
  type ApplicationRow,
  countPending,
  findActiveApplication,
  findApplication,
  insertApplication,
  insertNote,
  insertTransition,
  listCandidateApplications,
  listNotes,
  listStructureApplications,
  listTransitions,
  lockApplication,
  lockMissionPlaces,
  moveApplication,
  otherPending,
  pendingOf,
  type ReviewFilter,
  type ReviewSort,
  setRating,
  takePlace,
  unheldOffers,
  untouchedSince,
  wentThrough,
} from './applications.repository.js';
import { APPLICATION_TRANSITIONS, MISSION_FILLED, systemTransition } from './applications.workflow.js';
import { type Check, checkEligibility, needsDisability } from './eligibility.js';

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
function offerWarnings(row: ApplicationRow) {
  const { total, free, pendingOffers } = placesOf(row);
  if (row.status !== 'offered' || pendingOffers <= free) return [];
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  return [
    {
      code: 'offers-beyond-places' as const,
      detail:
        `“${row.mission_title}” has ${count(free, 'free place')} out of ${total} and ${count(pendingOffers, 'pending offer')}, this one included: ` +
        'the first candidates to accept take the places; the other offers end (status obsolete) once no place is free',
      missionId: row.mission_id,
      freePlaces: free,
      pendingOffers,
    },
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
export function toCandidateView(row: ApplicationRow) {
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
export function toReviewView(row: ApplicationRow) {
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

const viewFor = (actor: Actor, row: ApplicationRow) => (actor.role === 'candidate' ? toCandidateView(row) : toReviewView(row));

// ---------------------------------------------------------------------------------------------
// Eligibility

function assertPublic(mission: MissionRow | undefined): MissionRow {
  if (!mission || (mission.status !== 'published' && mission.status !== 'filled')) throw new NotFound('Mission');
  return mission;
}

function requireProfile(profile: ProfileRow | undefined): ProfileRow {
  if (!profile) throw new RuleViolation('profile-incomplete', 'Write your profile first (PUT /me/profile): applying needs a complete profile');
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
  if (failed) throw new RuleViolation(failed.rule, failed.detail, { checks, ...extra });
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
  if (!checks) throw new RuleViolation('profile-incomplete', 'The candidate has no profile', { candidateId });
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

// ---------------------------------------------------------------------------------------------
// Applying

async function tellCandidate(trx: Db, row: ApplicationRow, to: ApplicationStatus, at: Date, extra: Pick<EmailContext, 'acceptedMissionTitle' | 'offerWithdrawn' | 'missionFilled'> = {}) {
  // An anonymised account has no address left to write to.
  if (row.email.endsWith('.invalid')) return;
  const shared = to === 'refused' && row.refusal_reason_shared;
  const { subject, body } = applicationEmail(to, {
    firstName: row.first_name,
    missionTitle: row.mission_title,
    hostName: row.host_name,
    reason: shared ? row.refusal_reason : null,
    message: shared ? row.refusal_message : null,
    ...extra,
  });
  await enqueueEmail(trx, { userId: row.candidate_id, to: row.email, subject, body, kind: `application.${to}`, applicationId: row.id }, at);
}

export async function apply(deps: Deps, actor: Actor, missionId: string, motivation: string, key: string | undefined) {
  const now = deps.clock();
  const keyId: KeyId | undefined = key ? { userId: actor.userId, scope: `POST /missions/${missionId}/applications`, key } : undefined;
  return deps.db.transaction().execute((trx) =>
    idempotent(trx, keyId, { motivation }, now, async () => {
      const mission = assertPublic(await findMission(trx, missionId, 'public'));
      // One decision at a time per candidate: the quota and the duplicate check hold under concurrency.
      const profile = requireProfile((await lockProfile(trx, actor.userId)) ? await findProfile(trx, actor.userId) : undefined);
      if (mission.status === 'filled') throw new Conflict(`Every place of “${mission.title}” is taken`, { rule: 'mission-full' });
      const active = await findActiveApplication(trx, actor.userId, missionId);
      if (active) throw new Conflict('You already have an active application to this mission', { applicationId: active.id, currentState: active.status });
      if ((await countPending(trx, actor.userId)) >= RULES.maxPendingApplications) {
        throw new RuleViolation(
          'application-quota',
          `At most ${RULES.maxPendingApplications} applications can wait for an answer at once: withdraw one, or wait for answers`,
        );
      }
      assertEligible(await evaluate(trx, profile, mission, actor.userId));
      const id = await insertApplication(trx, { mission_id: missionId, candidate_id: actor.userId, motivation, created_at: now, updated_at: now, status_changed_at: now });
      await insertTransition(trx, { application_id: id, at: now, actor_id: actor.userId, actor_role: 'candidate', transition: 'submit', from_status: null, to_status: 'submitted' });
      const row = (await findApplication(trx, id, { kind: 'all' }))!;
      await tellCandidate(trx, row, 'submitted', now);
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

/** Writes the move, its history line and the candidate's e-mail, in the caller's transaction. */
async function record(
  trx: Db,
  row: ApplicationRow,
  transition: Transition<ApplicationStatus>,
  by: { id: string | null; role: TransitionActorRole },
  at: Date,
  details: {
    reason?: RefusalReason | null;
    message?: string | null;
    shared?: boolean;
    version?: number;
    acceptedMissionTitle?: string;
    /** Why the platform ended the application otherwise than by a refusal: the history line's reason and message, shared with the candidate. */
    ended?: { reason: RefusalReason; message: string };
  } = {},
) {
  const refusal =
    transition.to === 'refused'
      ? { refusal_reason: details.reason ?? 'other', refusal_message: details.message ?? null, refusal_reason_shared: details.shared ?? false }
      : { refusal_reason: null, refusal_message: null, refusal_reason_shared: false };
  const why = details.ended
    ? { reason: details.ended.reason, message: details.ended.message, reason_shared: true }
    : { reason: refusal.refusal_reason, message: refusal.refusal_message, reason_shared: refusal.refusal_reason_shared };
  if (!(await moveApplication(trx, row.id, { from: row.status, to: transition.to, version: details.version, at }, refusal))) {
    throw new Conflict('The application changed meanwhile; read it again', { currentState: row.status });
  }
  await insertTransition(trx, {
    application_id: row.id,
    at,
    actor_id: by.id,
    actor_role: by.role,
    transition: transition.name,
    from_status: row.status,
    to_status: transition.to,
    ...why,
  });
  const moved = (await findApplication(trx, row.id, { kind: 'all' }))!;
  await tellCandidate(trx, moved, transition.to, at, {
    ...(details.acceptedMissionTitle ? { acceptedMissionTitle: details.acceptedMissionTitle } : {}),
    ...(transition.name === 'withdraw the offer' ? { offerWithdrawn: true } : {}),
    ...(transition.name === MISSION_FILLED.transition ? { missionFilled: true } : {}),
  });
  // An offer made to a binôme member ends otherwise than by an acceptance (declined, expired,
  // withdrawn, refused, obsolete): the binôme cannot form. Same transaction.
  if (row.status === 'offered' && transition.to !== 'accepted') await memberOfferEnded(trx, row.id, transition.to, at);
  return moved;
}

/**
 * A candidate who deletes their account withdraws every pending application first (caller's
 * transaction): structures stop reviewing it, and an offer to a binôme member ends, which
 * breaks the binôme and frees the partner for another.
 */
export async function withdrawAllPending(trx: Db, actor: Actor, at: Date) {
  for (const { id } of await pendingOf(trx, actor.userId)) {
    const row = (await findApplication(trx, id, { kind: 'all' }))!;
    await record(trx, row, transitionTo(APPLICATION_TRANSITIONS, 'application', row.status, 'withdrawn', actor), { id: actor.userId, role: actor.role }, at);
  }
}

/** Offers the mission's place to the candidate, as the coordinator forming a binôme (caller's transaction). */
export async function offerPlace(trx: Db, actor: Actor, applicationId: string, at: Date) {
  await lockApplication(trx, applicationId);
  const row = (await findApplication(trx, applicationId, { kind: 'all' }))!;
  const transition = transitionTo(APPLICATION_TRANSITIONS, 'application', row.status, 'offered', actor);
  return record(trx, row, transition, { id: actor.userId, role: actor.role }, at);
}

/** Takes back an offer made to a binôme member (caller's transaction); the place's reservation is the caller's. */
export async function withdrawOffer(trx: Db, applicationId: string, at: Date) {
  await lockApplication(trx, applicationId);
  const row = (await findApplication(trx, applicationId, { kind: 'all' }))!;
  if (row.status !== 'offered') return row;
  return record(trx, row, systemTransition('offered', 'shortlisted', 'withdraw the offer'), { id: null, role: 'system' }, at);
}

function assertRefusalFields(input: TransitionInput) {
  if (input.to === 'refused') {
    if (!input.reason) throw new Invalid('A refusal gives its reason', [{ path: 'reason', message: 'is required to refuse' }]);
    return;
  }
  for (const field of ['reason', 'message', 'shareReason'] as const) {
    if (input[field] !== undefined) throw new Invalid(`${field} goes with a refusal only`, [{ path: field, message: 'is only for to=refused' }]);
  }
}

const missionFull = (row: ApplicationRow, extra: Record<string, unknown> = {}) =>
  new Conflict(`Every place of “${row.mission_title}” is taken`, { rule: 'mission-full', ...extra });

/**
 * The mission has no free place left after an acceptance: the offers that no reserved place
 * backs can no longer be accepted, so they end — `obsolete`, reason « mission pourvue », each with
 * its history line and e-mail — in the acceptance's transaction. A binôme member's offer holds a
 * reserved place and stays. They end through `record`, the path of every ending offer (were one
 * a member's, its binôme would break and the partner's offer be taken back).
 */
async function endOffersBeyondPlaces(trx: Db, missionId: string, at: Date) {
  for (const { id } of await unheldOffers(trx, missionId)) {
    const offer = (await findApplication(trx, id, { kind: 'all' }))!;
    await record(trx, offer, systemTransition('offered', 'obsolete', MISSION_FILLED.transition), { id: null, role: 'system' }, at, {
      ended: { reason: MISSION_FILLED.reason, message: MISSION_FILLED.message },
    });
  }
}

/**
 * Moves an application (one transaction); accepting an offer takes a place of the mission. The
 * answer carries `warnings`: an offer beyond the mission's free places is made, with a warning.
 */
export async function moveApplicationTo(deps: Deps, actor: Actor, id: string, input: TransitionInput) {
  assertRefusalFields(input);
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const seen = await findApplication(trx, id, scopeOf(actor));
    if (!seen) throw new NotFound('Application');
    // The candidate's acceptances are decided one at a time (profile row), then the mission's
    // places, then the application's (see lockMissionPlaces for why in this order).
    if (input.to === 'accepted') {
      await lockProfile(trx, seen.candidate_id);
      await lockMissionPlaces(trx, seen.mission_id);
    }
    await lockApplication(trx, id);
    const row = (await findApplication(trx, id, { kind: 'all' }))!;
    // An offer that ended because the mission filled answers as a full mission does.
    if (input.to === 'accepted' && row.status === 'obsolete' && actor.role === 'candidate' && (await wentThrough(trx, id, MISSION_FILLED.transition))) {
      throw missionFull(row, { currentState: row.status });
    }
    const transition = transitionTo(APPLICATION_TRANSITIONS, 'application', row.status, input.to, actor);
    if (input.version !== undefined && input.version !== row.version) {
      throw new PreconditionFailed(`The application changed since version ${input.version} (it is at ${row.version}); read it again`);
    }
    const by = { id: actor.userId, role: actor.role };
    if (input.to !== 'accepted') {
      const moved = await record(trx, row, transition, by, now, { reason: input.reason, message: input.message, shared: input.shareReason, version: row.version });
      return { ...viewFor(actor, moved), warnings: offerWarnings(moved) };
    }

    // Accepting: the rules once more, then a place (or 409 mission-full), then the rest of the
    // candidate's pending applications become obsolete.
    const mission = (await findMission(trx, row.mission_id, { kind: 'all' }))!;
    const profile = requireProfile(await findProfile(trx, row.candidate_id));
    assertEligible(await evaluate(trx, profile, mission, actor.userId));
    // A binôme member's place was reserved when the offer was made; anyone else takes a free one.
    const member = await findActiveMemberByApplication(trx, row.id);
    const place = member ? await acceptReservedPlace(trx, row.mission_id) : await takePlace(trx, row.mission_id);
    if (!place) throw missionFull(row);
    const accepted = await record(trx, row, transition, by, now, { version: row.version });
    if (member) await memberAccepted(trx, member, now);
    if (place.accepted === place.places && place.status === 'published') {
      await moveMission(trx, row.mission_id, 'published', 'filled', now);
      await recordAudit(trx, {
        actorId: null,
        action: 'mission.filled',
        entityType: 'mission',
        entityId: row.mission_id,
        before: { status: 'published' },
        after: { status: 'filled', reason: 'every place accepted' },
      });
    }
    if (place.accepted + place.reserved >= place.places) await endOffersBeyondPlaces(trx, row.mission_id, now);
    for (const other of await otherPending(trx, row.candidate_id, row.id)) {
      const otherRow = (await findApplication(trx, other.id, { kind: 'all' }))!;
      await record(trx, otherRow, systemTransition(other.status, 'obsolete', 'make obsolete'), { id: null, role: 'system' }, now, {
        acceptedMissionTitle: row.mission_title,
      });
    }
    return { ...viewFor(actor, accepted), warnings: [] };
  });
}

export interface BulkItem extends TransitionInput {
  id: string;
}

/** Each item in its own transaction: one failing leaves the others done, and the answer says which. */
export async function bulkMove(deps: Deps, actor: Actor, items: readonly BulkItem[]) {
  const results = [];
  for (const item of items) {
    try {
      const application = await moveApplicationTo(deps, actor, item.id, item);
      results.push({ id: item.id, ok: true as const, status: application.status, warnings: application.warnings });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      results.push({ id: item.id, ok: false as const, error: { kind: err.kind, detail: err.message, ...('rule' in err ? { rule: String(err.rule) } : {}), ...err.extra } });
    }
  }
  return { succeeded: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length, results };
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function getApplication(deps: Deps, actor: Actor, id: string) {
  const row = await findApplication(deps.db, id, scopeOf(actor));
  if (!row) throw new NotFound('Application');
  return viewFor(actor, row);
}

/** The history; a candidate sees who moved it by role only, and a refusal's reason only when shared. */
export async function getHistory(deps: Deps, actor: Actor, id: string) {
  const row = await findApplication(deps.db, id, scopeOf(actor));
  if (!row) throw new NotFound('Application');
  const lines = await listTransitions(deps.db, id);
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
        reason: showReason ? t.reason : null,
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
    if (!row) throw new NotFound('Application');
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
  if (!row) throw new NotFound('Application');
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

async function reviewRows(deps: Deps, actor: Actor, structureId: string, query: ReviewQuery) {
  if (!(await findStructure(deps.db, structureId, scopeOf(actor)))) throw new NotFound('Structure');
  const sort = query.sort ?? 'newest';
  if (query.cursor && query.cursor[0] !== sort) {
    throw new Invalid('The cursor belongs to another sort order', [{ path: 'cursor', message: `was made for sort=${query.cursor[0]}` }]);
  }
  const filter: ReviewFilter = {
    structureId,
    status: query.status,
    missionId: query.missionId,
    q: query.q,
    sort,
    limit: query.limit,
    after: query.cursor?.slice(1),
  };
  return { sort, rows: await listStructureApplications(deps.db, scopeOf(actor), filter) };
}

export async function listForStructure(deps: Deps, actor: Actor, structureId: string, query: ReviewQuery) {
  const { sort, rows } = await reviewRows(deps, actor, structureId, query);
  return toPage(
    rows,
    query.limit,
    (r) => (sort === 'rating' ? [sort, r.rating_text, r.created_text, r.id] : [sort, r.created_text, r.id]),
    toReviewView,
  );
}

/** The filtered list as CSV rows (the first row names the columns), at most `max` rows. */
export async function exportForStructure(deps: Deps, actor: Actor, structureId: string, query: Omit<ReviewQuery, 'limit' | 'cursor'>, max: number) {
  const { rows } = await reviewRows(deps, actor, structureId, { ...query, limit: max });
  const header = ['candidature', 'déposée le', 'statut', 'mission', 'prénom', 'nom', 'e-mail', 'téléphone', 'âge', 'commune', 'permis', 'voiture', 'transports en commun', 'centres d’intérêt', 'note', 'motivation'];
  const yes = (b: boolean | undefined) => (b === undefined ? '' : b ? 'oui' : 'non');
  const lines = rows.slice(0, max).map((row) => {
    const v = toReviewView(row);
    return [
      v.id,
      v.createdAt,
      v.status,
      v.mission.title,
      v.candidate.firstName ?? '',
      v.candidate.lastName ?? '',
      v.candidate.email,
      v.candidate.phone ?? '',
      v.candidate.age === null ? '' : v.candidate.age === 'minor' ? 'mineur' : String(v.candidate.age),
      v.candidate.commune?.name ?? '',
      yes(v.candidate.mobility?.drivingLicence),
      yes(v.candidate.mobility?.car),
      yes(v.candidate.mobility?.publicTransport),
      v.candidate.interests.join(', '),
      v.rating === null ? '' : String(v.rating),
      v.motivation,
    ];
  });
  return { rows: [header, ...lines], truncated: rows.length > max };
}

export async function listMine(deps: Deps, actor: Actor, query: { status?: readonly ApplicationStatus[] | undefined; limit: number; cursor?: readonly string[] | undefined }) {
  const rows = await listCandidateApplications(deps.db, actor.userId, { status: query.status, limit: query.limit, after: query.cursor });
  return toPage(rows, query.limit, (r) => [r.created_text, r.id], toCandidateView);
}

// ---------------------------------------------------------------------------------------------
// The platform's own moves (jobs): each application in its own transaction.

const DAY = 86_400_000;

async function systemMove(deps: Pick<Deps, 'db'>, statuses: readonly ApplicationStatus[], olderThanDays: number, now: Date, to: ApplicationStatus, name: string) {
  const before = new Date(now.getTime() - olderThanDays * DAY);
  let moved = 0;
  for (;;) {
    const due = await untouchedSince(deps.db, statuses, before, 100);
    if (due.length === 0) return moved;
    let progressed = false;
    for (const { id } of due) {
      const done = await deps.db.transaction().execute(async (trx) => {
        await lockApplication(trx, id);
        const row = (await findApplication(trx, id, { kind: 'all' }))!;
        // Someone acted between the search and the lock: not untouched any more.
        if (!statuses.includes(row.status) || row.status_changed_at >= before) return false;
        await record(trx, row, systemTransition(row.status, to, name), { id: null, role: 'system' }, now, {
          reason: to === 'refused' ? 'no-response' : null,
          shared: to === 'refused',
        });
        return true;
      });
      if (done) {
        moved++;
        progressed = true;
      }
    }
    if (!progressed) return moved;
  }
}

/** Submitted or in-review applications untouched for 60 days are refused, reason "no response" (shared). */
export function refuseUnanswered(deps: Pick<Deps, 'db'>, now: Date) {
  return systemMove(deps, ['submitted', 'in_review'], RULES.noResponseDays, now, 'refused', 'refuse for no response');
}

/** Offers unanswered for 14 days expire. */
export function expireOffers(deps: Pick<Deps, 'db'>, now: Date) {
  return systemMove(deps, ['offered'], RULES.offerExpiryDays, now, 'expired', 'expire');
}

/**
 * When a forum closes: the applications of the candidates met move to `interview` (the
 * interview took place), as the coordinator's act, in the caller's transaction.
 */
export async function markInterviewedAfterForum(trx: Db, actor: Actor, applicationIds: readonly string[], now: Date): Promise<number> {
  let moved = 0;
  for (const id of applicationIds) {
    await lockApplication(trx, id);
    const row = (await findApplication(trx, id, { kind: 'all' }))!;
    if (!['submitted', 'in_review', 'shortlisted'].includes(row.status)) continue;
    const transition = transitionTo(APPLICATION_TRANSITIONS, 'application', row.status, 'interview', actor);
    await record(trx, row, transition, { id: actor.userId, role: actor.role }, now);
    moved++;
  }
  return moved;
}
