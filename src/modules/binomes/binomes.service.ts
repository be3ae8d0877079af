import type { z } from 'zod';
import type { BinomeStatus, Db } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { Conflict, Invalid, NotFound, PreconditionFailed, RuleViolation } from '../../errors.js';
import { type Text, text, withTexts } from '../../i18n/index.js';
import { type Actor, scopeOf } from '../../lib/access.js';
import { ageOn } from '../../lib/dates.js';
import { type Position, toPage } from '../../lib/pagination.js';
import { allowedMove, move, type Mover, PLATFORM } from '../../lib/workflow.js';
import { RULES } from '../../rules.js';
import { findActiveApplication } from '../applications/applications.repository.js';
import { assertPlaceable, offerPlace, withdrawOffer } from '../applications/applications.service.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findEdition } from '../editions/editions.repository.js';
import { releasePlaces, reservePlaces } from '../missions/places.repository.js';
import { createPlacement } from '../placements/placements.service.js';
import { loadPlacement, placementIdOf, placementIdsOf, placementVolunteers } from '../placements/placements.repository.js';
import { composeEmail } from '../outbox/compose.js';
import { enqueueEmail } from '../outbox/outbox.repository.js';
import {
  activeBinomeOf,
  activeMembers,
  type BinomeRow,
  currentBinomeOf,
  findActiveMemberByApplication,
  findBinome,
  loadBinome,
  insertBinome,
  insertMember,
  leaveBinome,
  listBinomes,
  lockBinome,
  markAccepted,
  type MemberRow,
  membersOf,
  placeableMission,
  recordConsent,
  touchBinome,
} from './binomes.repository.js';
import type { binomeSchema } from './binomes.schemas.js';
import { BINOME_WORKFLOW, ended } from './binomes.workflow.js';
import { binomeConfirmedEmail } from './binome-confirmed.email.js';

// ---------------------------------------------------------------------------------------------
// Views

const isMinor = (birthDate: string | null, startsOn: string) => birthDate !== null && ageOn(birthDate, startsOn) < RULES.age.majority;

/** What keeps a proposed binôme from being confirmed, member by member. */
function pendingOf(row: BinomeRow, members: readonly MemberRow[]) {
  if (row.status !== 'proposed') return [];
  const pending: { candidateId: string; rule: 'acceptance' | 'minor-consent'; detail: string }[] = [];
  const line = (candidateId: string, rule: 'acceptance' | 'minor-consent', detail: Text) => withTexts({ candidateId, rule, detail: '' }, { detail });
  for (const m of members.filter((x) => x.active)) {
    if (!m.accepted_at) pending.push(line(m.candidate_id, 'acceptance', text('binome.pending.acceptance')));
    if (isMinor(m.birth_date, row.mission_starts_on) && !m.parental_consent_recorded_at) {
      pending.push(line(m.candidate_id, 'minor-consent', text('binome.pending.minorConsent')));
    }
  }
  return pending;
}

function memberView(row: BinomeRow, m: MemberRow, forCandidate: boolean) {
  return {
    candidateId: m.candidate_id,
    firstName: m.first_name,
    lastName: m.last_name,
    ...(forCandidate ? {} : { email: m.email, applicationId: m.application_id, applicationStatus: m.application_status }),
    seat: m.seat,
    accepted: m.accepted_at !== null,
    minor: isMinor(m.birth_date, row.mission_starts_on),
    parentalConsent: m.parental_consent_signed_by ? { signedBy: m.parental_consent_signed_by, signedOn: m.parental_consent_signed_on! } : null,
    joinedAt: m.joined_at.toISOString(),
    leftAt: m.left_at?.toISOString() ?? null,
  };
}

