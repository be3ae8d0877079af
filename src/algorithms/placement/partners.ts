/**
 * Partners for locked singles: the matching among a mission's locked singles, and the bipartite
 * matching of the partner seats they still need to possible partners (./README.md, "Locked
 * partners"). Both the contradiction check and the model read the first, so that the seats the
 * check counts are the seats the solvers reserve.
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

/** Kuhn's augmenting paths: left k gets a right in candidates[k] (in order), or −1. */
export function bipartiteMatching(left: number, right: number, candidates: readonly (readonly number[])[]): Int32Array {
  const matchOfRight = new Int32Array(right).fill(-1);
  const matchOfLeft = new Int32Array(left).fill(-1);
  for (let k = 0; k < left; k++) {
    const seen = new Uint8Array(right);
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
  return matchOfLeft;
}
