/**
 * Placement, pure: which volunteers form binômes, and on which mission. No I/O, no clock, no
 * Math.random: the same input gives the same output. Indices in, indices out; the caller maps
 * ids. The theory (what is exact and when, the bound, the budgets, the modes) is in ./README.md.
 */
import { scoreAssignment } from './assign.js';
import { maxPartners, upperBound } from './bound.js';
import { checkConstraints, checkShape } from './constraints.js';
import { buildModel } from './model.js';
import { placeOptimal } from './optimal.js';
import { Pairing } from './pairing.js';
import { finish } from './repair.js';
import { placeStable } from './stable.js';
import type { PlacementInput, PlacementResult } from './types.js';

export { checkConstraints };
export type { ConstraintInput, ConstraintIssue, OpenPlacesReason, PlacedBinome, PlacementInput, PlacementResult, UnplacedReason } from './types.js';

/**
 * Forms the binômes and places them (./README.md). Throws on malformed input and on
 * contradictory constraints (call checkConstraints first to report them).
 */
export function placeVolunteers(input: PlacementInput): PlacementResult {
  checkShape(input);
  const issues = checkConstraints(input);
  if (issues.length > 0) {
    const first = issues[0]!;
    throw new RangeError(`contradictory constraints, first ${first.kind}[${first.index}]: ${first.message} (${issues.length} in all; see checkConstraints)`);
  }
  const model = buildModel(input);
  const pairing = new Pairing(model);
  const maxPartner = model.lambda > 0 ? maxPartners(model) : undefined;
  const openCouples = model.couples.some((c) => c.mission < 0);

  if (model.stable) {
    const { missionOf, coupleMission } = placeStable(model);
    const result = finish(model, pairing, missionOf, coupleMission);
    const { assignmentOptimum } = scoreAssignment(model, coupleMission);
    const bound = model.lambda === 0 && !openCouples ? assignmentOptimum : upperBound(model, maxPartner);
    return { ...result, bound, assignmentOptimum, matching: missionOf };
  }

  const solved = placeOptimal(model, pairing, maxPartner);
  const result = finish(model, pairing, solved.missionOf, solved.coupleMission);
  const bound = model.lambda === 0 && !openCouples ? solved.assignmentOptimum : upperBound(model, maxPartner);
  return { ...result, bound, assignmentOptimum: solved.assignmentOptimum };
}