function toBinome(row: BinomeRow, members: readonly MemberRow[], placementId: string | null, forCandidate: boolean): Binome {
  const own = members.filter((m) => m.binome_id === row.id);
  // Members are those in it now, or when it ended; former members were swapped out before.
  const endedWith = (m: MemberRow) => m.left_at !== null && row.ended_at !== null && m.left_at.getTime() === row.ended_at.getTime();
  return {
    id: row.id,
    editionId: row.edition_id,
    mission: { id: row.mission_id, title: row.mission_title, hostStructureId: row.host_structure_id, firstCircleStructureId: row.first_circle_structure_id },
    status: row.status,
    members: own.filter((m) => m.active || endedWith(m)).map((m) => memberView(row, m, forCandidate)),
    formerMembers: forCandidate ? [] : own.filter((m) => !m.active && !endedWith(m)).map((m) => memberView(row, m, false)),
    pending: pendingOf(row, own),
    placementId,
    runId: forCandidate ? null : row.run_id,
    endedAt: row.ended_at?.toISOString() ?? null,
    endedReason: row.ended_reason,
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}

/** A binôme as the routes return it: the type of its response schema. */
export type Binome = z.infer<typeof binomeSchema>;

async function present(db: Db, actor: Actor, row: BinomeRow) {
  const members = await membersOf(db, [row.id]);
  return toBinome(row, members, (await placementIdOf(db, row.id)) ?? null, actor.role === 'candidate');
}

// ---------------------------------------------------------------------------------------------
// Forming

/**
 * A member-to-be: their active application to the mission must be in interview or shortlisted
 * (it becomes `offered`), or already accepted (they hold their place and wait for a partner).
 */
async function applicationFor(trx: Db, editionId: string, missionId: string, candidateId: string, path: string) {
  const application = await findActiveApplication(trx, candidateId, missionId);
  if (!application || !['interview', 'shortlisted', 'accepted'].includes(application.status)) {
    throw new Invalid(text('binome.applicationInPlay'), [
      { path, message: application ? text('field.applicationIs', { status: application.status }) : text('field.noApplication') },
    ]);
  }
  const current = await activeBinomeOf(trx, editionId, candidateId);
  if (current) throw new Conflict(text('binome.alreadyInOne'), { candidateId, binomeId: current.binome_id });
  return application;
}

export interface FormInput {
  editionId: string;
  missionId: string;
  candidateIds: readonly [string, string];
  runId: string | null;
  /** Where the candidates came from in the request, for error paths (`candidateIds.0`, `proposals.3.candidateIds.1`). */
  paths?: readonly [string, string];
}

/**
 * Forms a binôme in the caller's transaction: checks each member (application, rules), reserves
 * their places (409 mission-full when the mission has not two free), offers them the place,
 * writes the placement (rules tutor, intermediation, indemnity) and the audit event.
 */
export async function formBinome(trx: Db, actor: Actor, input: FormInput, at: Date): Promise<string> {
  const [a, b] = input.candidateIds;
  const paths = input.paths ?? ['candidateIds.0', 'candidateIds.1'];
  if (a === b) throw new Invalid(text('binome.twoVolunteers'), [{ path: paths[1], message: text('field.sameVolunteer') }]);
  const mission = await placeableMission(trx, input.editionId, input.missionId);
  if (!mission) {
    throw new Invalid(text('binome.missionNotPublished'), [{ path: 'missionId', message: text('field.notPublishedMission') }]);
  }
  const applications = [
    await applicationFor(trx, input.editionId, input.missionId, a, paths[0]),
    await applicationFor(trx, input.editionId, input.missionId, b, paths[1]),
  ];
  for (const [i, application] of applications.entries()) {
    if (application.status !== 'accepted') await assertPlaceable(trx, input.candidateIds[i]!, input.missionId, actor.userId);
  }
  const toReserve = applications.filter((x) => x.status !== 'accepted').length;
  if (toReserve > 0 && !(await reservePlaces(trx, input.missionId, toReserve))) {
    throw new Conflict(text('binome.noPlaces', { title: mission.title, two: toReserve === 2 }), { rule: 'mission-full', missionId: input.missionId });
  }
  const id = await insertBinome(trx, { editionId: input.editionId, missionId: input.missionId, runId: input.runId, createdBy: actor.userId, at });
  for (const [i, application] of applications.entries()) {
    await insertMember(trx, {
      binomeId: id,
      editionId: input.editionId,
      missionId: input.missionId,
      candidateId: input.candidateIds[i]!,
      applicationId: application.id,
      seat: i + 1,
      acceptedAt: application.status === 'accepted' ? at : null,
      at,
    });
    if (application.status !== 'accepted') await offerPlace(trx, actor, application.id, at);
  }
  await createPlacement(trx, actor, id, at);
  await recordAudit(trx, {
    actorId: actor.userId,
    action: 'binome.formed',
    entityType: 'binome',
    entityId: id,
    after: { missionId: input.missionId, candidateIds: input.candidateIds, runId: input.runId },
  });
  await confirmIfReady(trx, id, at);
  return id;
}

/** Confirms a proposed binôme once both accepted and every minor's authorisation is recorded. */
async function confirmIfReady(trx: Db, id: string, at: Date) {
  const binome = await lockBinome(trx, id);
  if (binome?.status !== 'proposed') return;
  const row = await loadBinome(trx, id);
  const members = await membersOf(trx, [id]);
  if (members.filter((m) => m.active).length < 2 || pendingOf(row, members).length > 0) return;
  await move(trx, BINOME_WORKFLOW, id, { to: 'confirmed', by: PLATFORM, at });
  await tellConfirmed(trx, id, at);
}

/** Each volunteer of the confirmed binôme receives the placement sheet's essentials (the outbox, same transaction). */
async function tellConfirmed(trx: Db, id: string, at: Date) {
  const placementId = await placementIdOf(trx, id);
  if (!placementId) return;
  const sheet = await loadPlacement(trx, placementId);
  const volunteers = await placementVolunteers(trx, id);
  for (const v of volunteers) {
    const partner = volunteers.find((o) => o.candidate_id !== v.candidate_id);
    const draft = binomeConfirmedEmail({
      firstName: v.first_name,
      partnerFirstName: partner?.first_name ?? null,
      programme: sheet.programme_name,
      missionTitle: sheet.mission_title,
      missionCommune: sheet.mission_commune,
      startsOn: sheet.starts_on,
      endsOn: sheet.ends_on,
      hostName: sheet.host_name,
      partnerStructureName: sheet.partner_name,
      hostTutor: { name: sheet.host_tutor_name, email: sheet.host_tutor_email },
      operatorName: sheet.operator_name,
      operatorTutor: { name: sheet.operator_tutor_name, email: sheet.operator_tutor_email },
    });
    await enqueueEmail(trx, { userId: v.candidate_id, to: v.email, kind: 'binome.confirmed', ...composeEmail(draft) }, at);
  }
}

/**
 * A binôme member accepted their offer (the recruitment process, same transaction): the binôme
 * is confirmed once its members have all accepted.
 */
export async function memberAccepted(trx: Db, member: { binome_id: string; candidate_id: string }, at: Date) {
  await markAccepted(trx, member.binome_id, member.candidate_id, at);
  await confirmIfReady(trx, member.binome_id, at);
}

/**
 * Ends a binôme: its members leave, the places still reserved for open offers are freed, and
 * those offers are taken back (the applications are shortlisted again). Members who accepted
 * keep their acceptance and their place, and wait for a new partner.
 */
async function endBinome(trx: Db, id: string, to: 'broken' | 'dissolved', at: Date, by: Mover, reason: string) {
  const binome = (await lockBinome(trx, id))!;
  const members = await activeMembers(trx, id);
  await move(trx, BINOME_WORKFLOW, id, { to, by, at, set: ended(at, reason), why: { reason } });
  for (const m of members) await leaveBinome(trx, id, m.candidate_id, at);
  const open = members.filter((m) => m.accepted_at === null);
  await releasePlaces(trx, binome.mission_id, open.length);
  for (const m of open) await withdrawOffer(trx, m.application_id, at);
}

/**
 * An offer to a binôme member ended otherwise than by an acceptance (the recruitment process,
 * same transaction): the binôme cannot form, and breaks.
 */
export async function memberOfferEnded(trx: Db, applicationId: string, to: string, at: Date) {
  const member = await findActiveMemberByApplication(trx, applicationId);
  if (!member) return;
  await endBinome(trx, member.binome_id, 'broken', at, PLATFORM, `a member's offer ended: ${to}`);
}

// ---------------------------------------------------------------------------------------------
// Coordinators' use cases

async function editionInScope(db: Db, actor: Actor, editionId: string) {
  const edition = await findEdition(db, editionId, scopeOf(actor));
  if (!edition) throw new NotFound('edition');
  return edition;
}

export async function createBinome(deps: Deps, actor: Actor, editionId: string, input: { missionId: string; candidateIds: [string, string] }) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const edition = await editionInScope(trx, actor, editionId);
    if (edition.status === 'closed') throw new Conflict(text('edition.closed'), { currentState: 'closed' });
    const id = await formBinome(trx, actor, { editionId, missionId: input.missionId, candidateIds: input.candidateIds, runId: null }, now);
    return present(trx, actor, await loadBinome(trx, id));
  });
}

