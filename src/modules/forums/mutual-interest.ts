import type { WouldHost } from '../../../db/database.js';

/**
 * Both sides want it: the structure would host (yes or maybe) with a score of 3 or more, and the
 * candidate's interest is 3 or more. The forum's evaluations and the edition's report both count
 * it; the placement reads the scores themselves. Pure, on the three answers.
 */
export function isMutualInterest(e: { wouldHost: WouldHost | null; structureScore: number | null; candidateInterest: number | null }): boolean {
  return e.wouldHost !== null && e.wouldHost !== 'no' && (e.structureScore ?? 0) >= 3 && (e.candidateInterest ?? 0) >= 3;
}
