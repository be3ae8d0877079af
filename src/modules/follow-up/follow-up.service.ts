import type { z } from 'zod';
import type { Db } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { Conflict, Forbidden, Invalid, NotFound, RuleViolation } from '../../errors.js';
import { text } from '../../i18n/index.js';
import { type Actor, scopeOf } from '../../lib/access.js';
import { parisDateOf, parisInstant } from '../../lib/dates.js';
import { RULE_REGISTRY } from '../../rules.js';
import { recordAudit } from '../audit/audit.repository.js';
import { addDays, addMonths, mondayOf } from './follow-up.dates.js';
import {
  checkinsOf,
  type CheckinRow,
  earlyEndsOf,
  editionsSeen,
  findPlacedVolunteer,
  insertCheckin,
  insertEarlyEnd,
  outingsBetween,
  ownPlacements,
  type PlacedVolunteerRow,
  placedOfEditions,
  placedVolunteersOf,
  projectsToValidate,
  trainingsDue,
  type TrainingDueRow,
  trainingsOf,
  type TrainingRow,
  upsertTraining,
} from './follow-up.repository.js';
import type {
  binomeFollowUpSchema,
  certificateSchema,
  checkinBody,
  checkinSchema,
  earlyEndBody,
  earlyEndLineSchema,
  overviewSchema,
  trainingBody,
  trainingDueSchema,
  trainingSchema,
} from './follow-up.schemas.js';

export type BinomeFollowUp = z.infer<typeof binomeFollowUpSchema>;
export type Training = z.infer<typeof trainingSchema>;
export type Checkin = z.infer<typeof checkinSchema>;
export type TrainingDue = z.infer<typeof trainingDueSchema>;
export type EarlyEndLine = z.infer<typeof earlyEndLineSchema>;
export type Overview = z.infer<typeof overviewSchema>;
export type Certificate = z.infer<typeof certificateSchema>;

/** Rule `trainings-due`: a volunteer is listed this many months before their end. */
export const TRAININGS_DUE_MONTHS = RULE_REGISTRY['trainings-due'].numbers.months;

const today = (deps: Deps) => parisDateOf(deps.clock());

// ---------------------------------------------------------------------------------------------
// Views

const toTraining = (r: TrainingRow): Training => ({
  binomeId: r.binome_id,
  candidateId: r.candidate_id,
  kind: r.kind,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  provider: r.provider,
  recordedAt: r.recorded_at.toISOString(),
});

const earlyEndOf = (v: PlacedVolunteerRow) =>
  v.early_ends_on ? { endsOn: v.early_ends_on, askedBy: v.early_asked_by!, reason: v.early_reason!, note: v.early_note } : null;

const toCheckin = (r: CheckinRow): Checkin => ({
  id: r.id,
  binomeId: r.binome_id,
  candidateId: r.candidate_id,
  heldOn: r.held_on,
  note: r.note,
  author: { id: r.author_id, name: r.author_name },
  createdAt: r.created_at.toISOString(),
});

const toDue = (r: TrainingDueRow): TrainingDue => ({
  binomeId: r.binome_id,
  candidateId: r.candidate_id,
  firstName: r.first_name,
  lastName: r.last_name,
  editionId: r.edition_id,
  missionTitle: r.mission_title,
  hostName: r.host_name,
  endsOn: r.ends_on,
  endedEarly: r.early_ends_on !== null,
  missing: [...(r.has_fcc ? [] : ['fcc' as const]), ...(r.has_psc1 ? [] : ['psc1' as const])],
});

// ---------------------------------------------------------------------------------------------
// Access: the lookup is scoped first (someone else's binôme is a 404), then the role decides.

async function placedVolunteer(db: Db, actor: Actor, binomeId: string, candidateId: string) {
  const volunteer = await findPlacedVolunteer(db, scopeOf(actor), binomeId, candidateId);
  if (!volunteer) throw new NotFound('volunteer');
  return volunteer;
}

async function placedBinome(db: Db, actor: Actor, binomeId: string) {
  const volunteers = await placedVolunteersOf(db, scopeOf(actor), binomeId);
  if (volunteers.length === 0) throw new NotFound('binome');
  return volunteers;
}

const isCoordination = (actor: Actor) => actor.role === 'admin' || actor.role === 'coordinator';

/** Trainings: the operator's coordination, or the placement's host tutor. */
function assertMayRecordTraining(actor: Actor, v: PlacedVolunteerRow) {
  if (isCoordination(actor) || (actor.role === 'structure_member' && v.host_tutor_id === actor.userId)) return;
  throw new Forbidden(text('followUp.trainingRecorders'));
}

