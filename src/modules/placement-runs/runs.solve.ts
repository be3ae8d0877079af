import { performance } from 'node:perf_hooks';
import { checkConstraints, placeVolunteers, type PlacementResult } from '../../algorithms/placement/index.js';
import type { FieldText } from '../../errors.js';
import { render, text } from '../../i18n/index.js';
import { problemData, type RunRows } from './runs.inputs.js';
import { buildProblem, type Problem, type RunRequest } from './runs.problem.js';
import { pairScore } from './scores.js';

/**
 * A run's computation, from the rows read to the result as stored: the eligibility checks,
 * the problem, the check of the locks and exclusions, the solve. Pure (no database, no
 * Fastify): it runs in a worker thread (runs.worker.ts), off the request thread. The task and
 * the stored parts of the answer cross the thread boundary as JSON text, which costs the
 * request thread one JSON.stringify of the rows and nothing on the way back (the run is
 * stored as that text).
 */
export interface SolveTask {
  rows: RunRows;
  request: RunRequest;
}

export type SolveOutcome =
  /** The locks and exclusions cannot all hold: each field named (422). */
  | { kind: 'invalid'; errors: FieldText[] }
  | {
      kind: 'solved';
      digest: string;
      volunteers: number;
      missions: number;
      /** The stored parts, as JSON text (jsonb columns). */
      stored: { proposals: string; unplaced: string; openPlaces: string };
      objective: number;
      bound: number;
      assignmentOptimum: number;
      /** The solver's own time (placeVolunteers), as runs have always reported it. */
      durationMs: number;
    };

/** The locks or exclusions that contradict each other or the inputs, naming each field. */
function inconsistencies(problem: Problem): FieldText[] {
  const errors = [...problem.errors];
  if (errors.length === 0) {
    for (const c of checkConstraints(problem.input)) {
      const path = c.kind === 'lock' ? problem.paths.lock[c.index] : c.kind === 'together' ? problem.paths.together[c.index] : problem.paths.apart[c.index];
      errors.push({ path: path ?? 'locks', message: path ? c.message : text('run.field.acceptedHeld', { issue: c.message }) });
    }
  }
  return errors;
}

/**
 * The run as stored: ids and numbers only (names are read when the run is shown). Each reason
 * is stored in French (`detail`, `reason`) with its catalogue text (`text`), so that showing
 * the run can write it in the reader's language (runs.service.ts, `present`).
 */
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
      return reason ? [{ missionId: missions[m]!.id, reason: render(reason), text: reason }] : [];
    });
    return { candidateId: vol.candidateId, reason: u.reason, detail: render(text(`run.unplaced.${u.reason}`)), missions: why };
  });
  const openPlaces = result.openPlaces
    .filter((o) => o.places > 0)
    .map((o) => ({
      missionId: missions[o.mission]!.id,
      places: o.places,
      reason: o.reason,
      detail: render(text(`run.open.${o.reason}`)),
    }));
  return { proposals, unplaced, openPlaces };
}

/** A run's proposals, unplaced volunteers and open places, as stored (jsonb). */
export type Stored = ReturnType<typeof storedResult>;

const round = (x: number) => Math.round(x * 1000) / 1000;

const json = ({ proposals, unplaced, openPlaces }: Stored) => ({ proposals: JSON.stringify(proposals), unplaced: JSON.stringify(unplaced), openPlaces: JSON.stringify(openPlaces) });

export function solveRun({ rows, request }: SolveTask): SolveOutcome {
  const problem = buildProblem(problemData(rows), request);
  const errors = inconsistencies(problem);
  if (errors.length) return { kind: 'invalid', errors };
  const started = performance.now();
  const result = placeVolunteers(problem.input);
  const durationMs = Math.round(performance.now() - started);
  return {
    kind: 'solved',
    digest: problem.digest,
    volunteers: problem.volunteers.length,
    missions: problem.missions.length,
    stored: json(storedResult(problem, result)),
    objective: round(result.value),
    bound: round(result.bound),
    assignmentOptimum: round(result.assignmentOptimum),
    durationMs,
  };
}
