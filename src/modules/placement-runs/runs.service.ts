import { performance } from 'node:perf_hooks';
import { checkConstraints, placeVolunteers, type PlacementResult } from '../../algorithms/placement/index.js';
import type { Db } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { Conflict, Invalid, NotFound } from '../../errors.js';
import { type Actor, scopeOf } from '../../lib/access.js';
import { type Position, toPage } from '../../lib/pagination.js';
import { eligibilityChecks } from '../applications/applications.service.js';
import { recordAudit } from '../audit/audit.repository.js';
import { formBinome } from '../binomes/binomes.service.js';
import { findEdition } from '../editions/editions.repository.js';
import { buildProblem, type ExclusionRequest, type LockRequest, type Problem, type RunRequest } from './runs.problem.js';
import {
  applicationsInPlay,
  evaluationsOf,
  findRun,
  insertRun,
  listRuns,
  markApplied,
  missionsInPlay,
  missionTitlesOf,
  namesOf,
  nextRunNumber,
  type RunRow,
} from './runs.repository.js';
import { DEFAULT_WEIGHTS, pairScore, type Weights } from './scores.js';

export interface RunInput {
  mode: 'optimal' | 'stable';
  weights?: Partial<Weights> | undefined;
  locks?: readonly LockRequest[] | undefined;
  exclusions?: readonly ExclusionRequest[] | undefined;
}

/** The run's weights: the defaults, overridden one by one (in the defaults' key order, for the digest). */
function weightsOf(overrides: Partial<Weights> | undefined): Weights {
  const weights = { ...DEFAULT_WEIGHTS };
  for (const key of Object.keys(DEFAULT_WEIGHTS) as (keyof Weights)[]) {
    const value = overrides?.[key];
    if (value !== undefined) weights[key] = value;
  }
  return weights;
}

/** Reads the edition's inputs and builds the problem; the eligibility of every application in play is checked (and audited when it reads a disability). */
async function problemFor(trx: Db, actor: Actor, editionId: string, request: RunRequest): Promise<Problem> {
  const [applications, missions, evaluations] = [await applicationsInPlay(trx, editionId), await missionsInPlay(trx, editionId), await evaluationsOf(trx, editionId)];
  const ineligible = new Map<string, { rule: string; detail: string }>();
  for (const a of applications) {
    if (a.status === 'accepted') continue;
    const checks = await eligibilityChecks(trx, a.candidate_id, a.mission_id, actor.userId);
    const failed = checks?.find((c) => !c.ok);
    if (failed) ineligible.set(a.id, { rule: failed.rule, detail: failed.detail });
  }
  return buildProblem({ applications, missions, evaluations, ineligible }, request);
}

/** Refuses a request whose locks or exclusions contradict each other or the inputs, naming each field. */
function assertConsistent(problem: Problem) {
  const errors = [...problem.errors];
  if (errors.length === 0) {
    for (const c of checkConstraints(problem.input)) {
      const path = c.kind === 'lock' ? problem.paths.lock[c.index] : c.kind === 'together' ? problem.paths.together[c.index] : problem.paths.apart[c.index];
      errors.push({ path: path ?? 'locks', message: path ? c.message : `${c.message} (a volunteer who accepted a mission is held there)` });
    }
  }
  if (errors.length) throw new Invalid('The locks and exclusions cannot all hold', errors);
}

const REASONS: Record<PlacementResult['unplaced'][number]['reason'], string> = {
  'no-allowed-mission': 'no mission they applied to is open to them',
  'not-chosen': 'the places they could take went to volunteers with higher scores',
  'odd-volunteer': 'no partner for them on a mission they can do (one volunteer too many)',
};

