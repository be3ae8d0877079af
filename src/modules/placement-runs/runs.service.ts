import type { Db } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { Conflict, Invalid, NotFound } from '../../errors.js';
import { isText, text, withTexts } from '../../i18n/index.js';
import { type Actor, scopeOf } from '../../lib/access.js';
import { type Position, toPage } from '../../lib/pagination.js';
import { recordAudit } from '../audit/audit.repository.js';
import { formBinome } from '../binomes/binomes.service.js';
import { findEdition, loadEdition } from '../editions/editions.repository.js';
import { problemData, readRunInputs } from './runs.inputs.js';
import { type ExclusionRequest, inputDigest, type LockRequest, type RunRequest } from './runs.problem.js';
import { findRun, insertRun, loadRun, listRuns, markApplied, missionTitlesOf, namesOf, nextRunNumber, type RunRow } from './runs.repository.js';
import type { Stored } from './runs.solve.js';
import type { PlacementSolver } from './runs.solver.js';
import { DEFAULT_WEIGHTS, type Weights } from './scores.js';

/** The placement runs' dependencies: the app's, and where runs are computed (a worker thread). */
export interface RunDeps extends Deps {
  readonly solver: PlacementSolver;
}

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

/** The edition the actor may run the placement of, not closed. */
async function openEdition(trx: Db, actor: Actor, editionId: string, options: { forUpdate?: boolean } = {}) {
  const edition = await findEdition(trx, editionId, scopeOf(actor), options);
  if (!edition) throw new NotFound('edition');
  if (edition.status === 'closed') throw new Conflict(text('edition.closed'), { currentState: 'closed' });
  return edition;
}

/**
 * A run in three steps, so that no lock is held and no request waits while it computes:
 * 1. the inputs are read in a short transaction of their own (one snapshot: repeatable read),
 *    with what the eligibility of every application in play needs (the disability reads are
 *    audited there, and stay audited when the run is then refused: they happened);
 * 2. the eligibility is checked, the problem built and solved in a worker thread
 *    (runs.solver.ts), holding nothing;
 * 3. the run is stored in a second short transaction, the edition locked for the run's number
 *    and checked again (closed meanwhile: 409).
 * The run keeps the digest of the inputs it was computed on (step 1). Inputs that change while
 * it computes, or at any time later, make that digest differ from the one applying reads, and
 * applying refuses (409 stale-run): a run computed on old inputs is never applied.
 */
export async function createRun(deps: RunDeps, actor: Actor, editionId: string, input: RunInput) {
  const request: RunRequest = { mode: input.mode, weights: weightsOf(input.weights), locks: input.locks ?? [], exclusions: input.exclusions ?? [] };
  const read = () =>
    deps.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await openEdition(trx, actor, editionId);
        return readRunInputs(trx, editionId, actor.userId);
      });
  // The rows are not kept meanwhile: the worker has them (as text).
  const outcome = await deps.solver.solve({ rows: await read(), request });
  if (outcome.kind === 'invalid') throw new Invalid(text('run.constraintsClash'), outcome.errors);
  return deps.db.transaction().execute(async (trx) => {
    // One run stored at a time per edition: the number is the next one.
    await openEdition(trx, actor, editionId, { forUpdate: true });
    const id = await insertRun(trx, {
      editionId,
      number: await nextRunNumber(trx, editionId),
      mode: request.mode,
      weights: request.weights,
      locks: [...request.locks],
      exclusions: [...request.exclusions],
      digest: outcome.digest,
      volunteers: outcome.volunteers,
      missions: outcome.missions,
      ...outcome.stored,
      objective: outcome.objective,
      bound: outcome.bound,
      assignmentOptimum: outcome.assignmentOptimum,
      durationMs: outcome.durationMs,
      createdBy: actor.userId,
      at: deps.clock(),
    });
    await recordAudit(trx, { actorId: actor.userId, action: 'placement-run.created', entityType: 'placement_run', entityId: id, after: { mode: request.mode, digest: outcome.digest } });
    return present(trx, await loadRun(trx, id));
  });
}

