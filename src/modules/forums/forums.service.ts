import type { z } from 'zod';
import type { Db, ForumBreak, ForumStatus } from '../../../db/database.js';
import { type RoundTime, hhmmOf, roundTimes } from '../../algorithms/forum-times.js';
import type { Deps } from '../../deps.js';
import { Conflict, Forbidden, Invalid, NotFound, PreconditionFailed } from '../../errors.js';
import { text } from '../../i18n/index.js';
import { type Actor, scopeOf } from '../../lib/access.js';
import { type Position, toPage } from '../../lib/pagination.js';
import { move } from '../../lib/workflow.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findEdition, loadEdition } from '../editions/editions.repository.js';
import { communeExists, findStructure } from '../structures/structures.repository.js';
import {
  appliedToStructure,
  deleteForumCandidate,
  deleteForumStructure,
  deleteRequest,
  findForum,
  findInvitableCandidate,
  searchInvitableCandidates,
  type ForumRow,
  type ForumValues,
  insertForum,
  insertForumCandidate,
  insertRequest,
  listEditionForums,
  listForumCandidates,
  listForumStructures,
  listRequests,
  loadForum,
  type RequestRow,
  shortlistedCandidates,
  structuresToAsk,
  updateForum,
  updateForumCandidateTimes,
  upsertForumStructure,
} from './forums.repository.js';
import { FORUM_WORKFLOW } from './forums.workflow.js';
import { emailForumInvitations } from './forum.notify.js';
import type { forumSchema } from './forums.schemas.js';

/** A forum as the routes return it: the type of its response schema. */
export type Forum = z.infer<typeof forumSchema>;

export const timingOf = (row: ForumRow) => ({
  startsAt: row.starts_at,
  endsAt: row.ends_at,
  slotMinutes: row.slot_minutes,
  changeoverMinutes: row.changeover_minutes,
  breaks: row.breaks,
});

