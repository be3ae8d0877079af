/**
 * Partners for locked singles: the matching among a mission's locked singles, and the bipartite
 * matching of the partner seats they still need to possible partners (./README.md, "Locked
 * partners"). Both the contradiction check and the model read the first, so that the seats the
 * check counts are the seats the solvers reserve; the check and the repair solve the second by the
 * same augmenting paths, so that a matching the check finds is one the repair finds too.
 */

/** Exact maximum matching among a mission's locked singles up to this many. */
const LOCKED_DP_LIMIT = 16;

/** Partners a mission's locked singles need from outside: those a maximum apart-free matching among them leaves alone. */
export function lockedNeed(locked: readonly number[], isApart: (a: number, b: number) => boolean): number {
  const n = locked.length;
  if (n <= 1) return n;
  let anyApart = false;
  for (let i = 0; i < n && !anyApart; i++) for (let j = i + 1; j < n && !anyApart; j++) anyApart = isApart(locked[i]!, locked[j]!);
  if (!anyApart) return n % 2;
  if (n > LOCKED_DP_LIMIT) {
    // Greedy matching: may overstate the need (a stricter check), never understate it.
    const used = new Uint8Array(n);
    let pairs = 0;
    for (let i = 0; i < n; i++) {
      if (used[i]) continue;
      for (let j = i + 1; j < n; j++) {
        if (!used[j] && !isApart(locked[i]!, locked[j]!)) {
          used[i] = used[j] = 1;
          pairs++;
          break;
        }
      }
    }
    return n - 2 * pairs;
  }
  const best = new Int8Array(1 << n);
  for (let mask = 1; mask < 1 << n; mask++) {
    const i = 31 - Math.clz32(mask & -mask);
    const rest = mask & ~(1 << i);
    let b = best[rest]!;
    for (let r = rest; r !== 0; r &= r - 1) {
      const j = 31 - Math.clz32(r & -r);
      if (!isApart(locked[i]!, locked[j]!)) b = Math.max(b, best[rest & ~(1 << j)]! + 1);
    }
    best[mask] = b;
  }
  return n - 2 * best[(1 << n) - 1]!;
}

/**
 * Kuhn's augmenting paths: completes the matching of each left k to a right of candidates[k]
 * (tried in order) from the pairs already in matchOfLeft and matchOfRight (−1: unmatched). A left
 * no augmenting path reaches stays −1. From any start the result is a maximum matching, and a
 * left matched at the start stays matched (a path only changes its right).
 */
export function augmentMatching(candidates: readonly (readonly number[])[], matchOfLeft: Int32Array, matchOfRight: Int32Array): void {
  for (let k = 0; k < candidates.length; k++) {
    if (matchOfLeft[k]! >= 0) continue;
    const seen = new Uint8Array(matchOfRight.length);
    const augment = (l: number): boolean => {
      for (const r of candidates[l]!) {
        if (seen[r]) continue;
        seen[r] = 1;
        if (matchOfRight[r]! < 0 || augment(matchOfRight[r]!)) {
          matchOfRight[r] = l;
          matchOfLeft[l] = r;
          return true;
        }
      }
      return false;
    };
    augment(k);
  }
}