/** Check-ins: the placement's two tutors and the operator's coordination. */
function assertMayWriteCheckin(actor: Actor, v: PlacedVolunteerRow) {
  if (isCoordination(actor) || v.host_tutor_id === actor.userId || v.operator_tutor_id === actor.userId) return;
  throw new Forbidden(text('followUp.checkinWriters'));
}

// ---------------------------------------------------------------------------------------------
// The binôme's follow-up

/** The binôme's placed volunteers with their trainings and early end (a candidate: 403 at the route). */
export async function getBinomeFollowUp(deps: Deps, actor: Actor, binomeId: string): Promise<BinomeFollowUp> {
  const volunteers = await placedBinome(deps.db, actor, binomeId);
  const trainings = await trainingsOf(deps.db, scopeOf(actor), binomeId);
  const first = volunteers[0]!;
  return {
    binomeId,
    editionId: first.edition_id,
    missionTitle: first.mission_title,
    volunteers: volunteers.map((v) => ({
      binomeId,
      candidateId: v.candidate_id,
      firstName: v.first_name,
      lastName: v.last_name,
      seat: v.seat,
      startsOn: v.starts_on,
      plannedEndsOn: v.planned_ends_on,
      endsOn: v.ends_on,
      trainings: trainings.filter((t) => t.candidate_id === v.candidate_id).map(toTraining),
      earlyEnd: earlyEndOf(v),
    })),
  };
}

/**
 * Records a volunteer's training of a kind, or rewrites it (one per kind: a second is an
 * update). Rule `training-within-mission`: its dates are within the placement's (up to the
 * early end, if any).
 */
export async function recordTraining(
  deps: Deps,
  actor: Actor,
  binomeId: string,
  candidateId: string,
  kind: 'fcc' | 'psc1',
  body: z.output<typeof trainingBody>,
): Promise<{ training: Training; created: boolean }> {
  return deps.db.transaction().execute(async (trx) => {
    const v = await placedVolunteer(trx, actor, binomeId, candidateId);
    assertMayRecordTraining(actor, v);
    if (body.startsOn < v.starts_on || body.endsOn > v.ends_on) {
      throw new RuleViolation('training-within-mission', text('followUp.trainingWithinMission', { from: v.starts_on, to: v.ends_on }), {
        field: body.startsOn < v.starts_on ? 'startsOn' : 'endsOn',
      });
    }
    const at = deps.clock();
    const { inserted } = await upsertTraining(trx, { binomeId, candidateId, kind, startsOn: body.startsOn, endsOn: body.endsOn, provider: body.provider || null, by: actor.userId, at });
    const row = (await trainingsOf(trx, { kind: 'all' }, binomeId, candidateId)).find((t) => t.kind === kind)!;
    return { training: toTraining(row), created: inserted };
  });
}

/** A candidate's own trainings, over their placements. */
export async function myTrainings(deps: Deps, actor: Actor): Promise<Training[]> {
  const scope = scopeOf(actor);
  const placements = await ownPlacements(deps.db, scope, actor.userId);
  const all: Training[] = [];
  for (const p of placements) all.push(...(await trainingsOf(deps.db, scope, p.binome_id, actor.userId)).map(toTraining));
  return all;
}

// ---------------------------------------------------------------------------------------------
// Check-ins

export async function listCheckins(deps: Deps, actor: Actor, binomeId: string): Promise<Checkin[]> {
  if (actor.role === 'candidate') throw new Forbidden(text('followUp.checkinsNotForVolunteers'));
  await placedBinome(deps.db, actor, binomeId);
  return (await checkinsOf(deps.db, scopeOf(actor), binomeId)).map(toCheckin);
}

export async function addCheckin(deps: Deps, actor: Actor, binomeId: string, body: z.output<typeof checkinBody>): Promise<Checkin> {
  if (actor.role === 'candidate') throw new Forbidden(text('followUp.checkinWriters'));
  return deps.db.transaction().execute(async (trx) => {
    const volunteers = await placedBinome(trx, actor, binomeId);
    assertMayWriteCheckin(actor, volunteers[0]!);
    if (body.candidateId && !volunteers.some((v) => v.candidate_id === body.candidateId)) {
      throw new Invalid(text('field.notABinomeVolunteer'), [{ path: 'candidateId', message: text('field.notABinomeVolunteer') }]);
    }
    const id = await insertCheckin(trx, { binomeId, candidateId: body.candidateId ?? null, heldOn: body.heldOn, note: body.note, by: actor.userId, at: deps.clock() });
    return toCheckin((await checkinsOf(trx, { kind: 'all' }, binomeId)).find((c) => c.id === id)!);
  });
}

