import type { z } from 'zod';
import type { Db } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { Conflict, Invalid, NotFound, PreconditionFailed, RuleViolation } from '../../errors.js';
import { text } from '../../i18n/index.js';
import { type Actor, scopeOf } from '../../lib/access.js';
import { csvOf } from '../../lib/csv.js';
import { ageOn } from '../../lib/dates.js';
import { RULES } from '../../rules.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findEdition } from '../editions/editions.repository.js';
import {
  editionPlacements,
  findPlacement,
  findRate,
  firstCoordinatorOf,
  firstMemberOf,
  insertPlacement,
  insertRate,
  listRates,
  loadPlacement,
  placementFacts,
  type PlacementRow,
  placementVolunteers,
  rateOn,
  setTutors,
  userInRole,
} from './placements.repository.js';
import { linesOf, PLACEMENT_COLUMNS, type PlacementLine } from './placements.csv.js';
import type { placementSchema } from './placements.schemas.js';

const euros = (cents: number) => (cents / 100).toFixed(2);

/**
 * Writes the placement of a new binôme, in the caller's transaction. Rules:
 * - `intermediation` (L120-32): the operator places volunteers only with structures that do
 *   not hold their own accreditation;
 * - `tutor` (L120-14): with intermediation, two tutors — a member of the host structure (its
 *   longest-standing account by default) and a coordinator of the operator (the one forming
 *   the binôme, or the operator's first); both can be changed later (PATCH /placements/{id});
 * - `indemnity`: the monthly amounts of the rate in force on the mission's start date.
 */
export async function createPlacement(trx: Db, actor: Actor, binomeId: string, at: Date): Promise<string> {
  const facts = await placementFacts(trx, binomeId);
  if (facts.host_accredited) {
    throw new RuleViolation('intermediation', text('rule.intermediation', { name: facts.host_name }), {
      missionId: facts.mission_id,
    });
  }
  const hostTutor = await firstMemberOf(trx, facts.host_structure_id);
  if (!hostTutor) {
    throw new RuleViolation('tutor', text('placement.noTutor', { name: facts.host_name }), {
      missionId: facts.mission_id,
      structureId: facts.host_structure_id,
    });
  }
  const operatorTutor = actor.role === 'coordinator' ? { id: actor.userId } : await firstCoordinatorOf(trx, facts.operator_id);
  if (!operatorTutor) throw new RuleViolation('tutor', text('placement.noOperatorTutor'), { missionId: facts.mission_id });
  const rate = await rateOn(trx, facts.starts_on);
  if (!rate) {
    throw new RuleViolation('indemnity', text('placement.noRate', { date: facts.starts_on }), {
      missionId: facts.mission_id,
    });
  }
  return insertPlacement(trx, {
    binomeId,
    missionId: facts.mission_id,
    hostStructureId: facts.host_structure_id,
    firstCircleStructureId: facts.first_circle_structure_id,
    operatorId: facts.operator_id,
    hostTutorId: hostTutor.id,
    operatorTutorId: operatorTutor.id,
    startsOn: facts.starts_on,
    endsOn: facts.ends_on,
    rateFrom: rate.effective_from,
    stateMonthlyCents: rate.state_monthly_cents,
    hostMonthlyCents: rate.host_min_monthly_cents,
    at,
  });
}

// ---------------------------------------------------------------------------------------------
// Reading: the placement and its sheet (the facts the contract needs)

async function sheetOf(db: Db, row: PlacementRow, forCandidate: boolean): Promise<PlacementSheet> {
  const volunteers = await placementVolunteers(db, row.binome_id);
  return {
    id: row.id,
    binomeId: row.binome_id,
    status: row.binome_status,
    edition: { id: row.edition_id, label: row.edition_label },
    mission: {
      id: row.mission_id,
      title: row.mission_title,
      theme: row.theme,
      commune: row.mission_commune,
      weeklyHours: row.weekly_hours,
      daysPerWeek: row.days_per_week,
      durationMonths: row.duration_months,
    },
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    operator: { name: row.operator_name, accreditationNumber: row.operator_accreditation },
    hostStructure: { id: row.host_structure_id, name: row.host_name, address: row.host_address, commune: row.host_commune },
    firstCirclePartner: { id: row.first_circle_structure_id, name: row.partner_name },
    tutors: {
      host: { id: row.host_tutor_id, name: row.host_tutor_name, email: row.host_tutor_email },
      operator: { id: row.operator_tutor_id, name: row.operator_tutor_name, email: row.operator_tutor_email },
    },
    indemnity: {
      rateEffectiveFrom: row.indemnity_rate_from,
      stateMonthly: euros(row.state_monthly_cents),
      hostMonthly: euros(row.host_monthly_cents),
      totalMonthly: euros(row.state_monthly_cents + row.host_monthly_cents),
      currency: 'EUR' as const,
    },
    volunteers: volunteers.map((v) => {
      const minor = v.birth_date !== null && ageOn(v.birth_date, row.starts_on) < RULES.age.majority;
      return {
        candidateId: v.candidate_id,
        firstName: v.first_name,
        lastName: v.last_name,
        // The contract needs them; a partner volunteer reading their own sheet does not.
        ...(forCandidate ? {} : { birthDate: v.birth_date, email: v.email, phone: v.phone, commune: v.commune }),
        accepted: v.accepted_at !== null,
        minor,
        parentalConsent: minor ? (v.parental_consent_signed_by ? { signedBy: v.parental_consent_signed_by, signedOn: v.parental_consent_signed_on! } : null) : null,
      };
    }),
    version: row.version,
  };
}