export function toForum(row: ForumRow): Forum {
  return {
    id: row.id,
    editionId: row.edition_id,
    title: row.title,
    venue: row.venue,
    address: row.address,
    commune: { code: row.commune_code, name: row.commune_name },
    heldOn: row.held_on,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    slotMinutes: row.slot_minutes,
    changeoverMinutes: row.changeover_minutes,
    breaks: row.breaks,
    rounds: roundTimes(timingOf(row)).map((r) => ({ round: r.round, startsAt: hhmmOf(r.start), endsAt: hhmmOf(r.end) })),
    status: row.status,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The timing must hold at least one round, with at most one break after a given round. */
function assertTiming(v: ForumValues): RoundTime[] {
  const seen = new Set<number>();
  for (const [i, b] of v.breaks.entries()) {
    if (seen.has(b.afterRound)) {
      throw new Invalid(text('forum.breaksOverlap', { round: b.afterRound }), [{ path: `breaks.${i}.afterRound`, message: text('field.overlapsBreak') }]);
    }
    seen.add(b.afterRound);
  }
  if (v.startsAt >= v.endsAt) throw new Invalid(text('forum.endsBeforeStart'), [{ path: 'endsAt', message: text('field.afterStartsAt') }]);
  const rounds = roundTimes(v);
  if (rounds.length === 0) {
    throw new Invalid(text('forum.noRoundFits', { minutes: v.slotMinutes, from: v.startsAt, to: v.endsAt }), [{ path: 'endsAt', message: text('field.noRoomForRound') }]);
  }
  return rounds;
}

function assertWithinEdition(heldOn: string, edition: { starts_on: string; ends_on: string; label: string }) {
  // Recruitment happens before the edition starts: the forum may be before it, not after its end.
  if (heldOn > edition.ends_on) {
    throw new Invalid(text('forum.afterEdition', { edition: edition.label, endsOn: edition.ends_on }), [{ path: 'heldOn', message: text('field.onOrBefore', { date: edition.ends_on }) }]);
  }
}

function editable(row: ForumRow) {
  if (row.status === 'closed') throw new Conflict(text('forum.closed'), { currentState: 'closed' });
}

async function forumOf(deps: Deps, actor: Actor, id: string, options: { forUpdate?: boolean } = {}) {
  const row = await findForum(deps.db, id, scopeOf(actor), options);
  if (!row) throw new NotFound('forum');
  return row;
}

/**
 * A coordinator's (or admin's) forum. The role is checked before the lookup (403 whatever the
 * id), so that the refusal never depends on whether the forum exists; then someone else's
 * forum is a 404 like an unknown one.
 */
async function managedForum(deps: Deps, actor: Actor, id: string) {
  if (actor.role !== 'coordinator' && actor.role !== 'admin') throw new Forbidden(text('forum.organisersOnly'));
  return forumOf(deps, actor, id);
}

interface ForumInput {
  title: string;
  venue?: string | undefined;
  address?: string | null | undefined;
  communeCode: string;
  heldOn: string;
  startsAt: string;
  endsAt: string;
  slotMinutes?: number | undefined;
  changeoverMinutes?: number | undefined;
  breaks?: ForumBreak[] | undefined;
}

export async function createForum(deps: Deps, actor: Actor, editionId: string, input: ForumInput) {
  return deps.db.transaction().execute(async (trx) => {
    const edition = await findEdition(trx, editionId, scopeOf(actor));
    if (!edition) throw new NotFound('edition');
    if (edition.status === 'closed') throw new Conflict(text('edition.closed'), { currentState: 'closed' });
    const values: ForumValues = {
      title: input.title,
      venue: input.venue ?? '',
      // An empty address is none (the column holds no empty text).
      address: input.address || null,
      communeCode: input.communeCode,
      heldOn: input.heldOn,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      slotMinutes: input.slotMinutes ?? 7,
      changeoverMinutes: input.changeoverMinutes ?? 1,
      breaks: input.breaks ?? [],
    };
    assertTiming(values);
    assertWithinEdition(values.heldOn, edition);
    if (!(await communeExists(trx, values.communeCode))) throw new Invalid(text('commune.unknown', { code: values.communeCode }), [{ path: 'communeCode', message: text('field.knownCommune') }]);
    const id = await insertForum(trx, { ...values, editionId, createdBy: actor.userId, at: deps.clock() });
    const forum = toForum(await loadForum(trx, id));
    await recordAudit(trx, { actorId: actor.userId, action: 'forum.created', entityType: 'forum', entityId: id, after: forum });
    return forum;
  });
}

export async function editForum(deps: Deps, actor: Actor, id: string, version: number, changes: Partial<ForumInput>) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await findForum(trx, id, scopeOf(actor));
    if (!row) throw new NotFound('forum');
    editable(row);
    if (row.version !== version) throw new PreconditionFailed(text('version.stale', { what: 'forum', read: version, current: row.version }));
    const values: ForumValues = {
      title: changes.title ?? row.title,
      venue: changes.venue ?? row.venue,
      // Left out: kept; empty or null: cleared.
      address: changes.address === undefined ? row.address : changes.address || null,
      communeCode: changes.communeCode ?? row.commune_code,
      heldOn: changes.heldOn ?? row.held_on,
      startsAt: changes.startsAt ?? row.starts_at,
      endsAt: changes.endsAt ?? row.ends_at,
      slotMinutes: changes.slotMinutes ?? row.slot_minutes,
      changeoverMinutes: changes.changeoverMinutes ?? row.changeover_minutes,
      breaks: changes.breaks ?? row.breaks,
    };
    assertTiming(values);
    const timingChanged =
      values.heldOn !== row.held_on ||
      values.startsAt !== row.starts_at ||
      values.endsAt !== row.ends_at ||
      values.slotMinutes !== row.slot_minutes ||
      values.changeoverMinutes !== row.changeover_minutes ||
      JSON.stringify(values.breaks) !== JSON.stringify(row.breaks);
    if (timingChanged && row.status !== 'planning') {
      throw new Conflict(text('forum.gridFixed', { status: row.status }), { currentState: row.status });
    }
    if (changes.heldOn) assertWithinEdition(changes.heldOn, await loadEdition(trx, row.edition_id));
    if (changes.communeCode && !(await communeExists(trx, changes.communeCode))) {
      throw new Invalid(text('commune.unknown', { code: changes.communeCode }), [{ path: 'communeCode', message: text('field.knownCommune') }]);
    }
    if (!(await updateForum(trx, id, version, { ...values, at: deps.clock() }))) throw new PreconditionFailed(text('version.changedMeanwhile', { what: 'forum' }));
    const after = toForum(await loadForum(trx, id));
    await recordAudit(trx, { actorId: actor.userId, action: 'forum.updated', entityType: 'forum', entityId: id, before: toForum(row), after });
    return after;
  });
}

export async function getForum(deps: Deps, actor: Actor, id: string) {
  return toForum(await forumOf(deps, actor, id));
}

export async function listForums(deps: Deps, actor: Actor, editionId: string, query: { limit: number; cursor?: Position | undefined }) {
  if (!(await findEdition(deps.db, editionId, scopeOf(actor)))) throw new NotFound('edition');
  const rows = await listEditionForums(deps.db, scopeOf(actor), editionId, query.limit, query.cursor);
  return toPage(rows, query.limit, (r) => [r.cursor_at, r.id], toForum);
}