// ---------------------------------------------------------------------------------------------
// Early end

/**
 * Rule `early-end`: a volunteer's placement ends early, once, on a day within it (from its start
 * to its planned end). It frees nothing: the mission's places, the binôme's status and the
 * application stay as they are; the effective end date is the early end's from then on.
 */
export async function recordEarlyEnd(deps: Deps, actor: Actor, binomeId: string, candidateId: string, body: z.output<typeof earlyEndBody>) {
  return deps.db.transaction().execute(async (trx) => {
    const v = await placedVolunteer(trx, actor, binomeId, candidateId);
    if (!isCoordination(actor)) throw new Forbidden(text('followUp.earlyEndRecorders'));
    if (v.early_ends_on) throw new Conflict(text('followUp.earlyEndOnce'), { rule: 'early-end' });
    if (body.endsOn < v.starts_on || body.endsOn > v.planned_ends_on) {
      throw new RuleViolation('early-end', text('followUp.earlyEndWithinPlacement', { from: v.starts_on, to: v.planned_ends_on }), { field: 'endsOn' });
    }
    const at = deps.clock();
    const note = body.note || null;
    const row = await insertEarlyEnd(trx, { binomeId, candidateId, endsOn: body.endsOn, askedBy: body.askedBy, reason: body.reason, note, by: actor.userId, at });
    // Two coordinators at once: the second finds the first's row (early_ends_pkey).
    if (!row) throw new Conflict(text('followUp.earlyEndOnce'), { rule: 'early-end' });
    const earlyEnd = { endsOn: body.endsOn, askedBy: body.askedBy, reason: body.reason, note };
    await recordAudit(trx, {
      actorId: actor.userId,
      action: 'volunteer.early_end',
      entityType: 'binome_member',
      entityId: binomeId,
      before: { candidateId, endsOn: v.planned_ends_on },
      after: { candidateId, ...earlyEnd },
      at,
    });
    return earlyEnd;
  });
}

// ---------------------------------------------------------------------------------------------
// The coordination's overview

/** The editions of the overview: the one asked (404 when not seen), else those running today, else the latest seen. */
export async function overviewEditions(deps: Deps, actor: Actor, editionId?: string) {
  const editions = await editionsSeen(deps.db, scopeOf(actor));
  if (editionId) {
    const edition = editions.find((e) => e.id === editionId);
    if (!edition) throw new NotFound('edition');
    return { editions, shown: [edition] };
  }
  const day = today(deps);
  const current = editions.filter((e) => e.starts_on <= day && day <= e.ends_on);
  return { editions, shown: current.length > 0 ? current : editions.slice(0, 1) };
}

/** Rule `trainings-due`: who lacks an FCC or a PSC1 two months before their end (or after it). */
export async function listTrainingsDue(deps: Deps, actor: Actor, editionIds: readonly string[]): Promise<TrainingDue[]> {
  const until = addMonths(today(deps), TRAININGS_DUE_MONTHS);
  return (await trainingsDue(deps.db, scopeOf(actor), editionIds, until)).map(toDue);
}

export async function listEarlyEnds(deps: Deps, actor: Actor, editionIds: readonly string[]): Promise<EarlyEndLine[]> {
  return (await earlyEndsOf(deps.db, scopeOf(actor), editionIds)).map((v) => ({
    binomeId: v.binome_id,
    candidateId: v.candidate_id,
    firstName: v.first_name,
    lastName: v.last_name,
    editionId: v.edition_id,
    missionTitle: v.mission_title,
    startsOn: v.starts_on,
    ...earlyEndOf(v)!,
  }));
}

/** This week, Monday to Sunday in Paris: its days and its instants [from, to). */
export function thisWeek(deps: Deps) {
  const monday = mondayOf(today(deps));
  return { from: monday, to: addDays(monday, 6), fromAt: parisInstant(monday, 0), toAt: parisInstant(addDays(monday, 7), 0) };
}

