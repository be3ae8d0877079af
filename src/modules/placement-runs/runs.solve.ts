import { performance } from 'node:perf_hooks';
import { checkConstraints, placeVolunteers, type PlacementResult } from '../../algorithms/placement/index.js';
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
  | { kind: 'invalid'; errors: { path: string; message: string }[] }
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
function inconsistencies(problem: Problem): { path: string; message: string }[] {
  const errors = [...problem.errors];
  if (errors.length === 0) {
    for (const c of checkConstraints(problem.input)) {
      const path = c.kind === 'lock' ? problem.paths.lock[c.index] : c.kind === 'together' ? problem.paths.together[c.index] : problem.paths.apart[c.index];
      errors.push({ path: path ?? 'locks', message: path ? c.message : `${c.message} (a volunteer who accepted a mission is held there)` });
    }
  }
  return errors;
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