export async function getBinome(deps: Deps, actor: Actor, id: string) {
  const row = await findBinome(deps.db, id, scopeOf(actor));
  if (!row) throw new NotFound('binome');
  return present(deps.db, actor, row);
}

export async function listEditionBinomes(
  deps: Deps,
  actor: Actor,
  editionId: string,
  query: { status?: readonly BinomeStatus[] | undefined; missionId?: string | undefined; limit: number; cursor?: Position | undefined },
) {
  await editionInScope(deps.db, actor, editionId);
  const rows = await listBinomes(deps.db, scopeOf(actor), { editionId, statuses: query.status, missionId: query.missionId }, query.limit, query.cursor);
  const page = rows.slice(0, query.limit);
  const members = await membersOf(deps.db, page.map((r) => r.id));
  const placements = await placementIdsOf(deps.db, page.map((r) => r.id));
  return toPage(rows, query.limit, (r) => [r.cursor_at, r.id], (r) => toBinome(r, members, placements.get(r.id) ?? null, false));
}

/** The candidate's current binôme (404 when they have none). */
export async function myBinome(deps: Deps, actor: Actor) {
  const row = await currentBinomeOf(deps.db, actor.userId);
  if (!row) throw new NotFound('binome');
  return getBinome(deps, actor, row.binome_id);
}