export async function getOverview(deps: Deps, actor: Actor, editionId?: string): Promise<Overview> {
  const { shown } = await overviewEditions(deps, actor, editionId);
  const ids = shown.map((e) => e.id);
  const scope = scopeOf(actor);
  const week = thisWeek(deps);
  const [projects, outings, due, ends] = [
    await projectsToValidate(deps.db, scope, ids),
    await outingsBetween(deps.db, scope, ids, week.fromAt, week.toAt),
    await listTrainingsDue(deps, actor, ids),
    await listEarlyEnds(deps, actor, ids),
  ];
  return {
    editionIds: ids,
    week: { from: week.from, to: week.to },
    projectsToValidate: projects.map((p) => ({ id: p.id, title: p.title, binomeId: p.binome_id, missionTitle: p.mission_title, submittedAt: p.updated_at.toISOString() })),
    outingsThisWeek: outings.map((o) => ({
      id: o.id,
      projectId: o.project_id,
      projectTitle: o.project_title,
      startsAt: o.starts_at.toISOString(),
      endsAt: o.ends_at.toISOString(),
      whatKind: o.what_kind,
      whatTitle: o.what_title,
      venue: o.venue_name,
    })),
    trainingsDue: due,
    earlyEnds: ends,
  };
}

// ---------------------------------------------------------------------------------------------
// The certificate

function toCertificate(deps: Deps, v: PlacedVolunteerRow): Certificate {
  return {
    binomeId: v.binome_id,
    candidateId: v.candidate_id,
    volunteer: { firstName: v.first_name, lastName: v.last_name, birthDate: v.birth_date },
    mission: { title: v.mission_title, weeklyHours: v.weekly_hours },
    hostStructure: { name: v.host_name, commune: v.host_commune },
    firstCirclePartner: { name: v.first_circle_name },
    operator: { name: v.operator_name, accreditationNumber: v.accreditation_number },
    startsOn: v.starts_on,
    endsOn: v.ends_on,
    endedEarly: v.early_ends_on !== null,
    availableFrom: v.ends_on,
    draft: today(deps) < v.ends_on,
  };
}

/** A volunteer's certificate for the staff who see the binôme: a draft (« projet ») until the mission's last day. */
export async function getCertificate(deps: Deps, actor: Actor, binomeId: string, candidateId: string): Promise<Certificate> {
  if (actor.role === 'candidate' && actor.userId !== candidateId) throw new NotFound('volunteer');
  const certificate = toCertificate(deps, await placedVolunteer(deps.db, actor, binomeId, candidateId));
  if (actor.role === 'candidate' && certificate.draft) throw new Conflict(text('followUp.certificateNotYet', { from: certificate.availableFrom }), { availableFrom: certificate.availableFrom });
  return certificate;
}

/**
 * The candidate's own certificate, of their latest placement: `draft` until its last day (the
 * page then says when it will be there; the API answers 409).
 */
export async function myCertificate(deps: Deps, actor: Actor): Promise<Certificate> {
  const [latest] = await ownPlacements(deps.db, scopeOf(actor), actor.userId);
  if (!latest) throw new NotFound(text('followUp.noPlacement'));
  return toCertificate(deps, latest);
}

/** The placed binômes of the editions, each with its volunteers' names and ends. */
export async function listPlacedBinomes(deps: Deps, actor: Actor, editionIds: readonly string[]) {
  const rows = await placedOfEditions(deps.db, scopeOf(actor), editionIds);
  const byBinome = new Map<string, { binomeId: string; missionTitle: string; hostName: string; volunteers: { candidateId: string; firstName: string | null; lastName: string | null; endsOn: string; endedEarly: boolean }[] }>();
  for (const r of rows) {
    const entry = byBinome.get(r.binome_id) ?? { binomeId: r.binome_id, missionTitle: r.mission_title, hostName: r.host_name, volunteers: [] };
    entry.volunteers.push({ candidateId: r.candidate_id, firstName: r.first_name, lastName: r.last_name, endsOn: r.ends_on, endedEarly: r.early_ends_on !== null });
    byBinome.set(r.binome_id, entry);
  }
  return [...byBinome.values()];
}

/** Who may do what on a binôme's follow-up page (the services check it again). */
export function followUpPowers(actor: Actor, v: { host_tutor_id: string; operator_tutor_id: string }) {
  const coordination = isCoordination(actor);
  return {
    trainings: coordination || (actor.role === 'structure_member' && v.host_tutor_id === actor.userId),
    checkins: coordination || v.host_tutor_id === actor.userId || v.operator_tutor_id === actor.userId,
    earlyEnd: coordination,
  };
}

/** The tutors of a binôme's placement, for the page's powers (after the scoped lookup). */
export async function tutorsOf(deps: Deps, actor: Actor, binomeId: string) {
  const [first] = await placedBinome(deps.db, actor, binomeId);
  return { host_tutor_id: first!.host_tutor_id, operator_tutor_id: first!.operator_tutor_id };
}