/** A placement sheet as the routes return it: the type of its response schema. */
export type PlacementSheet = z.infer<typeof placementSchema>;

export async function getPlacement(deps: Deps, actor: Actor, id: string) {
  const row = await findPlacement(deps.db, id, scopeOf(actor));
  if (!row) throw new NotFound('placement');
  return sheetOf(deps.db, row, actor.role === 'candidate');
}

/** The sheet as a CSV file (src/modules/placements/placements.csv.ts): one line per volunteer. */
export function sheetCsv(sheet: PlacementSheet): string {
  return csvOf(PLACEMENT_COLUMNS, linesOf(sheet));
}

/** Every placement of the edition (proposed and confirmed binômes) as one CSV file: one line per volunteer. */
export async function exportEditionPlacements(deps: Deps, actor: Actor, editionId: string) {
  if (!(await findEdition(deps.db, editionId, scopeOf(actor)))) throw new NotFound('edition');
  const rows = await editionPlacements(deps.db, editionId, scopeOf(actor));
  const lines: PlacementLine[] = [];
  for (const row of rows) lines.push(...linesOf(await sheetOf(deps.db, row, false)));
  return csvOf(PLACEMENT_COLUMNS, lines);
}

/** Rule `tutor`: a coordinator names other tutors — a member of the host structure, a coordinator of the operator. */
export async function editTutors(deps: Deps, actor: Actor, id: string, input: { hostTutorId?: string | undefined; operatorTutorId?: string | undefined }, version: number) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await findPlacement(trx, id, scopeOf(actor));
    if (!row) throw new NotFound('placement');
    if (row.binome_status === 'broken' || row.binome_status === 'dissolved') throw new Conflict(text('binome.is', { status: row.binome_status }), { currentState: row.binome_status });
    if (input.hostTutorId) {
      const user = await userInRole(trx, input.hostTutorId);
      if (!user || user.role !== 'structure_member' || user.structure_id !== row.host_structure_id) {
        throw new Invalid(text('placement.hostTutor'), [{ path: 'hostTutorId', message: text('field.notHostMember') }]);
      }
    }
    if (input.operatorTutorId) {
      const user = await userInRole(trx, input.operatorTutorId);
      if (!user || user.role !== 'coordinator' || user.operator_id !== row.operator_id) {
        throw new Invalid(text('placement.operatorTutor'), [{ path: 'operatorTutorId', message: text('field.notOperatorCoordinator') }]);
      }
    }
    if (!(await setTutors(trx, id, { ...input, version, at: deps.clock() }))) {
      throw new PreconditionFailed(text('version.stale', { what: 'placement', read: version, current: row.version }));
    }
    await recordAudit(trx, {
      actorId: actor.userId,
      action: 'placement.tutors-changed',
      entityType: 'placement',
      entityId: id,
      before: { hostTutorId: row.host_tutor_id, operatorTutorId: row.operator_tutor_id },
      after: { hostTutorId: input.hostTutorId ?? row.host_tutor_id, operatorTutorId: input.operatorTutorId ?? row.operator_tutor_id },
    });
    return sheetOf(trx, await loadPlacement(trx, id), false);
  });
}

// ---------------------------------------------------------------------------------------------
// Rule `indemnity`: the dated table of rates

const toRate = (r: Awaited<ReturnType<typeof listRates>>[number]) => ({
  effectiveFrom: r.effective_from,
  stateMonthly: euros(r.state_monthly_cents),
  hostMinMonthly: euros(r.host_min_monthly_cents),
  source: r.source,
});

export async function getRates(deps: Deps) {
  return (await listRates(deps.db)).map(toRate);
}

export async function addRate(deps: Deps, actor: Actor, input: { effectiveFrom: string; stateMonthly: number; hostMinMonthly: number; source: string }) {
  return deps.db.transaction().execute(async (trx) => {
    if (await findRate(trx, input.effectiveFrom)) throw new Conflict(text('placement.rateExists', { date: input.effectiveFrom }), { effectiveFrom: input.effectiveFrom });
    const row = await insertRate(trx, {
      effectiveFrom: input.effectiveFrom,
      stateMonthlyCents: Math.round(input.stateMonthly * 100),
      hostMinMonthlyCents: Math.round(input.hostMinMonthly * 100),
      source: input.source,
      at: deps.clock(),
    });
    await recordAudit(trx, { actorId: actor.userId, action: 'indemnity-rate.added', entityType: 'indemnity_rate', entityId: row.effective_from, after: toRate(row) });
    return toRate(row);
  });
}

/**
 * Rule `indemnity` ahead of applying a run: which of these missions start on a date no rate
 * covers yet (no rate effective on or before their start). Applying would refuse them (422
 * `indemnity`): the placement board says so first, with the admin's page to add a rate.
 */
export async function missionsWithoutRate(deps: Deps, missionIds: readonly string[]): Promise<{ missionId: string; title: string; startsOn: string }[]> {
  if (missionIds.length === 0) return [];
  const missions = await deps.db.selectFrom('missions').select(['id', 'title', 'starts_on']).where('id', 'in', [...new Set(missionIds)]).orderBy('starts_on').orderBy('title').execute();
  const earliest = (await listRates(deps.db)).at(-1)?.effective_from;
  return missions.filter((m) => earliest === undefined || m.starts_on < earliest).map((m) => ({ missionId: m.id, title: m.title, startsOn: m.starts_on }));
}