async function lockedInScope(trx: Db, actor: Actor, id: string, version: number | undefined) {
  const seen = await findBinome(trx, id, scopeOf(actor));
  if (!seen) throw new NotFound('binome');
  await lockBinome(trx, id);
  const row = await loadBinome(trx, id);
  if (version !== undefined && version !== row.version) {
    throw new PreconditionFailed(text('version.stale', { what: 'binôme', read: version, current: row.version }));
  }
  return row;
}

export async function dissolveBinome(deps: Deps, actor: Actor, id: string, input: { reason: string; version?: number | undefined }) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockedInScope(trx, actor, id, input.version);
    allowedMove(BINOME_WORKFLOW.transitions, BINOME_WORKFLOW.what, row.status, 'dissolved', actor);
    await endBinome(trx, id, 'dissolved', now, actor, input.reason);
    return present(trx, actor, await loadBinome(trx, id));
  });
}

/**
 * Replaces one member of a proposed binôme by another volunteer: the leaver's offer is taken
 * back (unless they accepted: then dissolve instead), the newcomer is checked and offered the
 * place, on the same seat.
 */
export async function swapMember(deps: Deps, actor: Actor, id: string, input: { out: string; in: string; version?: number | undefined }) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockedInScope(trx, actor, id, input.version);
    if (row.status !== 'proposed') {
      throw new Conflict(text('binome.membersFixed', { status: row.status }), {
        currentState: row.status,
      });
    }
    const members = await activeMembers(trx, id);
    const leaving = members.find((m) => m.candidate_id === input.out);
    if (!leaving) throw new Invalid(text('binome.notMember'), [{ path: 'out', message: text('field.notBinomeMember') }]);
    if (leaving.accepted_at) throw new Conflict(text('binome.memberAccepted'), { candidateId: input.out });
    const application = await applicationFor(trx, row.edition_id, row.mission_id, input.in, 'in');
    if (application.status !== 'accepted') await assertPlaceable(trx, input.in, row.mission_id, actor.userId);
    await leaveBinome(trx, id, leaving.candidate_id, now);
    await releasePlaces(trx, row.mission_id, 1);
    await withdrawOffer(trx, leaving.application_id, now);
    if (application.status !== 'accepted' && !(await reservePlaces(trx, row.mission_id, 1))) {
      throw new Conflict(text('binome.noFreePlace', { title: row.mission_title }), { rule: 'mission-full' });
    }
    await insertMember(trx, {
      binomeId: id,
      editionId: row.edition_id,
      missionId: row.mission_id,
      candidateId: input.in,
      applicationId: application.id,
      seat: leaving.seat,
      acceptedAt: application.status === 'accepted' ? now : null,
      at: now,
    });
    if (application.status !== 'accepted') await offerPlace(trx, actor, application.id, now);
    await touchBinome(trx, id, now);
    await recordAudit(trx, {
      actorId: actor.userId,
      action: 'binome.member-swapped',
      entityType: 'binome',
      entityId: id,
      before: { candidateIds: members.map((m) => m.candidate_id) },
      after: { candidateIds: members.map((m) => (m.candidate_id === input.out ? input.in : m.candidate_id)) },
    });
    await confirmIfReady(trx, id, now);
    return present(trx, actor, await loadBinome(trx, id));
  });
}

/** Rule `minor-consent`: the coordinator records the parental authorisation of a minor member. */
export async function recordParentalConsent(deps: Deps, actor: Actor, id: string, candidateId: string, input: { signedBy: string; signedOn: string }) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockedInScope(trx, actor, id, undefined);
    const member = (await membersOf(trx, [id])).find((m) => m.candidate_id === candidateId && m.active);
    if (!member) throw new NotFound('binomeMember');
    if (row.status !== 'proposed' && row.status !== 'confirmed') throw new Conflict(text('binome.is', { status: row.status }), { currentState: row.status });
    if (!isMinor(member.birth_date, row.mission_starts_on)) {
      throw new RuleViolation('minor-consent', text('binome.ofAge'));
    }
    await recordConsent(trx, id, candidateId, { signedBy: input.signedBy, signedOn: input.signedOn, recordedBy: actor.userId, at: now });
    await touchBinome(trx, id, now);
    await recordAudit(trx, {
      actorId: actor.userId,
      action: 'binome.parental-consent-recorded',
      entityType: 'binome',
      entityId: id,
      after: { candidateId, signedOn: input.signedOn },
    });
    await confirmIfReady(trx, id, now);
    return present(trx, actor, await loadBinome(trx, id));
  });
}