/** What closing a forum does besides its status (schedule.service.ts), in the same transaction. */
export type CloseEffects = (trx: Db, actor: Actor, forum: ForumRow, at: Date) => Promise<Record<string, number>>;

export async function moveForumTo(deps: Deps, actor: Actor, id: string, to: ForumStatus, onClose?: CloseEffects) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await findForum(trx, id, scopeOf(actor), { forUpdate: true });
    if (!row) throw new NotFound('forum');
    const now = deps.clock();
    await move(trx, FORUM_WORKFLOW, id, { to, by: actor, at: now });
    const effects = to === 'closed' && onClose ? await onClose(trx, actor, row, now) : undefined;
    // What closing did besides the status (the interviews recorded…), for the record.
    if (effects) await recordAudit(trx, { actorId: actor.userId, action: 'forum.closed', entityType: 'forum', entityId: id, after: { effects } });
    return toForum(await loadForum(trx, id));
  });
}

// Participants -------------------------------------------------------------------------------

const toForumStructure = (s: Awaited<ReturnType<typeof listForumStructures>>[number]) => ({
  structure: { id: s.structure_id, name: s.name, kind: s.kind },
  tables: s.tables,
  unavailableRounds: s.unavailable_rounds,
});

export async function listStructuresAtForum(deps: Deps, actor: Actor, id: string) {
  await forumOf(deps, actor, id);
  return { items: (await listForumStructures(deps.db, id)).map(toForumStructure) };
}

export async function setForumStructure(deps: Deps, actor: Actor, id: string, structureId: string, input: { tables: number; unavailableRounds: number[] }) {
  const forum = await managedForum(deps, actor, id);
  editable(forum);
  // A structure the caller may see, of the forum's operator (an admin sees every operator's).
  const structure = await findStructure(deps.db, structureId, scopeOf(actor));
  if (!structure || structure.operator_id !== forum.operator_id) throw new NotFound('structure');
  if (structure.kind === 'public_partner') {
    throw new Invalid(text('forum.publicPartner', { name: structure.name }), [{ path: 'structureId', message: text('field.mustRecruit') }]);
  }
  const rounds = roundTimes(timingOf(forum)).length;
  const beyond = input.unavailableRounds.findIndex((r) => r > rounds);
  if (beyond >= 0) throw new Invalid(text('forum.rounds', { rounds }), [{ path: `unavailableRounds.${beyond}`, message: text('field.between', { min: 1, max: rounds }) }]);
  await upsertForumStructure(deps.db, id, structureId, input.tables, [...input.unavailableRounds].sort((a, b) => a - b), deps.clock());
  return toForumStructure((await listForumStructures(deps.db, id)).find((s) => s.structure_id === structureId)!);
}

export async function removeForumStructure(deps: Deps, actor: Actor, id: string, structureId: string) {
  const forum = await managedForum(deps, actor, id);
  editable(forum);
  if (!(await deleteForumStructure(deps.db, id, structureId))) throw new NotFound('structureAtForum');
}

const toForumCandidate = (c: Awaited<ReturnType<typeof listForumCandidates>>[number]) => ({
  candidate: { id: c.candidate_id, firstName: c.first_name, lastName: c.last_name },
  arrivesAt: c.arrives_at,
  leavesAt: c.leaves_at,
  attendance: c.attendance,
});

/** Coordinators and the structures see everyone; a candidate sees themself. */
export async function listCandidatesAtForum(deps: Deps, actor: Actor, id: string) {
  await forumOf(deps, actor, id);
  const rows = await listForumCandidates(deps.db, id, actor.role === 'candidate' ? actor.userId : undefined);
  return { items: rows.map(toForumCandidate) };
}

const NOT_INVITABLE = text('forum.notInvitable');