/**
 * Each part's source in the reader's language (withTexts: French, English on request). A run
 * stored before the sources were catalogue texts holds their English words, shown as they are.
 */
function readableParts<K extends string>(parts: Record<K, { value: number; weight: number; source: unknown }>): Record<K, { value: number; weight: number; source: string }> {
  const out = {} as Record<K, { value: number; weight: number; source: string }>;
  for (const [key, part] of Object.entries(parts) as [K, { value: number; weight: number; source: unknown }][]) {
    const plain = { value: part.value, weight: part.weight, source: typeof part.source === 'string' ? part.source : '' };
    out[key] = isText(part.source) ? withTexts(plain, { source: part.source }) : plain;
  }
  return out;
}

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
      members: p.members.map((m, i) => ({ ...who(m.candidateId), applicationId: p.applicationIds[i]!, score: m.score, parts: readableParts(m.parts) })),
      pair: { ...p.pair, parts: readableParts(p.pair.parts) },
    })),
    // The reasons in the reader's language: from the reason's code, or the stored text (a run
    // stored before the catalogue has only its English words, shown as they are).
    unplaced: unplaced.map((u) =>
      withTexts(
        {
          ...who(u.candidateId),
          reason: u.reason,
          detail: u.detail,
          missions: u.missions.map((m) => {
            const why = { mission: mission(m.missionId), reason: m.reason };
            return 'text' in m && isText(m.text) ? withTexts(why, { reason: m.text }) : why;
          }),
        },
        { detail: text(`run.unplaced.${u.reason}`) },
      ),
    ),
    openPlaces: openPlaces.map((o) => withTexts({ mission: mission(o.missionId), places: o.places, reason: o.reason, detail: o.detail }, { detail: text(`run.open.${o.reason}`) })),
    appliedAt: row.applied_at?.toISOString() ?? null,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}

export async function getRun(deps: Deps, actor: Actor, id: string) {
  const row = await findRun(deps.db, id, scopeOf(actor));
  if (!row) throw new NotFound('placementRun');
  return present(deps.db, row);
}

/** The edition's runs, newest first, as a summary to compare them. */
export async function listEditionRuns(deps: Deps, actor: Actor, editionId: string, query: { limit: number; cursor?: Position | undefined }) {
  if (!(await findEdition(deps.db, editionId, scopeOf(actor)))) throw new NotFound('edition');
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
    if (!seen) throw new NotFound('placementRun');
    await loadEdition(trx, seen.edition_id, { forUpdate: true });
    const row = await loadRun(trx, id, { forUpdate: true });
    if (row.applied_at) throw new Conflict(text('run.alreadyApplied', { number: row.number, at: row.applied_at.toISOString() }), { appliedAt: row.applied_at.toISOString() });
    if (row.edition_status === 'closed') throw new Conflict(text('edition.closed'), { currentState: 'closed' });
    const request: RunRequest = { mode: row.mode, weights: row.weights as Weights, locks: row.locks as LockRequest[], exclusions: row.exclusions as ExclusionRequest[] };
    // The inputs read again, not solved again: the digest says whether they changed. The checks
    // and the digest on this thread (a few hundred ms at 2,000 volunteers on a busy 2-core
    // machine) rather than queued in the worker behind another edition's run while this
    // transaction holds the edition (and, on PGlite, the only connection).
    const today = inputDigest(problemData(await readRunInputs(trx, row.edition_id, actor.userId)), request);
    if (today !== row.input_digest) {
      throw new Conflict(text('run.stale'), {
        rule: 'stale-run',
        runDigest: row.input_digest,
        currentDigest: today,
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
    if (!(await markApplied(trx, id, actor.userId, now))) throw new Conflict(text('run.appliedMeanwhile', { number: row.number }));
    await recordAudit(trx, { actorId: actor.userId, action: 'placement-run.applied', entityType: 'placement_run', entityId: id, after: { binomeIds } });
    return { run: await present(trx, await loadRun(trx, id)), binomeIds };
  });
}