/** The run as stored: ids and numbers only (names are read when the run is shown). */
function storedResult(problem: Problem, result: PlacementResult) {
  const { volunteers, missions, scored, notAllowed, driverNeeded } = problem;
  const M = missions.length;
  const proposals = result.binomes.map((b) => {
    const [a, c] = b.members;
    const pair = pairScore(volunteers[a]!.member, volunteers[c]!.member, driverNeeded[b.mission]!, problem.weights);
    return {
      missionId: missions[b.mission]!.id,
      candidateIds: [volunteers[a]!.candidateId, volunteers[c]!.candidateId] as [string, string],
      applicationIds: [volunteers[a]!.applications.get(b.mission)!.id, volunteers[c]!.applications.get(b.mission)!.id] as [string, string],
      value: round(b.score),
      members: b.members.map((v) => ({ candidateId: volunteers[v]!.candidateId, score: scored[v * M + b.mission]!.score, parts: scored[v * M + b.mission]!.parts })),
      pair: { score: round(b.pair), weight: problem.weights.pair, parts: pair.parts },
    };
  });
  const unplaced = result.unplaced.map((u) => {
    const vol = volunteers[u.volunteer]!;
    const why = [...vol.applications.keys()].flatMap((m) => {
      const reason = notAllowed[u.volunteer * M + m];
      return reason ? [{ missionId: missions[m]!.id, reason }] : [];
    });
    return { candidateId: vol.candidateId, reason: u.reason, detail: REASONS[u.reason], missions: why };
  });
  const openPlaces = result.openPlaces
    .filter((o) => o.places > 0)
    .map((o) => ({
      missionId: missions[o.mission]!.id,
      places: o.places,
      reason: o.reason,
      detail: o.reason === 'one-place-left' ? 'one place stays open: a binôme needs two volunteers' : 'no volunteer could be placed here',
    }));
  return { proposals, unplaced, openPlaces };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export async function createRun(deps: Deps, actor: Actor, editionId: string, input: RunInput) {
  const request: RunRequest = { mode: input.mode, weights: weightsOf(input.weights), locks: input.locks ?? [], exclusions: input.exclusions ?? [] };
  return deps.db.transaction().execute(async (trx) => {
    // One run at a time per edition: the number is the next one.
    const edition = await findEdition(trx, editionId, scopeOf(actor), { forUpdate: true });
    if (!edition) throw new NotFound('Edition');
    if (edition.status === 'closed') throw new Conflict('The edition is closed', { currentState: 'closed' });
    const problem = await problemFor(trx, actor, editionId, request);
    assertConsistent(problem);
    const started = performance.now();
    const result = placeVolunteers(problem.input);
    const durationMs = Math.round(performance.now() - started);
    const stored = storedResult(problem, result);
    const id = await insertRun(trx, {
      editionId,
      number: await nextRunNumber(trx, editionId),
      mode: request.mode,
      weights: request.weights,
      locks: [...request.locks],
      exclusions: [...request.exclusions],
      digest: problem.digest,
      volunteers: problem.volunteers.length,
      missions: problem.missions.length,
      ...stored,
      objective: round(result.value),
      bound: round(result.bound),
      assignmentOptimum: round(result.assignmentOptimum),
      durationMs,
      createdBy: actor.userId,
      at: deps.clock(),
    });
    await recordAudit(trx, { actorId: actor.userId, action: 'placement-run.created', entityType: 'placement_run', entityId: id, after: { mode: request.mode, digest: problem.digest } });
    return present(trx, (await findRun(trx, id, { kind: 'all' }))!);
  });
}

/** A run's proposals, unplaced volunteers and open places, as stored (jsonb). */
type Stored = ReturnType<typeof storedResult>;

/** The run with names and titles read now (a candidate who deleted their account shows as such). */
async function present(db: Db, row: RunRow) {
  const proposals = row.proposals as Stored['proposals'];
  const unplaced = row.unplaced as Stored['unplaced'];
  const openPlaces = row.open_places as Stored['openPlaces'];
  const candidateIds = [...new Set([...proposals.flatMap((p) => p.candidateIds), ...unplaced.map((u) => u.candidateId)])];
  const missionIds = [...new Set([...proposals.map((p) => p.missionId), ...openPlaces.map((o) => o.missionId), ...unplaced.flatMap((u) => u.missions.map((m) => m.missionId))])];
  const names = new Map((await namesOf(db, candidateIds)).map((n) => [n.user_id, { firstName: n.first_name, lastName: n.last_name }]));
  const titles = new Map((await missionTitlesOf(db, missionIds)).map((m) => [m.id, { title: m.title, host: m.host_name, firstCirclePartner: m.partner_name }]));
  const who = (id: string) => ({ candidateId: id, ...(names.get(id) ?? { firstName: null, lastName: null }) });
  const mission = (id: string) => ({ id, ...(titles.get(id) ?? { title: '', host: '', firstCirclePartner: '' }) });
  return {
    id: row.id,
    editionId: row.edition_id,
    number: row.number,
    mode: row.mode,
    weights: row.weights,
    locks: row.locks,
    exclusions: row.exclusions,
    inputDigest: row.input_digest,
    volunteers: row.volunteers,
    missions: row.missions,
    objective: row.objective,
    bound: row.bound,
    assignmentOptimum: row.assignment_optimum,
    durationMs: row.duration_ms,
    proposals: proposals.map((p) => ({
      mission: mission(p.missionId),
      value: p.value,
      members: p.members.map((m, i) => ({ ...who(m.candidateId), applicationId: p.applicationIds[i]!, score: m.score, parts: m.parts })),
      pair: p.pair,
    })),
    unplaced: unplaced.map((u) => ({ ...who(u.candidateId), reason: u.reason, detail: u.detail, missions: u.missions.map((m) => ({ mission: mission(m.missionId), reason: m.reason })) })),
    openPlaces: openPlaces.map((o) => ({ mission: mission(o.missionId), places: o.places, reason: o.reason, detail: o.detail })),
    appliedAt: row.applied_at?.toISOString() ?? null,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}

export async function getRun(deps: Deps, actor: Actor, id: string) {
  const row = await findRun(deps.db, id, scopeOf(actor));
  if (!row) throw new NotFound('Placement run');
  return present(deps.db, row);
}

/** The edition's runs, newest first, as a summary to compare them. */
export async function listEditionRuns(deps: Deps, actor: Actor, editionId: string, query: { limit: number; cursor?: Position | undefined }) {
  if (!(await findEdition(deps.db, editionId, scopeOf(actor)))) throw new NotFound('Edition');
  const rows = await listRuns(deps.db, scopeOf(actor), editionId, query.limit, query.cursor);
  return toPage(rows, query.limit, (r) => [r.cursor_at, r.id], (r) => ({
    id: r.id,
    number: r.number,
    mode: r.mode,
    weights: r.weights,
    locks: (r.locks as unknown[]).length,
    exclusions: (r.exclusions as unknown[]).length,
    objective: r.objective,
    bound: r.bound,
    binomes: (r.proposals as unknown[]).length,
    unplaced: (r.unplaced as unknown[]).length,
    appliedAt: r.applied_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  }));
}

/**
 * Applies a run in one transaction: every proposal becomes a `proposed` binôme with its
 * placement, and its volunteers' applications become `offered`. Refused when the run was
 * applied already, or when the inputs changed since (409: re-run); any proposal that fails its
 * rules undoes the whole application.
 */
export async function applyRun(deps: Deps, actor: Actor, id: string) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const seen = await findRun(trx, id, scopeOf(actor));
    if (!seen) throw new NotFound('Placement run');
    await findEdition(trx, seen.edition_id, { kind: 'all' }, { forUpdate: true });
    const row = (await findRun(trx, id, { kind: 'all' }, { forUpdate: true }))!;
    if (row.applied_at) throw new Conflict(`Run ${row.number} was applied on ${row.applied_at.toISOString()}`, { appliedAt: row.applied_at.toISOString() });
    if (row.edition_status === 'closed') throw new Conflict('The edition is closed', { currentState: 'closed' });
    const request: RunRequest = { mode: row.mode, weights: row.weights as Weights, locks: row.locks as LockRequest[], exclusions: row.exclusions as ExclusionRequest[] };
    const today = await problemFor(trx, actor, row.edition_id, request);
    if (today.digest !== row.input_digest) {
      throw new Conflict('The inputs changed since this run (applications, evaluations, places or binômes): run the placement again', {
        rule: 'stale-run',
        runDigest: row.input_digest,
        currentDigest: today.digest,
      });
    }
    const binomeIds: string[] = [];
    for (const [i, p] of (row.proposals as Stored['proposals']).entries()) {
      binomeIds.push(
        await formBinome(
          trx,
          actor,
          { editionId: row.edition_id, missionId: p.missionId, candidateIds: p.candidateIds, runId: id, paths: [`proposals.${i}.candidateIds.0`, `proposals.${i}.candidateIds.1`] },
          now,
        ),
      );
    }
    if (!(await markApplied(trx, id, actor.userId, now))) throw new Conflict(`Run ${row.number} was applied meanwhile`);
    await recordAudit(trx, { actorId: actor.userId, action: 'placement-run.applied', entityType: 'placement_run', entityId: id, after: { binomeIds } });
    return { run: await present(trx, (await findRun(trx, id, { kind: 'all' }))!), binomeIds };
  });
}