/** A coordinator invites a candidate of the edition or of the operator's pool (findInvitableCandidate). */
export async function addForumCandidate(deps: Deps, actor: Actor, id: string, input: { candidateId: string; arrivesAt?: string | null | undefined; leavesAt?: string | null | undefined }) {
  const forum = await managedForum(deps, actor, id);
  editable(forum);
  // One answer for an unknown id and for someone the coordinator may not invite: the
  // difference would tell them that another operator's candidate exists.
  if (!(await findInvitableCandidate(deps.db, input.candidateId, { editionId: forum.edition_id, operatorId: forum.operator_id }))) {
    throw new NotFound(NOT_INVITABLE);
  }
  const arrivesAt = input.arrivesAt ?? null;
  const leavesAt = input.leavesAt ?? null;
  if (arrivesAt && leavesAt && arrivesAt >= leavesAt) throw new Invalid(text('forum.leavesBeforeArriving'), [{ path: 'leavesAt', message: text('field.afterArrivesAt') }]);
  await deps.db.transaction().execute(async (trx) => {
    const at = deps.clock();
    if (!(await insertForumCandidate(trx, { forumId: id, candidateId: input.candidateId, arrivesAt, leavesAt, invitedBy: actor.userId, at }))) {
      throw new Conflict(text('forum.alreadyInvited'));
    }
    await emailForumInvitations(trx, forum, [input.candidateId], at);
  });
  return toForumCandidate((await listForumCandidates(deps.db, id, input.candidateId))[0]!);
}

/**
 * Whom the coordinator may still invite, found by name or e-mail (findInvitableCandidate's rule):
 * the first `limit` by name, and whether more match (then the coordinator types more).
 */
export async function searchInvitable(deps: Deps, actor: Actor, id: string, query: { q: string; limit: number }) {
  const forum = await managedForum(deps, actor, id);
  const rows = await searchInvitableCandidates(deps.db, { id, editionId: forum.edition_id, operatorId: forum.operator_id }, query.q, query.limit);
  return {
    items: rows.slice(0, query.limit).map((r) => ({ id: r.id, firstName: r.first_name, lastName: r.last_name, email: r.email, appliedToEdition: Boolean(r.applied_to_edition) })),
    more: rows.length > query.limit,
  };
}

/** Invites every candidate shortlisted or invited to an interview by a structure at the forum. */
export async function inviteShortlisted(deps: Deps, actor: Actor, id: string) {
  const forum = await managedForum(deps, actor, id);
  editable(forum);
  return deps.db.transaction().execute(async (trx) => {
    const invited: string[] = [];
    const at = deps.clock();
    const candidates = await shortlistedCandidates(trx, id, forum.edition_id);
    for (const { candidate_id } of candidates) {
      if (await insertForumCandidate(trx, { forumId: id, candidateId: candidate_id, arrivesAt: null, leavesAt: null, invitedBy: actor.userId, at })) invited.push(candidate_id);
    }
    // Only the newly invited: those already there had their invitation.
    await emailForumInvitations(trx, forum, invited, at);
    return { invited: invited.length, alreadyThere: candidates.length - invited.length };
  });
}

/**
 * Changes an invited candidate's arrival or leaving time (a late arrival on the day, say): an
 * absent field is kept, null clears it. Until the forum closes; the grid follows at the next
 * computation or repair.
 */
export async function setCandidateTimes(
  deps: Deps,
  actor: Actor,
  id: string,
  candidateId: string,
  input: { arrivesAt?: string | null | undefined; leavesAt?: string | null | undefined },
) {
  const forum = await managedForum(deps, actor, id);
  editable(forum);
  const [before] = await listForumCandidates(deps.db, id, candidateId);
  if (!before) throw new NotFound('candidateAtForum');
  const arrivesAt = input.arrivesAt === undefined ? before.arrives_at : input.arrivesAt;
  const leavesAt = input.leavesAt === undefined ? before.leaves_at : input.leavesAt;
  if (arrivesAt && leavesAt && arrivesAt >= leavesAt) throw new Invalid(text('forum.leavesBeforeArriving'), [{ path: 'leavesAt', message: text('field.afterArrivesAt') }]);
  await deps.db.transaction().execute(async (trx) => {
    await updateForumCandidateTimes(trx, id, candidateId, { arrivesAt, leavesAt });
    await recordAudit(trx, {
      actorId: actor.userId,
      action: 'forum.candidateTimes',
      entityType: 'forum',
      entityId: id,
      before: { candidateId, arrivesAt: before.arrives_at, leavesAt: before.leaves_at },
      after: { candidateId, arrivesAt, leavesAt },
    });
  });
  return toForumCandidate((await listForumCandidates(deps.db, id, candidateId))[0]!);
}

export async function removeForumCandidate(deps: Deps, actor: Actor, id: string, candidateId: string) {
  const forum = await managedForum(deps, actor, id);
  editable(forum);
  if (!(await deleteForumCandidate(deps.db, id, candidateId))) throw new NotFound('candidateAtForum');
}

// Requests -----------------------------------------------------------------------------------

export function toRequest(r: RequestRow) {
  return {
    id: r.id,
    candidate: { id: r.candidate_id, firstName: r.first_name, lastName: r.last_name },
    structure: { id: r.structure_id, name: r.structure_name },
    side: r.side,
    mutual: r.mutual,
    priority: r.priority,
    createdAt: r.created_at.toISOString(),
  };
}

/**
 * A candidate asks to meet a structure they applied to; a structure member asks to meet a
 * candidate of the forum; a coordinator adds any pair. Both at the forum, or a 422 naming which.
 */
export async function requestMeeting(deps: Deps, actor: Actor, id: string, input: { candidateId?: string | undefined; structureId?: string | undefined; priority: number }) {
  const forum = await forumOf(deps, actor, id);
  editable(forum);
  const missing = (path: string) => new Invalid(text('forum.nameWhoToMeet', { who: path === 'candidateId' ? 'candidate' : 'structure' }), [{ path, message: text('field.required') }]);
  let candidateId = input.candidateId;
  let structureId = input.structureId;
  switch (actor.role) {
    case 'candidate':
      if (candidateId && candidateId !== actor.userId) throw new Forbidden(text('forum.candidateOwnMeetings'));
      candidateId = actor.userId;
      break;
    case 'structure_member':
      if (structureId && structureId !== actor.structureId) throw new Forbidden(text('forum.memberOwnStructure'));
      structureId = actor.structureId!;
      break;
    case 'coordinator':
    case 'admin':
      break;
  }
  if (!candidateId) throw missing('candidateId');
  if (!structureId) throw missing('structureId');
  const structures = await listForumStructures(deps.db, id);
  if (!structures.some((s) => s.structure_id === structureId)) throw new Invalid(text('forum.structureNotThere'), [{ path: 'structureId', message: text('field.notAtForum') }]);
  const candidates = await listForumCandidates(deps.db, id, candidateId);
  if (candidates.length === 0) throw new Invalid(text('forum.candidateNotInvited'), [{ path: 'candidateId', message: text('field.notAtForum') }]);
  if (actor.role === 'candidate' && !(await appliedToStructure(deps.db, candidateId, structureId, forum.edition_id))) {
    throw new Invalid(text('forum.appliedStructuresOnly'), [{ path: 'structureId', message: text('field.noMissionApplied') }]);
  }
  const side = actor.role === 'candidate' ? 'candidate' : actor.role === 'structure_member' ? 'structure' : 'coordinator';
  const requestId = await insertRequest(deps.db, { forumId: id, candidateId, structureId, side, priority: input.priority, requestedBy: actor.userId, at: deps.clock() });
  if (!requestId) throw new Conflict(text('forum.alreadyRequested'));
  return toRequest((await listRequests(deps.db, id, { id: requestId }))[0]!);
}

export async function listMeetingRequests(deps: Deps, actor: Actor, id: string) {
  await forumOf(deps, actor, id);
  const filter = actor.role === 'candidate' ? { candidateId: actor.userId } : actor.role === 'structure_member' ? { structureId: actor.structureId! } : {};
  return { items: (await listRequests(deps.db, id, filter)).map(toRequest) };
}

/** The structures a candidate may ask to meet at the forum (requestMeeting's rule for a candidate), each with the candidate's own request when made. */
export async function structuresForCandidate(deps: Deps, actor: Actor, id: string) {
  if (actor.role !== 'candidate') throw new Forbidden(text('forum.candidateOwnMeetings'));
  const forum = await forumOf(deps, actor, id);
  const own = (await listRequests(deps.db, id, { candidateId: actor.userId })).filter((r) => r.side === 'candidate');
  return (await structuresToAsk(deps.db, id, actor.userId, forum.edition_id)).map((s) => {
    const request = own.find((r) => r.structure_id === s.id);
    return { structure: { id: s.id, name: s.name }, requestId: request?.id ?? null, mutual: request?.mutual ?? false };
  });
}

/** The side that asked withdraws its request; a coordinator any. */
export async function withdrawRequest(deps: Deps, actor: Actor, id: string, requestId: string) {
  const forum = await forumOf(deps, actor, id);
  editable(forum);
  const [request] = await listRequests(deps.db, id, { id: requestId });
  const mine =
    request &&
    (actor.role === 'coordinator' ||
      actor.role === 'admin' ||
      (actor.role === 'candidate' && request.side === 'candidate' && request.candidate_id === actor.userId) ||
      (actor.role === 'structure_member' && request.side === 'structure' && request.structure_id === actor.structureId));
  if (!mine) throw new NotFound('meetingRequest');
  await deleteRequest(deps.db, requestId);
}
