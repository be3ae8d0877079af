/**
 * Placement, pure: which volunteers form binômes, and on which mission. No I/O, no clock, no
 * Math.random: the same input gives the same output (ties broken by index; the local search's
 * kicks come from a PRNG with a fixed seed, and its budget is counted in work, never in time).
 * Indices in, indices out; the caller maps ids.
 *
 * Vocabulary. A mission's `places` are rounded down to an even number for binômes (3 places =
 * one binôme + one place that stays open). A *single* is a volunteer outside any `together`
 * couple; a *locked single* is a single with a lock; a *free single* is neither locked nor in a
 * couple: the volunteers the solvers move. A *couple* (`together`) is placed as one binôme; with
 * a mission (given, or the lock of one of its members) it is fixed there; without one it goes
 * where the solver finds best, or stays out whole. A volunteer is *placeable* on a mission when
 * the score is not NaN, the mission has ≥ 2 places and somebody could be their partner there (a
 * single allowed there, free or locked there, not listed apart from them).
 *
 * Exact and heuristic.
 *  - Exact: checkConstraints; `assignmentOptimum` (step 1 below); the pairing inside a mission
 *    of up to 12 singles; `bound` (a valid upper bound, not the optimum); stable mode's
 *    deferred acceptance (`matching`: no blocking pair, the apart corner case aside).
 *  - Exact in this case: λ = 0, no apart, no couple without a mission, and the assignment leaves
 *    nobody alone: then value = assignmentOptimum = the optimum.
 *  - Heuristic: the rest of optimal mode, which is NP-hard in general (with λ > 0 it contains
 *    3-dimensional matching): the local search (step 3), the pairing of more than 12 singles,
 *    the missions of couples without one (step 4). The tests measure it against exact optima
 *    (HiGHS, and enumeration on tiny instances).
 *
 * Locked partners. The locked singles of a mission must all end in binômes. They pair among
 * themselves as far as `apart` allows (a maximum matching, exact by DP); the `need` left over
 * (usually the one locked volunteer of a 2-place mission) must come from free singles. Every
 * assignment below reserves `need` seats on that mission that only a possible partner (allowed
 * there, not apart from every locked single of it) may take, worth more than any score (a bonus
 * above all scores together); couples leave them free; and before the result is read, the seats
 * are solved again as a bipartite matching (augmenting paths, from the partners already in
 * place: `givePartners`). checkConstraints refuses inputs where that matching does not exist.
 * One gap, for several locked singles on one mission listed apart from one another: the check
 * asks each partner to suit one of them, not that the partners found suit different ones (two
 * partners who both suit only a, for a and b locked and apart). The solve then leaves b alone,
 * reported as 'odd-volunteer', a lock not honoured. The random tests have not met it.
 *
 * Optimal mode: maximise Σ s(v,m) over placed volunteers + λ·Σ p(a,b,m) over binômes.
 *  1. The free singles are assigned by the exact max-weight assignment (./assignment.ts) with
 *     weights s, locked singles and couples pre-placed (capacity reduced), a volunteer never on a
 *     mission where they are not placeable, and the partner seats above. `assignmentOptimum` is
 *     Σ s of that assignment, locked singles and couples included.
 *  2. Each mission is paired: the pairing that maximises Σ s + λ·Σ p of the volunteers it keeps
 *     (then the number kept, then Σ p), never an apart pair, a couple always together, every
 *     locked single kept when possible, dropping someone only when it must (an odd count, or
 *     apart leaving someone without a partner). Exact by DP over subsets up to 12 singles (memoised: the
 *     search values the same sets again and again). Beyond: greedy by pair value, then cheap
 *     moves (two alone ones pair up, one takes a partner's place, a pair splits for two alone
 *     ones, two pairs exchange partners); for the final pairing also exact re-pairing, by the DP,
 *     of every group of 4 pairs (3 beyond 16 singles, 2 beyond 24) with those left alone.
 *  3. Local search, when there is something to gain: λ > 0, any apart pair, or a volunteer left
 *     alone by the assignment. A state is valued by step 2, so a move that gives a lone
 *     volunteer a partner counts. Moves, best per volunteer: to a mission with a free place or
 *     out; swap with a volunteer of another mission or with an unplaced one; two of a mission to
 *     another with two free places; two for two between missions of up to 4; two unplaced into
 *     two free places; two out for two of the best unplaced. Ejection chains: a volunteer moves,
 *     the mission over its places sends one on, or a mission with room pulls a partner in (from
 *     a mission the chain touched, or from the unplaced), up to 3 moves, each volunteer to its 6
 *     best missions, valued at the end only. Don't-look bits: only volunteers around a changed
 *     mission are looked at again. With λ = 0 and no apart only moves touching a mission that
 *     leaves someone alone, or one already changed, are tried (elsewhere the assignment optimum
 *     stands). With λ > 0, more starts: the assignment with weights s + λ·maxPartner/2, then up
 *     to 3 linearised restarts (the assignment with each volunteer's pair score estimated from
 *     the best state). Then iterated local search: kick (clear a few missions, or those where one
 *     volunteer could go, or a few random moves), search around the kick, keep the best; the
 *     current state also moves to a worse one now and then (a random walk out of a large basin),
 *     back to the best after 20 kicks without progress. 300 kicks on small instances (≤ 500
 *     volunteer–mission pairs), 40 up to 5,000, 20 beyond, within a budget of 2 million pairing
 *     evaluations (1.5 million for each search before).
 *  4. Couples without a mission: coordinate descent over the couples, in order. Each tries its
 *     candidate missions (by s(a)+s(b)+λ·p; all of them when V ≤ 60 and M ≤ 40, else the best 3)
 *     and "left out", the rest solved by steps 1–3 each time; the best kept; until no couple
 *     moves (3 rounds at most, within a budget of solves). Exact for one couple on a small
 *     instance when steps 1–3 are.
 *
 * Stable mode: volunteer-proposing deferred acceptance (Gale–Shapley, with capacities: Roth).
 * Locked singles and couples are placed first (a couple without a mission on its best mission by
 * summed volunteerPreference with 2 free places besides the partner seats, ties by index); free
 * singles propose in decreasing volunteerPreference (ties by mission index) to missions where
 * score and both preferences are not NaN; a mission keeps its best by missionPreference (ties by
 * volunteer index) within its free places. Apart: a mission of 2 places (one binôme) never holds
 * an apart pair: it keeps the one it ranks higher (a locked single always stays). That result is
 * `matching`. Then the repair below and step 2, with the mission's view as the order (keep the
 * most, then the best by missionPreference, then Σ p).
 *
 * Repair (both modes, before the result is read): the partner seats (`givePartners`); then a
 * mission that would leave a volunteer without a partner takes the best possible partner among
 * the unplaced and those left alone elsewhere, in a free place or instead of one of its own left
 * alone (who goes back to the pool), and a locked single still alone may take one from another
 * mission. What is still odd is reported: the volunteer unplaced as 'odd-volunteer' (never a
 * locked one when checkConstraints passed), the places as 'one-place-left'.
 *
 * `bound`: the assignment optimum with weights s(v,m) + λ·maxPartner(v,m)/2 (each binôme's p
 * split half to each member; maxPartner = the best p with a possible partner, or 100, the top of
 * the scale, beyond 4 million pairs to score), locks and partner seats as above, couples relaxed
 * to two rows: an upper bound on the value of every feasible placement.
 *
 * Cost (this machine, 2 cores): 2,000 volunteers × 1,000 missions, λ = 0, 0.5–1.5 s besides the
 * assignment (λ = 0.5: 1.5–1.7 s with the faster assignment); 40 volunteers × 16 missions,
 * λ > 0: about 0.1 s; 60 volunteers with missions of 16 places: about 2 s.
 */
import { maxWeightAssignment } from './assignment.js';

export interface PlacementInput {
  mode: 'optimal' | 'stable';
  /** V: volunteers are 0..V−1. */
  volunteers: number;
  /** Per mission (M missions): binômes of two, so 4 places = two binômes, 3 places = one binôme + one open place. */
  places: ArrayLike<number>;
  /** V×M row-major volunteer–mission score ≥ 0; NaN = not allowed (ineligible, host said no, coordinator's exclusion). */
  score: ArrayLike<number>;
  /** V×M, the volunteer's own view (stable mode); NaN where score is NaN. */
  volunteerPreference: ArrayLike<number>;
  /** V×M, the mission's view of each volunteer (stable mode). */
  missionPreference: ArrayLike<number>;
  /** 0..100, symmetric in a and b; called with a < b. */
  pairScore: (a: number, b: number, mission: number) => number;
  /** λ ≥ 0: weight of the pair score in the objective. */
  pairWeight: number;
  /** This volunteer on this mission. */
  locks: readonly { volunteer: number; mission: number }[];
  /** These two in one binôme (optionally on this mission). */
  together: readonly { a: number; b: number; mission?: number }[];
  /** Never these two in one binôme. */
  apart: readonly { a: number; b: number }[];
}

export type UnplacedReason = 'no-allowed-mission' | 'not-chosen' | 'odd-volunteer';
export type OpenPlacesReason = 'no-volunteer' | 'one-place-left';

export interface PlacedBinome {
  mission: number;
  /** Ascending. */
  members: [number, number];
  /** s(a,m) + s(b,m) + λ·pair. */
  score: number;
  /** p(a,b,m). */
  pair: number;
}

export interface PlacementResult {
  /** Sorted by mission, then members. */
  binomes: PlacedBinome[];
  /**
   * Every volunteer in no binôme, by index: 'no-allowed-mission' (no mission where they are
   * placeable), 'odd-volunteer' (they were on a mission but left without a partner: odd count,
   * or apart), 'not-chosen' (the places went to others).
   */
  unplaced: { volunteer: number; reason: UnplacedReason }[];
  /**
   * Every mission with free places (places − 2·binômes > 0), sorted by mission then reason:
   * 'one-place-left' for the odd last place of an odd number of places and the two places of each
   * volunteer unplaced there as 'odd-volunteer' (capped by the free places); 'no-volunteer' for
   * the rest (places no binôme was found for). The entries of a mission add up to its free places.
   */
  openPlaces: { mission: number; places: number; reason: OpenPlacesReason }[];
  /** Σ over binômes of s(a,m) + s(b,m) + λ·p(a,b,m). */
  value: number;
  /** An upper bound on the best possible value of this problem: value ≤ bound. */
  bound: number;
  /** The exact assignment optimum of Σ s ignoring pairing/parity/apart, locks and together honoured as in the solve. */
  assignmentOptimum: number;
  /** Stable mode: the deferred-acceptance matching (mission per volunteer, −1), locks and couples included, before pairs/parity. */
  matching?: Int32Array;
}

export interface ConstraintIssue {
  kind: 'lock' | 'together' | 'apart';
  /** Index in locks, together or apart. */
  index: number;
  message: string;
}

export type ConstraintInput = Pick<PlacementInput, 'volunteers' | 'places' | 'score' | 'locks' | 'together' | 'apart'>;

const EPS = 1e-6;
/** A locked single left without a partner: worth less than anything else. */
const PENALTY = 1e9;
/** Exact pairing (DP over subsets) up to this many singles on a mission. */
const DP_LIMIT = 12;
/**
 * Pairing values are remembered from this many singles on: 4 on instances of up to 50,000
 * volunteer–mission pairs, whose kicks value the same sets again and again; 6 beyond, where
 * small sets seldom come back and cost less to value than to look up…
 */
const memoFrom = (model: Model) => (model.rowList.length <= 50_000 ? 4 : 6);
/** …up to this many, then the memo starts again. */
const MEMO_LIMIT = 200_000;
/** Exact maximum matching among a mission's locked singles up to this many. */
const LOCKED_DP_LIMIT = 16;
/** Ejection chains: moves per chain. */
const CHAIN_DEPTH = 3;
/** Linearised restarts (λ > 0). */
const RELINEARISE_ROUNDS = 3;
/** Local search budget, in pairing evaluations (chain steps count as one) per start… */
const SEARCH_BUDGET = 1_500_000;
/** …and for all the kicks together. */
const KICK_BUDGET = 2_000_000;
/** maxPartner is computed exactly while there are at most this many pairs to score. */
const PAIR_SCORE_LIMIT = 4_000_000;
/** Couples without a mission: solves of the rest allowed, as V·M·solves. */
const COUPLE_WORK = 60_000_000;

// ---------------------------------------------------------------------------------------------
// Contradictions.

const isIndex = (x: unknown, n: number): x is number => Number.isInteger(x) && (x as number) >= 0 && (x as number) < n;
const evenPart = (places: number) => (places >= 2 ? 2 * Math.floor(places / 2) : 0);

/**
 * Every contradiction among locks, together and apart, in plain English, each naming the entry
 * it is about (kind + index; the API answers 422 with `locks[i]` and the message). An empty list
 * means placeVolunteers can honour them all.
 */
export function checkConstraints(input: ConstraintInput): ConstraintIssue[] {
  const V = input.volunteers;
  const M = input.places.length;
  const issues: ConstraintIssue[] = [];
  const issue = (kind: ConstraintIssue['kind'], index: number, message: string) => issues.push({ kind, index, message });
  const allowed = (v: number, m: number) => !Number.isNaN(Number(input.score[v * M + m]));
  const cap = (m: number) => evenPart(Number(input.places[m]));

  const lockOf = new Int32Array(Math.max(V, 0)).fill(-1);
  const lockIndex = new Int32Array(Math.max(V, 0)).fill(-1);
  const validLock: boolean[] = [];
  input.locks.forEach(({ volunteer: v, mission: m }, i) => {
    validLock[i] = false;
    if (!isIndex(v, V)) return issue('lock', i, 'the volunteer index is out of range');
    if (!isIndex(m, M)) return issue('lock', i, 'the mission index is out of range');
    if (!allowed(v, m)) return issue('lock', i, 'volunteer is not allowed on that mission');
    if (cap(m) < 2) return issue('lock', i, 'the mission has fewer than 2 places: no binôme can be placed there');
    if (lockOf[v]! >= 0 && lockOf[v] !== m) return issue('lock', i, `the volunteer is already locked on another mission by locks[${lockIndex[v]}]`);
    validLock[i] = true;
    if (lockOf[v]! < 0) {
      lockOf[v] = m;
      lockIndex[v] = i;
    }
  });

  const apartIndex = new Map<number, number>();
  input.apart.forEach(({ a, b }, i) => {
    if (!isIndex(a, V) || !isIndex(b, V)) return issue('apart', i, 'a volunteer index is out of range');
    if (a === b) return issue('apart', i, 'a volunteer cannot be kept apart from itself');
    const key = Math.min(a, b) * V + Math.max(a, b);
    if (!apartIndex.has(key)) apartIndex.set(key, i);
  });
  const isApart = (a: number, b: number) => apartIndex.has(Math.min(a, b) * V + Math.max(a, b));

  // Couples, merged by pair: the first entry names the couple.
  const partnerOf = new Int32Array(Math.max(V, 0)).fill(-1);
  const partnerIndex = new Int32Array(Math.max(V, 0)).fill(-1);
  const couples = new Map<number, { a: number; b: number; mission: number; index: number; missionIndex: number }>();
  const validTogether: boolean[] = [];
  input.together.forEach(({ a, b, mission }, i) => {
    validTogether[i] = false;
    if (!isIndex(a, V) || !isIndex(b, V)) return issue('together', i, 'a volunteer index is out of range');
    if (mission !== undefined && !isIndex(mission, M)) return issue('together', i, 'the mission index is out of range');
    if (a === b) return issue('together', i, 'a volunteer cannot be paired with itself');
    for (const [x, y, which] of [
      [a, b, 'first'],
      [b, a, 'second'],
    ] as const) {
      if (partnerOf[x]! >= 0 && partnerOf[x] !== y) return issue('together', i, `the ${which} volunteer is already paired with another volunteer by together[${partnerIndex[x]}]`);
    }
    const key = Math.min(a, b) * V + Math.max(a, b);
    if (apartIndex.has(key)) return issue('together', i, `the two volunteers are also listed apart (apart[${apartIndex.get(key)}])`);
    const previous = couples.get(key);
    if (mission !== undefined) {
      if (!allowed(a, mission)) return issue('together', i, 'the first volunteer is not allowed on that mission');
      if (!allowed(b, mission)) return issue('together', i, 'the second volunteer is not allowed on that mission');
      if (cap(mission) < 2) return issue('together', i, 'the mission has fewer than 2 places: no binôme can be placed there');
      for (const [x, which] of [
        [a, 'first'],
        [b, 'second'],
      ] as const) {
        if (lockOf[x]! >= 0 && lockOf[x] !== mission) return issue('together', i, `the ${which} volunteer is locked on another mission by locks[${lockIndex[x]}]`);
      }
      if (previous && previous.mission >= 0 && previous.mission !== mission) return issue('together', i, `together[${previous.missionIndex}] puts the same two volunteers on another mission`);
    }
    validTogether[i] = true;
    if (!previous) {
      couples.set(key, { a, b, mission: mission ?? -1, index: i, missionIndex: mission === undefined ? -1 : i });
      partnerOf[a] = b;
      partnerOf[b] = a;
      partnerIndex[a] = i;
      partnerIndex[b] = i;
    } else if (mission !== undefined && previous.mission < 0) {
      previous.mission = mission;
      previous.missionIndex = i;
    }
  });
  // A couple without a mission goes where one of its members is locked.
  for (const c of couples.values()) {
    if (c.mission >= 0) continue;
    const la = lockOf[c.a]!;
    const lb = lockOf[c.b]!;
    if (la >= 0 && lb >= 0 && la !== lb) {
      validTogether[c.index] = false;
      issue('together', c.index, `the two volunteers are locked on different missions (locks[${lockIndex[c.a]}], locks[${lockIndex[c.b]}])`);
    } else if (la >= 0 || lb >= 0) {
      const [locked, other, which] = la >= 0 ? [c.a, c.b, 'second'] : [c.b, c.a, 'first'];
      const m = lockOf[locked]!;
      if (!allowed(other, m)) {
        validTogether[c.index] = false;
        issue('together', c.index, `the ${which} volunteer is not allowed on the mission where the other is locked (locks[${lockIndex[locked]}])`);
      } else {
        c.mission = m;
        c.missionIndex = lockIndex[locked]!;
      }
    } else {
      let any = false;
      for (let m = 0; m < M && !any; m++) any = cap(m) >= 2 && allowed(c.a, m) && allowed(c.b, m);
      if (!any) {
        validTogether[c.index] = false;
        issue('together', c.index, 'no mission with 2 places allows both volunteers');
      }
    }
  }

  // Capacity: volunteers bound to a mission (locks, couples with a mission), in input order.
  const boundTo = new Int32Array(Math.max(V, 0)).fill(-1);
  const count = new Int32Array(M);
  const full = new Uint8Array(M);
  const bind = (kind: 'lock' | 'together', index: number, volunteers: readonly number[], m: number) => {
    for (const v of volunteers) {
      if (boundTo[v] === m) continue;
      boundTo[v] = m;
      count[m]!++;
    }
    if (count[m]! > cap(m) && !full[m]) {
      full[m] = 1;
      issue(kind, index, `the mission has ${input.places[m]} places, room for ${cap(m)} volunteers in binômes, but ${count[m]} volunteers are locked there`);
    }
  };
  input.locks.forEach(({ volunteer: v, mission: m }, i) => {
    if (validLock[i] && lockOf[v] === m) bind('lock', i, [v], m);
  });
  input.together.forEach((_, i) => {
    for (const c of couples.values()) if (c.index === i && validTogether[i] && c.mission >= 0) bind('together', i, [c.a, c.b], c.mission);
  });

  // Partners for the locked singles: those they cannot find among themselves must come from
  // distinct free singles (a bipartite matching, as the solvers' partner seats).
  const inCouple = (v: number) => {
    const p = partnerOf[v]!;
    return p >= 0 && validTogether[partnerIndex[v]!] === true;
  };
  const lockedAt: number[][] = Array.from({ length: M }, () => []);
  for (let v = 0; v < V; v++) if (lockOf[v]! >= 0 && !inCouple(v)) lockedAt[lockOf[v]!]!.push(v);
  const seats: number[] = [];
  for (let m = 0; m < M; m++) {
    const locked = lockedAt[m]!;
    if (locked.length === 0 || full[m]) continue;
    const need = lockedNeed(locked, isApart);
    if (count[m]! + need > cap(m)) {
      let apartEntry = -1;
      for (let i = 0; i < locked.length && apartEntry < 0; i++) {
        for (let j = i + 1; j < locked.length && apartEntry < 0; j++) {
          if (isApart(locked[i]!, locked[j]!)) apartEntry = apartIndex.get(Math.min(locked[i]!, locked[j]!) * V + Math.max(locked[i]!, locked[j]!))!;
        }
      }
      issue(
        'apart',
        apartEntry,
        `the two volunteers are both locked on the same mission (locks[${lockIndex[locked[0]!]}] and others) and it has no room to give each of them another partner`,
      );
      continue;
    }
    for (let k = 0; k < need; k++) seats.push(m);
  }
  if (seats.length > 0) {
    const free = (v: number) => lockOf[v]! < 0 && !inCouple(v);
    const candidates = seats.map((m) => {
      const list: number[] = [];
      for (let v = 0; v < V; v++) if (free(v) && allowed(v, m) && lockedAt[m]!.some((l) => !isApart(v, l))) list.push(v);
      return list;
    });
    const seatOf = bipartiteMatching(seats.length, V, candidates);
    const reported = new Set<number>();
    seats.forEach((m, k) => {
      if (seatOf[k]! >= 0 || reported.has(m)) return;
      reported.add(m);
      const first = lockIndex[lockedAt[m]![0]!]!;
      issue(
        'lock',
        first,
        candidates[k]!.length === 0
          ? 'no other volunteer can be the partner of the volunteer locked on that mission (none is allowed there, free of locks and couples, and not listed apart)'
          : 'the volunteers who could be the partner of the volunteer locked on that mission are all needed as partners of volunteers locked on other missions',
      );
    });
  }
  return issues;
}

/** Partners a mission's locked singles need from outside: those a maximum apart-free matching among them leaves alone. */
function lockedNeed(locked: readonly number[], isApart: (a: number, b: number) => boolean): number {
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
function bipartiteMatching(left: number, right: number, candidates: readonly (readonly number[])[]): Int32Array {
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

// ---------------------------------------------------------------------------------------------
// The model: the input read once, constraints merged.

interface Couple {
  a: number;
  b: number;
  /** Fixed mission, or −1 when the solver chooses. */
  mission: number;
}

interface Model {
  stable: boolean;
  V: number;
  M: number;
  lambda: number;
  places: Int32Array;
  cap: Int32Array;
  score: ArrayLike<number>;
  vPref: ArrayLike<number>;
  mPref: ArrayLike<number>;
  pairScore: PlacementInput['pairScore'];
  lockOf: Int32Array;
  coupleOf: Int32Array;
  couples: Couple[];
  apartKeys: Set<number>;
  hasApart: boolean;
  /** Locked singles per mission. */
  lockedAt: number[][];
  /** Partner seats per mission (see the module comment). */
  need: Int32Array;
  /** Free singles in index order. */
  free: Int32Array;
  isFree: Uint8Array;
  /** V×M, for free singles. */
  placeable: Uint8Array;
  /** Placeable missions per free single (CSR). */
  rowStart: Int32Array;
  rowList: Int32Array;
  /** Free singles placeable per mission (CSR). */
  colStart: Int32Array;
  colList: Int32Array;
}

function buildModel(input: PlacementInput): Model {
  const V = input.volunteers;
  const M = input.places.length;
  const places = new Int32Array(M);
  const cap = new Int32Array(M);
  for (let m = 0; m < M; m++) {
    places[m] = input.places[m]!;
    cap[m] = evenPart(places[m]!);
  }
  const score = input.score;
  const allowed = (v: number, m: number) => cap[m]! >= 2 && !Number.isNaN(score[v * M + m]!);

  const lockOf = new Int32Array(V).fill(-1);
  for (const { volunteer, mission } of input.locks) lockOf[volunteer] = mission;
  const apartKeys = new Set<number>();
  const apartOf: number[][] = Array.from({ length: V }, () => []);
  for (const { a, b } of input.apart) {
    const key = Math.min(a, b) * V + Math.max(a, b);
    if (apartKeys.has(key)) continue;
    apartKeys.add(key);
    apartOf[a]!.push(b);
    apartOf[b]!.push(a);
  }
  const coupleOf = new Int32Array(V).fill(-1);
  const couples: Couple[] = [];
  for (const { a, b, mission } of input.together) {
    const c = coupleOf[a]!;
    if (c >= 0) {
      if (mission !== undefined) couples[c]!.mission = mission;
      continue;
    }
    coupleOf[a] = coupleOf[b] = couples.length;
    couples.push({ a: Math.min(a, b), b: Math.max(a, b), mission: mission ?? -1 });
  }
  for (const c of couples) if (c.mission < 0) c.mission = lockOf[c.a]! >= 0 ? lockOf[c.a]! : lockOf[c.b]!;

  const lockedAt: number[][] = Array.from({ length: M }, () => []);
  for (let v = 0; v < V; v++) if (lockOf[v]! >= 0 && coupleOf[v]! < 0) lockedAt[lockOf[v]!]!.push(v);
  const isApart = (a: number, b: number) => apartKeys.has(Math.min(a, b) * V + Math.max(a, b));
  const need = new Int32Array(M);
  for (let m = 0; m < M; m++) need[m] = lockedNeed(lockedAt[m]!, isApart);

  const isFree = new Uint8Array(V);
  const freeList: number[] = [];
  for (let v = 0; v < V; v++) {
    if (lockOf[v]! < 0 && coupleOf[v]! < 0) {
      isFree[v] = 1;
      freeList.push(v);
    }
  }
  // Singles who could be somebody's partner on m: allowed there, free or locked there.
  const canBeOn = (w: number, m: number) => coupleOf[w]! < 0 && (lockOf[w]! < 0 || lockOf[w] === m) && allowed(w, m);
  const singlesOn = new Int32Array(M);
  for (let w = 0; w < V; w++) {
    if (coupleOf[w]! >= 0) continue;
    if (lockOf[w]! >= 0) singlesOn[lockOf[w]!]!++;
    else for (let m = 0; m < M; m++) if (allowed(w, m)) singlesOn[m]!++;
  }
  const placeable = new Uint8Array(V * M);
  const rowStart = new Int32Array(V + 1);
  const rows: number[] = [];
  const colCount = new Int32Array(M);
  for (let v = 0; v < V; v++) {
    rowStart[v] = rows.length;
    if (!isFree[v]) continue;
    for (let m = 0; m < M; m++) {
      if (!allowed(v, m)) continue;
      let partners = singlesOn[m]! - 1;
      for (const u of apartOf[v]!) if (canBeOn(u, m)) partners--;
      if (partners <= 0) continue;
      placeable[v * M + m] = 1;
      rows.push(m);
      colCount[m]!++;
    }
  }
  rowStart[V] = rows.length;
  const colStart = new Int32Array(M + 1);
  for (let m = 0; m < M; m++) colStart[m + 1] = colStart[m]! + colCount[m]!;
  const colList = new Int32Array(rows.length);
  const fill = colStart.slice(0, M);
  for (let v = 0; v < V; v++) for (let k = rowStart[v]!; k < rowStart[v + 1]!; k++) colList[fill[rows[k]!]!++] = v;
  // Best scores first (ties by index): the local search looks at the most promising moves first
  // and its chains only at the first few.
  const rowList = Int32Array.from(rows);
  for (let v = 0; v < V; v++) {
    rowList.subarray(rowStart[v]!, rowStart[v + 1]!).sort((x, y) => score[v * M + y]! - score[v * M + x]! || x - y);
  }
  for (let m = 0; m < M; m++) {
    colList.subarray(colStart[m]!, colStart[m + 1]!).sort((x, y) => score[y * M + m]! - score[x * M + m]! || x - y);
  }

  return {
    stable: input.mode === 'stable',
    V,
    M,
    lambda: input.pairWeight,
    places,
    cap,
    score,
    vPref: input.volunteerPreference,
    mPref: input.missionPreference,
    pairScore: input.pairScore,
    lockOf,
    coupleOf,
    couples,
    apartKeys,
    hasApart: apartKeys.size > 0,
    lockedAt,
    need,
    free: Int32Array.from(freeList),
    isFree,
    placeable,
    rowStart,
    rowList,
    colStart,
    colList,
  };
}

const isApartIn = (model: Model, a: number, b: number) => model.apartKeys.has(Math.min(a, b) * model.V + Math.max(a, b));
const allowedIn = (model: Model, v: number, m: number) => model.cap[m]! >= 2 && !Number.isNaN(model.score[v * model.M + m]!);
const pairOf = (model: Model, a: number, b: number, m: number) => model.pairScore(Math.min(a, b), Math.max(a, b), m);

// ---------------------------------------------------------------------------------------------
// Pairing inside a mission: a value as a tuple compared lexicographically.
//   optimal: (Σ s + λ·Σ p of the kept, kept, Σ p)
//   stable:  (kept, Σ missionPreference of the kept, Σ p)
// A locked single left without a partner costs PENALTY in the first component.

function better(a0: number, a1: number, a2: number, b0: number, b1: number, b2: number): boolean {
  if (a0 > b0 + EPS) return true;
  if (a0 < b0 - EPS) return false;
  if (a1 > b1 + EPS) return true;
  if (a1 < b1 - EPS) return false;
  return a2 > b2 + EPS;
}

interface PairingOut {
  /** Flat: a, b, a, b, … */
  pairs: number[];
  dropped: number[];
}

class Pairing {
  t0 = 0;
  t1 = 0;
  t2 = 0;
  /** Singles kept (in a pair) by the last evaluation. */
  kept = 0;
  evaluations = 0;
  private readonly f0 = new Float64Array(1 << DP_LIMIT);
  private readonly f1 = new Float64Array(1 << DP_LIMIT);
  private readonly f2 = new Float64Array(1 << DP_LIMIT);
  private readonly choice = new Int8Array(1 << DP_LIMIT);
  private p0 = new Float64Array(DP_LIMIT * DP_LIMIT);
  private p1 = new Float64Array(DP_LIMIT * DP_LIMIT);
  private p2 = new Float64Array(DP_LIMIT * DP_LIMIT);
  private ok = new Uint8Array(DP_LIMIT * DP_LIMIT);
  private drop = new Float64Array(DP_LIMIT);

  private readonly memoFrom: number;

  constructor(private readonly model: Model) {
    this.memoFrom = memoFrom(model);
  }

  private tables(m: number, list: ArrayLike<number>, n: number): void {
    const { model } = this;
    if (n * n > this.ok.length) {
      this.p0 = new Float64Array(n * n);
      this.p1 = new Float64Array(n * n);
      this.p2 = new Float64Array(n * n);
      this.ok = new Uint8Array(n * n);
      this.drop = new Float64Array(n);
    }
    const M = model.M;
    for (let i = 0; i < n; i++) {
      const a = list[i]!;
      this.drop[i] = model.lockOf[a]! >= 0 ? -PENALTY : 0;
      for (let j = i + 1; j < n; j++) {
        const b = list[j]!;
        const q = i * n + j;
        const r = j * n + i;
        if (isApartIn(model, a, b)) {
          this.ok[q] = this.ok[r] = 0;
          continue;
        }
        this.ok[q] = this.ok[r] = 1;
        const p = pairOf(model, a, b, m);
        let v0: number;
        let v1: number;
        if (model.stable) {
          v0 = 2;
          v1 = prefOrZero(model.mPref[a * M + m]!) + prefOrZero(model.mPref[b * M + m]!);
        } else {
          v0 = model.score[a * M + m]! + model.score[b * M + m]! + model.lambda * p;
          v1 = 2;
        }
        this.p0[q] = this.p0[r] = v0;
        this.p1[q] = this.p1[r] = v1;
        this.p2[q] = this.p2[r] = p;
      }
    }
  }

  /** The tuple of the pair (a, b) on m into q0, q1, q2; false when they are apart. */
  private q0 = 0;
  private q1 = 0;
  private q2 = 0;
  private pairTuple(m: number, a: number, b: number): boolean {
    const { model } = this;
    if (isApartIn(model, a, b)) return false;
    const M = model.M;
    const p = pairOf(model, a, b, m);
    if (model.stable) {
      this.q0 = 2;
      this.q1 = prefOrZero(model.mPref[a * M + m]!) + prefOrZero(model.mPref[b * M + m]!);
    } else {
      this.q0 = model.score[a * M + m]! + model.score[b * M + m]! + model.lambda * p;
      this.q1 = 2;
    }
    this.q2 = p;
    return true;
  }

  private dropValue(v: number): number {
    return this.model.lockOf[v]! >= 0 ? -PENALTY : 0;
  }

  /** Up to 3 singles: every pairing tried directly (the DP's choice, without its tables). */
  private small(m: number, list: ArrayLike<number>, n: number, out?: PairingOut): void {
    if (n === 1) {
      this.t0 = this.dropValue(list[0]!);
      this.t1 = this.t2 = this.kept = 0;
      out?.dropped.push(list[0]!);
      return;
    }
    // Nobody paired, then each pair (i, j) with the third (if any) alone, in the DP's order.
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < n; i++) b0 += this.dropValue(list[i]!);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        if (!this.pairTuple(m, list[i]!, list[j]!)) continue;
        const alone = n === 3 ? this.dropValue(list[3 - i - j]!) : 0;
        if (better(this.q0 + alone, this.q1, this.q2, b0, b1, b2)) {
          b0 = this.q0 + alone;
          b1 = this.q1;
          b2 = this.q2;
          bi = i;
          bj = j;
        }
      }
    }
    this.t0 = b0;
    this.t1 = b1;
    this.t2 = b2;
    this.kept = bi < 0 ? 0 : 2;
    if (out) {
      for (let i = 0; i < n; i++) if (i !== bi && i !== bj) out.dropped.push(list[i]!);
      if (bi >= 0) out.pairs.push(list[bi]!, list[bj]!);
    }
  }

  /** Values the singles list[0..n) on mission m into t0, t1, t2 (and kept); with out, the pairs and the dropped. */
  evaluate(m: number, list: ArrayLike<number>, n: number, out?: PairingOut): void {
    this.evaluations++;
    if (n === 0) {
      this.t0 = this.t1 = this.t2 = this.kept = 0;
      return;
    }
    if (n <= 3) return this.small(m, list, n, out);
    const remember = !out && n >= this.memoFrom;
    if (remember && this.recall(m, list, n)) return;
    if (n > DP_LIMIT) {
      // The greedy depends on the order: always the same one (by index) for the same set.
      const canonical = Array.from({ length: n }, (_, i) => list[i]!).sort((x, y) => x - y);
      this.tables(m, canonical, n);
      return this.greedy(canonical, n, out, remember);
    }
    this.tables(m, list, n);
    const { f0, f1, f2, choice, p0, p1, p2, ok, drop } = this;
    const full = (1 << n) - 1;
    f0[0] = f1[0] = f2[0] = 0;
    for (let mask = 1; mask <= full; mask++) {
      const i = 31 - Math.clz32(mask & -mask);
      const rest = mask & ~(1 << i);
      let b0 = f0[rest]! + drop[i]!;
      let b1 = f1[rest]!;
      let b2 = f2[rest]!;
      let c = -1;
      for (let r = rest; r !== 0; r &= r - 1) {
        const j = 31 - Math.clz32(r & -r);
        const q = i * n + j;
        if (!ok[q]) continue;
        const o = rest & ~(1 << j);
        const c0 = f0[o]! + p0[q]!;
        const c1 = f1[o]! + p1[q]!;
        const c2 = f2[o]! + p2[q]!;
        if (better(c0, c1, c2, b0, b1, b2)) {
          b0 = c0;
          b1 = c1;
          b2 = c2;
          c = j;
        }
      }
      f0[mask] = b0;
      f1[mask] = b1;
      f2[mask] = b2;
      choice[mask] = c;
    }
    this.t0 = f0[full]!;
    this.t1 = f1[full]!;
    this.t2 = f2[full]!;
    let kept = 0;
    for (let mask = full; mask !== 0; ) {
      const i = 31 - Math.clz32(mask & -mask);
      const c = choice[mask]!;
      if (c < 0) {
        out?.dropped.push(list[i]!);
        mask &= ~(1 << i);
      } else {
        out?.pairs.push(list[i]!, list[c]!);
        kept += 2;
        mask &= ~((1 << i) | (1 << c));
      }
    }
    this.kept = kept;
    if (remember) this.store();
  }

  // Memo of the DP's values, by mission and set of singles: the local search values the same
  // sets again and again. The key is checked in full (the sorted set), never trusted to a hash.
  private readonly memo = new Map<number, { mission: number; set: Int32Array; t0: number; t1: number; t2: number; kept: number }[]>();
  private memoSize = 0;
  private sorted = new Int32Array(2 * DP_LIMIT);
  private sortedLength = 0;
  private memoMission = 0;
  private memoKey = 0;

  /** Looks up (m, the set of list[0..n)); on a hit, its values are in t0, t1, t2, kept. */
  private recall(m: number, list: ArrayLike<number>, n: number): boolean {
    if (n > this.sorted.length) this.sorted = new Int32Array(2 * n);
    const sorted = this.sorted;
    let key = m * 0x9e3779b1;
    for (let i = 0; i < n; i++) {
      const v = list[i]!;
      let j = i;
      while (j > 0 && sorted[j - 1]! > v) {
        sorted[j] = sorted[j - 1]!;
        j--;
      }
      sorted[j] = v;
      key = (key + Math.imul(v + 1, 0x85ebca6b) + Math.imul(v ^ (v >>> 7), 0x27d4eb2f)) | 0;
    }
    this.sortedLength = n;
    this.memoMission = m;
    this.memoKey = key;
    const bucket = this.memo.get(key);
    if (!bucket) return false;
    for (const e of bucket) {
      if (e.mission !== m || e.set.length !== n) continue;
      let same = true;
      for (let i = 0; i < n && same; i++) same = e.set[i] === sorted[i];
      if (!same) continue;
      this.t0 = e.t0;
      this.t1 = e.t1;
      this.t2 = e.t2;
      this.kept = e.kept;
      return true;
    }
    return false;
  }

  /** Stores the last DP's values under the key recall computed. */
  private store(): void {
    if (this.memoSize >= MEMO_LIMIT) {
      this.memo.clear();
      this.memoSize = 0;
    }
    const entry = { mission: this.memoMission, set: this.sorted.slice(0, this.sortedLength), t0: this.t0, t1: this.t1, t2: this.t2, kept: this.kept };
    const bucket = this.memo.get(this.memoKey);
    if (bucket) bucket.push(entry);
    else this.memo.set(this.memoKey, [entry]);
    this.memoSize++;
  }

  private readonly g0 = new Float64Array(1 << DP_LIMIT);
  private readonly g1 = new Float64Array(1 << DP_LIMIT);
  private readonly g2 = new Float64Array(1 << DP_LIMIT);
  private readonly gc = new Int8Array(1 << DP_LIMIT);

  /** The DP of evaluate over the singles idx (≤ DP_LIMIT) of the current n-table, into g0, g1, g2, gc. */
  private subPairing(idx: readonly number[], n: number): void {
    const { g0, g1, g2, gc, p0, p1, p2, ok, drop } = this;
    const k = idx.length;
    g0[0] = g1[0] = g2[0] = 0;
    for (let mask = 1; mask < 1 << k; mask++) {
      const i = 31 - Math.clz32(mask & -mask);
      const rest = mask & ~(1 << i);
      let b0 = g0[rest]! + drop[idx[i]!]!;
      let b1 = g1[rest]!;
      let b2 = g2[rest]!;
      let c = -1;
      for (let r = rest; r !== 0; r &= r - 1) {
        const j = 31 - Math.clz32(r & -r);
        const q = idx[i]! * n + idx[j]!;
        if (!ok[q]) continue;
        const o = rest & ~(1 << j);
        const c0 = g0[o]! + p0[q]!;
        const c1 = g1[o]! + p1[q]!;
        const c2 = g2[o]! + p2[q]!;
        if (better(c0, c1, c2, b0, b1, b2)) {
          b0 = c0;
          b1 = c1;
          b2 = c2;
          c = j;
        }
      }
      g0[mask] = b0;
      g1[mask] = b1;
      g2[mask] = b2;
      gc[mask] = c;
    }
  }

  /** More than DP_LIMIT singles: greedy by pair value (covering locked singles first), then cheap moves (and, for the final pairing, exact re-pairing of small groups). */
  private greedy(list: ArrayLike<number>, n: number, out: PairingOut | undefined, remember: boolean): void {
    const { p0, p1, p2, ok, drop } = this;
    const candidates: number[] = [];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (ok[i * n + j]) candidates.push(i * n + j);
    const adjusted = (q: number) => p0[q]! - drop[Math.floor(q / n)]! - drop[q % n]!;
    candidates.sort((x, y) => adjusted(y) - adjusted(x) || p1[y]! - p1[x]! || p2[y]! - p2[x]! || x - y);
    const mate = new Int32Array(n).fill(-1);
    for (const q of candidates) {
      const i = Math.floor(q / n);
      const j = q % n;
      if (mate[i]! < 0 && mate[j]! < 0) {
        mate[i] = j;
        mate[j] = i;
      }
    }
    const compatible = (i: number, j: number) => ok[i * n + j] === 1;
    // Tuple of the pair (i, j), or of i alone when j < 0; and whether `after` beats `before`.
    const t = (i: number, j: number, k: 0 | 1 | 2): number => {
      if (j < 0) return k === 0 ? drop[i]! : 0;
      const q = i * n + j;
      return k === 0 ? p0[q]! : k === 1 ? p1[q]! : p2[q]!;
    };
    const gain = (before: readonly (readonly [number, number])[], after: readonly (readonly [number, number])[]): boolean => {
      const d = [0, 0, 0];
      for (const k of [0, 1, 2] as const) {
        for (const [i, j] of after) d[k]! += t(i, j, k);
        for (const [i, j] of before) d[k]! -= t(i, j, k);
      }
      return better(d[0]!, d[1]!, d[2]!, 0, 0, 0);
    };
    const link = (i: number, j: number) => {
      mate[i] = j;
      mate[j] = i;
    };
    // Cheap moves, first improvement: two alone ones pair up; an alone one takes a partner's
    // place; a pair splits to take two alone ones; two pairs exchange partners.
    const cheap = (): boolean => {
      const alone: number[] = [];
      const pairs: [number, number][] = [];
      for (let i = 0; i < n; i++) {
        if (mate[i]! < 0) alone.push(i);
        else if (mate[i]! > i) pairs.push([i, mate[i]!]);
      }
      for (let x = 0; x < alone.length; x++) {
        for (let y = x + 1; y < alone.length; y++) {
          const [i, k] = [alone[x]!, alone[y]!];
          if (compatible(i, k) && gain([[i, -1], [k, -1]], [[i, k]])) return link(i, k), true;
        }
      }
      for (const [x, y] of pairs) {
        for (const s of alone) {
          for (const [keep, leave] of [
            [x, y],
            [y, x],
          ] as const) {
            if (compatible(keep, s) && gain([[x, y], [s, -1]], [[keep, s], [leave, -1]])) {
              mate[leave] = -1;
              return link(keep, s), true;
            }
          }
        }
        for (let u = 0; u < alone.length; u++) {
          for (let w = u + 1; w < alone.length; w++) {
            const [s1, s2] = [alone[u]!, alone[w]!];
            const before = [[x, y], [s1, -1], [s2, -1]] as const;
            if (compatible(x, s1) && compatible(y, s2) && gain(before, [[x, s1], [y, s2]])) return link(x, s1), link(y, s2), true;
            if (compatible(x, s2) && compatible(y, s1) && gain(before, [[x, s2], [y, s1]])) return link(x, s2), link(y, s1), true;
          }
        }
      }
      for (let p = 0; p < pairs.length; p++) {
        for (let q = p + 1; q < pairs.length; q++) {
          const [i, j] = pairs[p]!;
          const [k, l] = pairs[q]!;
          const before = [[i, j], [k, l]] as const;
          if (compatible(i, k) && compatible(j, l) && gain(before, [[i, k], [j, l]])) return link(i, k), link(j, l), true;
          if (compatible(i, l) && compatible(j, k) && gain(before, [[i, l], [j, k]])) return link(i, l), link(j, k), true;
        }
      }
      return false;
    };
    // For the final pairing only (too slow for the search's many evaluations): exact re-pairing
    // of small groups, every 4 pairs (3 beyond 16 singles, 2 beyond 24) with those left alone (up
    // to DP_LIMIT in all), by the DP; the first group that improves is taken, until none does.
    const groupPairs = n > 24 ? 2 : n > 16 ? 3 : 4;
    const regroup = (): boolean => {
      const alone: number[] = [];
      const pairs: number[] = [];
      for (let i = 0; i < n; i++) {
        if (mate[i]! < 0) alone.push(i);
        else if (mate[i]! > i) pairs.push(i);
      }
      const k = Math.min(groupPairs, pairs.length);
      const choose = (from: number, chosen: number[]): boolean => {
        if (chosen.length === k) {
          const idx: number[] = [];
          for (const i of chosen) idx.push(i, mate[i]!);
          for (const i of alone) if (idx.length < DP_LIMIT) idx.push(i);
          if (idx.length < 2) return false;
          let c0 = 0;
          let c1 = 0;
          let c2 = 0;
          for (const i of idx) {
            const j = mate[i]!;
            if (j < 0 || j > i) {
              c0 += t(i, j, 0);
              c1 += t(i, j, 1);
              c2 += t(i, j, 2);
            }
          }
          this.subPairing(idx, n);
          const full = (1 << idx.length) - 1;
          if (!better(this.g0[full]!, this.g1[full]!, this.g2[full]!, c0, c1, c2)) return false;
          for (const i of idx) mate[i] = -1;
          for (let mask = full; mask !== 0; ) {
            const i = 31 - Math.clz32(mask & -mask);
            const c = this.gc[mask]!;
            if (c < 0) mask &= ~(1 << i);
            else {
              link(idx[i]!, idx[c]!);
              mask &= ~((1 << i) | (1 << c));
            }
          }
          return true;
        }
        for (let q = from; q < pairs.length; q++) {
          chosen.push(pairs[q]!);
          if (choose(q + 1, chosen)) return true;
          chosen.pop();
        }
        return false;
      };
      return choose(0, []);
    };
    for (let round = 0; round < 50 * n && cheap(); round++);
    if (out) for (let round = 0; round < 50 * n && (regroup() || cheap()); round++);
    let t0 = 0;
    let t1 = 0;
    let t2 = 0;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const j = mate[i]!;
      if (j < 0) {
        t0 += drop[i]!;
        out?.dropped.push(list[i]!);
      } else if (j > i) {
        t0 += t(i, j, 0);
        t1 += t(i, j, 1);
        t2 += t(i, j, 2);
        kept += 2;
        out?.pairs.push(list[i]!, list[j]!);
      }
    }
    this.t0 = t0;
    this.t1 = t1;
    this.t2 = t2;
    this.kept = kept;
    if (remember) this.store();
  }
}

const prefOrZero = (x: number) => (Number.isNaN(x) ? 0 : x);

/** mulberry32: a small PRNG with a fixed seed, for the deterministic kicks of the local search. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// Assignments of the free singles (exact, ./assignment.ts), with the partner seats.

/**
 * The free singles' missions that maximise Σ weight, with `rem` places left per mission and the
 * partner seats of `model.need` filled first (each by a possible partner). Returns the mission of
 * every free single (−1 elsewhere) and Σ weight.
 */
function assignRows(
  model: Model,
  rows: readonly number[],
  rem: Int32Array,
  weightOf: (v: number, m: number) => number,
  seatCandidate: (v: number, m: number) => boolean,
): { missionOf: Int32Array; value: number } {
  const { M } = model;
  const missionOf = new Int32Array(model.V).fill(-1);
  const seatMission: number[] = [];
  for (let m = 0; m < M; m++) if (model.need[m]! > 0 && rem[m]! > 0) seatMission.push(m);
  const G = M + seatMission.length;
  const capacities = new Int32Array(G);
  for (let m = 0; m < M; m++) capacities[m] = Math.max(0, rem[m]!);
  seatMission.forEach((m, k) => {
    const seats = Math.min(model.need[m]!, rem[m]!);
    capacities[M + k] = seats;
    capacities[m]! -= seats;
  });
  const weight = new Float64Array(rows.length * G).fill(Number.NaN);
  let total = 0;
  rows.forEach((v, r) => {
    let best = 0;
    for (let m = 0; m < M; m++) {
      const w = weightOf(v, m);
      if (Number.isNaN(w)) continue;
      weight[r * G + m] = w;
      best = Math.max(best, w);
    }
    total += best;
  });
  if (seatMission.length > 0) {
    const bonus = 2 * total + 1;
    rows.forEach((v, r) => {
      seatMission.forEach((m, k) => {
        const w = weight[r * G + m]!;
        if (!Number.isNaN(w) && seatCandidate(v, m)) weight[r * G + M + k] = w + bonus;
      });
    });
  }
  const { groupOf } = maxWeightAssignment({ rows: rows.length, capacities, weight });
  let value = 0;
  rows.forEach((v, r) => {
    const g = groupOf[r]!;
    if (g < 0) return;
    const m = g < M ? g : seatMission[g - M]!;
    missionOf[v] = m;
    value += weight[r * G + m]!;
  });
  return { missionOf, value };
}

const seatCandidateOf = (model: Model) => (v: number, m: number) => model.lockedAt[m]!.some((l) => !isApartIn(model, v, l));

/** Free singles with at least one placeable mission. */
function assignableRows(model: Model): number[] {
  const rows: number[] = [];
  for (const v of model.free) if (model.rowStart[v + 1]! > model.rowStart[v]!) rows.push(v);
  return rows;
}

/** Places left for free singles, once locked singles and couples (at coupleMission) are in. */
function remainingPlaces(model: Model, coupleMission: Int32Array): Int32Array {
  const rem = Int32Array.from(model.cap);
  for (let m = 0; m < model.M; m++) rem[m]! -= model.lockedAt[m]!.length;
  model.couples.forEach((_, c) => {
    const m = coupleMission[c]!;
    if (m >= 0) rem[m]! -= 2;
  });
  return rem;
}

/** Every volunteer's mission: locked singles and couples from the model, free singles from `free`. */
function withFixed(model: Model, coupleMission: Int32Array, free: Int32Array): Int32Array {
  const missionOf = Int32Array.from(free);
  for (let m = 0; m < model.M; m++) for (const l of model.lockedAt[m]!) missionOf[l] = m;
  model.couples.forEach((c, k) => {
    missionOf[c.a] = missionOf[c.b] = coupleMission[k]!;
  });
  return missionOf;
}

function scoreSum(model: Model, missionOf: Int32Array): number {
  let total = 0;
  for (let v = 0; v < model.V; v++) if (missionOf[v]! >= 0) total += model.score[v * model.M + missionOf[v]!]!;
  return total;
}

// ---------------------------------------------------------------------------------------------
// Local search (optimal mode).

/** Two volunteers of a mission swapped with two of another only when both hold at most this many. */
const SWAP_TWO_LIMIT = 4;
/** Candidates kept by the two-for-two replacement. */
const TOP_UNPLACED = 8;
/** Unplaced candidates looked at per mission (its column, best scores first). */
const POOL_SCAN = 64;
/** Missions per volunteer tried by a chain step (best scores first), and partners pulled. */
const CHAIN_WIDTH = 6;
const KICKS = ['missions', 'related', 'shake', 'shake'] as const;
/** Missions cleared by a related kick. */
const KICK_WIDTH = 6;

class Search {
  readonly mis: Int32Array;
  private readonly members: number[][];
  private readonly val: Float64Array;
  private readonly perfect: Uint8Array;
  /** Missions and volunteers touched by an applied move: with λ = 0 and no apart, the others are still as the assignment optimum left them. */
  private readonly hotMission: Uint8Array;
  private readonly hotVolunteer: Uint8Array;
  private readonly capSingles: Int32Array;
  private readonly scratch: number[] = [];
  // Don't-look bits: the volunteers whose neighbourhood changed since they were last examined,
  // for the moves and for the chains, in the order they were woken.
  private readonly queued: Uint8Array;
  private queue: number[] = [];
  private readonly chainQueued: Uint8Array;
  private chainQueue: number[] = [];

  constructor(
    private readonly model: Model,
    private readonly pairing: Pairing,
    missionOf: Int32Array,
    coupleMission: Int32Array,
  ) {
    const { M, V } = model;
    this.mis = Int32Array.from(missionOf);
    this.members = Array.from({ length: M }, () => []);
    this.capSingles = Int32Array.from(model.cap);
    model.couples.forEach((_, c) => {
      if (coupleMission[c]! >= 0) this.capSingles[coupleMission[c]!]! -= 2;
    });
    for (let v = 0; v < V; v++) if (model.coupleOf[v]! < 0 && this.mis[v]! >= 0) this.members[this.mis[v]!]!.push(v);
    this.val = new Float64Array(M);
    this.perfect = new Uint8Array(M);
    this.hotMission = new Uint8Array(M);
    this.hotVolunteer = new Uint8Array(V);
    this.queued = new Uint8Array(V);
    this.chainQueued = new Uint8Array(V);
    for (let m = 0; m < M; m++) this.refresh(m);
  }

  private refresh(m: number): void {
    const list = this.members[m]!;
    this.pairing.evaluate(m, list, list.length);
    this.val[m] = this.pairing.t0;
    this.perfect[m] = this.pairing.kept === list.length ? 1 : 0;
  }

  /** Σ of the missions' values (couples' constant part excluded). */
  total(): number {
    let t = 0;
    for (let m = 0; m < this.model.M; m++) t += this.val[m]!;
    return t;
  }

  snapshot(): Int32Array {
    return Int32Array.from(this.mis);
  }

  restore(missionOf: Int32Array): void {
    for (const list of this.members) list.length = 0;
    this.mis.set(missionOf);
    for (let v = 0; v < this.model.V; v++) if (this.model.coupleOf[v]! < 0 && this.mis[v]! >= 0) this.members[this.mis[v]!]!.push(v);
    for (let m = 0; m < this.model.M; m++) this.refresh(m);
  }

  anyImperfect(): boolean {
    return this.perfect.some((p, m) => !p && this.members[m]!.length > 0);
  }

  private wake(v: number): void {
    if (!this.model.isFree[v]) return;
    if (!this.queued[v]) {
      this.queued[v] = 1;
      this.queue.push(v);
    }
    if (!this.chainQueued[v]) {
      this.chainQueued[v] = 1;
      this.chainQueue.push(v);
    }
  }

  /** Wakes the volunteers of m and those who could go there. */
  private wakeMission(m: number): void {
    for (const v of this.members[m]!) this.wake(v);
    const { colStart, colList } = this.model;
    for (let q = colStart[m]!; q < colStart[m + 1]!; q++) this.wake(colList[q]!);
  }

  /**
   * Sends free volunteers back to the pool, drawn by `next`: either those of `count` missions, or
   * (related) those of every mission where one volunteer could go, an unplaced one half the time.
   * Wakes what it disturbed.
   */
  kick(next: () => number, count: number, kind: 'missions' | 'related' | 'shake'): void {
    const { model } = this;
    const M = model.M;
    if (kind === 'shake') {
      // count + 1 random moves: a volunteer to one of its missions (swapping with one of its
      // volunteers when it is full) or out.
      for (let k = 0; k <= count && model.free.length > 0; k++) {
        const v = model.free[Math.floor(next() * model.free.length)]!;
        const degree = model.rowStart[v + 1]! - model.rowStart[v]!;
        const pick = Math.floor(next() * (degree + 1));
        const b = pick < degree ? model.rowList[model.rowStart[v]! + pick]! : -1;
        const a = this.mis[v]!;
        if (b === a) continue;
        if (b < 0 || this.room(b) > 0) {
          this.apply([v], [b]);
          continue;
        }
        const swappable = this.members[b]!.filter((w) => model.isFree[w] && (a < 0 || model.placeable[w * M + a]));
        if (swappable.length > 0) this.apply([v, swappable[Math.floor(next() * swappable.length)]!], [b, a]);
      }
      return;
    }
    const clear = (m: number) => {
      for (const v of this.members[m]!.slice()) {
        if (!model.isFree[v]) continue;
        this.place(v, -1);
        this.hotVolunteer[v] = 1;
      }
      this.refresh(m);
      this.hotMission[m] = 1;
      this.wakeMission(m);
    };
    if (kind === 'related' && model.free.length > 0) {
      const unplaced = Array.from(model.free).filter((v) => this.mis[v]! < 0 && model.rowStart[v + 1]! > model.rowStart[v]!);
      const pool = unplaced.length > 0 && next() < 0.5 ? unplaced : Array.from(model.free);
      const v = pool[Math.floor(next() * pool.length)]!;
      for (let k = model.rowStart[v]!; k < Math.min(model.rowStart[v + 1]!, model.rowStart[v]! + KICK_WIDTH); k++) clear(model.rowList[k]!);
      return;
    }
    const busy: number[] = [];
    for (let m = 0; m < model.M; m++) if (this.members[m]!.some((v) => model.isFree[v])) busy.push(m);
    for (let k = 0; k < count && busy.length > 0; k++) clear(busy.splice(Math.floor(next() * busy.length), 1)[0]!);
  }

  /** Focus mode: a mission worth a move, as it leaves somebody without a partner or was changed. */
  private relevant(m: number): boolean {
    return m >= 0 && (this.hotMission[m] === 1 || (!this.perfect[m] && this.members[m]!.length > 0));
  }

  private room(m: number): number {
    return this.capSingles[m]! - this.members[m]!.length;
  }

  /** The value of mission m without r1, r2 and with a1, a2 (−1: none). */
  private evalMod(m: number, r1: number, r2: number, a1: number, a2: number): number {
    const list = this.scratch;
    list.length = 0;
    for (const v of this.members[m]!) if (v !== r1 && v !== r2) list.push(v);
    if (a1 >= 0) list.push(a1);
    if (a2 >= 0) list.push(a2);
    this.pairing.evaluate(m, list, list.length);
    return this.pairing.t0;
  }

  private place(v: number, m: number): void {
    const from = this.mis[v]!;
    if (from >= 0) {
      const list = this.members[from]!;
      list.splice(list.indexOf(v), 1);
    }
    this.mis[v] = m;
    if (m >= 0) this.members[m]!.push(v);
  }

  /** Applies moves (volunteer, new mission), then marks and wakes what changed. */
  private apply(volunteers: readonly number[], missions: readonly number[]): void {
    const touched: number[] = [];
    volunteers.forEach((x, i) => {
      for (const m of [this.mis[x]!, missions[i]!]) if (m >= 0 && !touched.includes(m)) touched.push(m);
    });
    // Two steps, so that a swap never sees a half-moved state.
    for (const x of volunteers) this.place(x, -1);
    volunteers.forEach((x, i) => this.place(x, missions[i]!));
    for (const x of volunteers) {
      this.hotVolunteer[x] = 1;
      this.wake(x);
    }
    for (const m of touched) {
      this.refresh(m);
      this.hotMission[m] = 1;
      this.wakeMission(m);
    }
  }

  /**
   * Improves until no move or chain does, within `budget` pairing evaluations (chain steps
   * count as one). `start`: examine every free volunteer, those around a mission that leaves
   * somebody without a partner, or only those already woken (after a kick).
   */
  run(budget: number, focus: boolean, start: 'all' | 'relevant' | 'woken'): void {
    const end = this.pairing.evaluations + budget;
    if (start === 'all') for (const v of this.model.free) this.wake(v);
    else if (start === 'relevant') for (let m = 0; m < this.model.M; m++) if (this.relevant(m)) this.wakeMission(m);
    for (;;) {
      for (let h = 0; h < this.queue.length; h++) {
        if (this.pairing.evaluations >= end) return this.sleep();
        const v = this.queue[h]!;
        this.queued[v] = 0;
        this.improve(v, focus);
      }
      this.queue = [];
      const candidates = this.chainQueue;
      this.chainQueue = [];
      for (const v of candidates) this.chainQueued[v] = 0;
      for (const v of candidates) {
        if (this.pairing.evaluations >= end) return this.sleep();
        this.chainFrom(v, focus);
      }
      if (this.queue.length === 0 && this.chainQueue.length === 0) return;
    }
  }

  /** Out of budget: forget what was still to examine. */
  private sleep(): void {
    for (const v of this.queue) this.queued[v] = 0;
    for (const v of this.chainQueue) this.chainQueued[v] = 0;
    this.queue = [];
    this.chainQueue = [];
  }

  /** The best move of v (and whoever moves with it), applied when it improves. */
  private improve(v: number, focus: boolean): boolean {
    const { model } = this;
    const M = model.M;
    const a = this.mis[v]!;
    const aVal = a >= 0 ? this.val[a]! : 0;
    const hot = this.hotVolunteer[v] === 1 || this.relevant(a);
    let best = EPS;
    const moveV: number[] = [];
    const moveTo: number[] = [];
    const consider = (d: number, vols: readonly number[], tos: readonly number[]) => {
      if (d <= best) return;
      best = d;
      moveV.length = moveTo.length = 0;
      moveV.push(...vols);
      moveTo.push(...tos);
    };
    const end = model.rowStart[v + 1]!;
    for (let k = model.rowStart[v]!; k <= end; k++) {
      const b = k < end ? model.rowList[k]! : -1;
      if (b === a || (b < 0 && a < 0)) continue;
      if (focus && !hot && !this.relevant(b)) continue;
      const bVal = b >= 0 ? this.val[b]! : 0;
      if (b < 0 || this.room(b) >= 1) {
        const d = (a >= 0 ? this.evalMod(a, v, -1, -1, -1) - aVal : 0) + (b >= 0 ? this.evalMod(b, -1, -1, v, -1) - bVal : 0);
        consider(d, [v], [b]);
      }
      if (b >= 0) {
        const inB = this.members[b]!;
        for (const w of inB) {
          if (!model.isFree[w] || (a >= 0 && !model.placeable[w * M + a])) continue;
          const d = (a >= 0 ? this.evalMod(a, v, -1, w, -1) - aVal : 0) + this.evalMod(b, w, -1, v, -1) - bVal;
          consider(d, [v, w], [b, a]);
        }
        if (a >= 0) {
          const inA = this.members[a]!;
          const twoFree = this.room(b) >= 2;
          // Two for two only between small missions: it is there to swap whole binômes.
          const twoForTwo = inA.length <= SWAP_TWO_LIMIT && inB.length <= SWAP_TWO_LIMIT;
          for (const u of inA) {
            if (u === v || !model.isFree[u] || !model.placeable[u * M + b]) continue;
            if (twoFree) {
              const d = this.evalMod(a, v, u, -1, -1) - aVal + this.evalMod(b, -1, -1, v, u) - bVal;
              consider(d, [v, u], [b, b]);
            }
            for (let i = 0; twoForTwo && i < inB.length; i++) {
              const w = inB[i]!;
              if (!model.isFree[w] || !model.placeable[w * M + a]) continue;
              for (let j = i + 1; j < inB.length; j++) {
                const x = inB[j]!;
                if (!model.isFree[x] || !model.placeable[x * M + a]) continue;
                const d = this.evalMod(a, v, u, w, x) - aVal + this.evalMod(b, w, x, v, u) - bVal;
                consider(d, [v, u, w, x], [b, b, a, a]);
              }
            }
          }
        } else if (this.room(b) >= 2) {
          // Two unplaced volunteers into b.
          for (let q = model.colStart[b]!, seen = 0; q < model.colStart[b + 1]! && seen < POOL_SCAN; q++, seen++) {
            const u = model.colList[q]!;
            if (u === v || this.mis[u]! >= 0) continue;
            const d = this.evalMod(b, -1, -1, v, u) - bVal;
            consider(d, [v, u], [b, b]);
          }
        }
      } else {
        // v leaves a for an unplaced volunteer; or v and another of a for two of the best unplaced.
        const top: number[] = [];
        for (let q = model.colStart[a]!, seen = 0; q < model.colStart[a + 1]! && seen < POOL_SCAN; q++, seen++) {
          const w = model.colList[q]!;
          if (w === v || this.mis[w]! >= 0) continue;
          const d = this.evalMod(a, v, -1, w, -1) - aVal;
          consider(d, [v, w], [-1, a]);
          if (top.length < TOP_UNPLACED) top.push(w);
        }
        for (const u of this.members[a]!) {
          if (u === v || !model.isFree[u]) continue;
          for (let i = 0; i < top.length; i++) {
            for (let j = i + 1; j < top.length; j++) {
              const d = this.evalMod(a, v, u, top[i]!, top[j]!) - aVal;
              consider(d, [v, u, top[i]!, top[j]!], [-1, -1, a, a]);
            }
          }
        }
      }
    }
    if (moveV.length === 0) return false;
    this.apply(moveV, moveTo);
    return true;
  }

  // Ejection chains: a volunteer moves to a mission; when that mission is over its places, one of
  // its volunteers moves on; when it has room, a partner may be pulled in (from a mission the
  // chain touched, or from the unplaced); up to CHAIN_DEPTH moves, each volunteer to the first
  // CHAIN_WIDTH of its missions (best scores first) or out; only the end state is valued.
  private readonly path: number[] = [];
  private readonly bestPath: number[] = [];
  private bestChain = 0;

  private chainFrom(v: number, focus: boolean): boolean {
    this.path.length = this.bestPath.length = 0;
    this.bestChain = EPS;
    this.chain(v, 1, focus);
    if (this.bestPath.length === 0) return false;
    const volunteers: number[] = [];
    const missions: number[] = [];
    for (let i = 0; i < this.bestPath.length; i += 3) {
      volunteers.push(this.bestPath[i]!);
      missions.push(this.bestPath[i + 2]!);
    }
    this.apply(volunteers, missions);
    return true;
  }

  /** Moves x (to `only`, or to each of its first missions and out), then ejects or pulls. */
  private chain(x: number, depth: number, focus: boolean, only = -2): void {
    const { model } = this;
    const M = model.M;
    const from = this.mis[x]!;
    const first = model.rowStart[x]!;
    const end = Math.min(model.rowStart[x + 1]!, first + CHAIN_WIDTH);
    for (let k = first; k <= end; k++) {
      const to = only !== -2 ? only : k < end ? model.rowList[k]! : -1;
      if (to !== from) {
        this.pairing.evaluations++;
        this.place(x, to);
        this.path.push(x, from, to);
        if (to >= 0 && this.members[to]!.length > this.capSingles[to]!) {
          if (depth < CHAIN_DEPTH) {
            for (const w of this.members[to]!.slice()) {
              if (w !== x && model.isFree[w] && !this.moved(w)) this.chain(w, depth + 1, focus);
            }
          }
        } else {
          this.valueChain(focus);
          if (to >= 0 && depth < CHAIN_DEPTH && this.members[to]!.length < this.capSingles[to]!) {
            for (const m of this.touchedMissions()) {
              if (m === to) continue;
              for (const w of this.members[m]!.slice()) {
                if (model.isFree[w] && !this.moved(w) && model.placeable[w * M + to]) this.chain(w, depth + 1, focus, to);
              }
            }
            for (let q = model.colStart[to]!, pulled = 0, seen = 0; q < model.colStart[to + 1]! && pulled < CHAIN_WIDTH && seen < POOL_SCAN; q++, seen++) {
              const w = model.colList[q]!;
              if (this.mis[w]! >= 0 || this.moved(w)) continue;
              pulled++;
              this.chain(w, depth + 1, focus, to);
            }
          }
        }
        this.path.length -= 3;
        this.place(x, from);
      }
      if (only !== -2) return;
    }
  }

  private moved(w: number): boolean {
    for (let i = 0; i < this.path.length; i += 3) if (this.path[i] === w) return true;
    return false;
  }

  /** The missions the current chain moves volunteers from or to, each once. */
  private touchedMissions(): number[] {
    const touched: number[] = [];
    for (let i = 0; i < this.path.length; i += 3) {
      const from = this.path[i + 1]!;
      const to = this.path[i + 2]!;
      if (from >= 0 && !touched.includes(from)) touched.push(from);
      if (to >= 0 && !touched.includes(to)) touched.push(to);
    }
    return touched;
  }

  private valueChain(focus: boolean): void {
    const touched = this.touchedMissions();
    if (focus && !this.hotVolunteer[this.path[0]!] && !touched.some((m) => this.relevant(m))) return;
    let d = 0;
    for (const m of touched) {
      const list = this.members[m]!;
      this.pairing.evaluate(m, list, list.length);
      d += this.pairing.t0 - this.val[m]!;
    }
    if (d > this.bestChain) {
      this.bestChain = d;
      this.bestPath.length = 0;
      this.bestPath.push(...this.path);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Optimal mode.

interface Solved {
  missionOf: Int32Array;
  coupleMission: Int32Array;
  /** Comparable total: Σ pairing values of the singles + couples' s + λ·p. */
  total: number;
  assignmentOptimum: number;
}

function coupleValue(model: Model, c: Couple, m: number): number {
  const M = model.M;
  return model.score[c.a * M + m]! + model.score[c.b * M + m]! + model.lambda * pairOf(model, c.a, c.b, m);
}

/** Steps 1–3 of the module comment, the couples' missions given. */
function solveRest(model: Model, pairing: Pairing, coupleMission: Int32Array, maxPartner: Float64Array | undefined): Solved {
  const rows = assignableRows(model);
  const rem = remainingPlaces(model, coupleMission);
  const seat = seatCandidateOf(model);
  const M = model.M;
  const plain = assignRows(model, rows, rem, (v, m) => (model.placeable[v * M + m] ? model.score[v * M + m]! : Number.NaN), seat);
  const start = withFixed(model, coupleMission, plain.missionOf);
  const assignmentOptimum = scoreSum(model, start);
  let couples = 0;
  model.couples.forEach((c, k) => {
    if (coupleMission[k]! >= 0) couples += coupleValue(model, c, coupleMission[k]!);
  });

  const first = new Search(model, pairing, start, coupleMission);
  const focus = model.lambda === 0 && !model.hasApart;
  const needed = !focus || first.anyImperfect();
  if (needed) first.run(SEARCH_BUDGET, focus, focus ? 'relevant' : 'all');
  let best = { missionOf: first.snapshot(), total: first.total() };
  if (model.lambda > 0 && maxPartner) {
    const lambda = model.lambda;
    const tilted = assignRows(
      model,
      rows,
      rem,
      (v, m) => (model.placeable[v * M + m] ? model.score[v * M + m]! + (lambda * maxPartner[v * M + m]!) / 2 : Number.NaN),
      seat,
    );
    const second = new Search(model, pairing, withFixed(model, coupleMission, tilted.missionOf), coupleMission);
    second.run(SEARCH_BUDGET, false, 'all');
    if (second.total() > best.total + EPS) best = { missionOf: second.snapshot(), total: second.total() };
  }
  // Linearised restarts: the exact assignment again, each volunteer's pair score on a mission
  // estimated from the best state (their best partner among its volunteers there, or half the
  // best possible partner on an empty mission), then a search; a few rounds.
  if (model.lambda > 0 && maxPartner) {
    const lambda = model.lambda;
    for (let round = 0; round < RELINEARISE_ROUNDS; round++) {
      const on: number[][] = Array.from({ length: M }, () => []);
      best.missionOf.forEach((m, v) => {
        if (m >= 0 && model.coupleOf[v]! < 0) on[m]!.push(v);
      });
      const estimate = (v: number, m: number) => {
        let q = -1;
        for (const w of on[m]!) if (w !== v && !isApartIn(model, v, w)) q = Math.max(q, pairOf(model, v, w, m));
        return q >= 0 ? q : maxPartner[v * M + m]! / 2;
      };
      const linear = assignRows(model, rows, rem, (v, m) => (model.placeable[v * M + m] ? model.score[v * M + m]! + lambda * estimate(v, m) / 2 : Number.NaN), seat);
      const search = new Search(model, pairing, withFixed(model, coupleMission, linear.missionOf), coupleMission);
      search.run(SEARCH_BUDGET, false, 'all');
      if (search.total() > best.total + EPS) best = { missionOf: search.snapshot(), total: search.total() };
      else break;
    }
  }
  // Iterated local search: kick the current state, search again around the kick, keep the best.
  // The current state moves on when the new one is better, and otherwise now and then (a random
  // walk, which leaves a large basin), back to the best after 20 kicks without progress. The
  // kicks come from a PRNG with a fixed seed: the same input, the same output.
  if (needed) {
    const next = mulberry32(0x5eed);
    const iterations = model.rowList.length <= 500 ? 300 : model.rowList.length <= 5_000 ? 40 : 20;
    const end = pairing.evaluations + KICK_BUDGET;
    first.restore(best.missionOf);
    let current = { missionOf: best.missionOf, total: best.total };
    let since = 0;
    for (let it = 0; it < iterations && pairing.evaluations < end; it++) {
      first.kick(next, 1 + (it % 3), KICKS[it % KICKS.length]!);
      first.run(end - pairing.evaluations, false, 'woken');
      const total = first.total();
      let stay = true;
      since++;
      if (total > best.total + EPS) {
        best = current = { missionOf: first.snapshot(), total };
        since = 0;
      } else if (total > current.total + EPS || next() < 0.25) current = { missionOf: first.snapshot(), total };
      else stay = false;
      if (since >= 20) {
        current = best;
        since = 0;
        stay = false;
      }
      if (!stay) first.restore(current.missionOf);
    }
  }
  return { missionOf: best.missionOf, coupleMission, total: best.total + couples, assignmentOptimum };
}

function placeOptimal(model: Model, pairing: Pairing, maxPartner: Float64Array | undefined): Solved {
  const { M, V } = model;
  const coupleMission = Int32Array.from(model.couples, (c) => c.mission);
  const open = model.couples.map((c, k) => (c.mission < 0 ? k : -1)).filter((k) => k >= 0);
  if (open.length === 0) return solveRest(model, pairing, coupleMission, maxPartner);

  // Room for couples: the places no locked single, fixed couple or partner seat takes.
  const room = Int32Array.from(model.cap);
  for (let m = 0; m < M; m++) room[m]! -= model.lockedAt[m]!.length + model.need[m]!;
  model.couples.forEach((c) => {
    if (c.mission >= 0) room[c.mission]! -= 2;
  });
  const exhaustive = V <= 60 && M <= 40;
  const options = open.map((k) => {
    const c = model.couples[k]!;
    const list: { m: number; value: number }[] = [];
    for (let m = 0; m < M; m++) if (allowedIn(model, c.a, m) && allowedIn(model, c.b, m)) list.push({ m, value: coupleValue(model, c, m) });
    list.sort((x, y) => y.value - x.value || x.m - y.m);
    return list.map((o) => o.m);
  });
  // Start: each couple on its best mission with room, in order.
  open.forEach((k, i) => {
    const m = options[i]!.find((x) => room[x]! >= 2) ?? -1;
    coupleMission[k] = m;
    if (m >= 0) room[m]! -= 2;
  });
  let best = solveRest(model, pairing, coupleMission, maxPartner);
  let solves = 1;
  const maxSolves = Math.max(8, Math.floor(COUPLE_WORK / Math.max(1, V * M)));
  for (let round = 0, moved = true; moved && round < 3; round++) {
    moved = false;
    open.forEach((k, i) => {
      const current = best.coupleMission[k]!;
      const tries = [...(exhaustive ? options[i]! : options[i]!.slice(0, 3)), -1];
      for (const m of tries) {
        if (m === current || solves >= maxSolves) continue;
        if (m >= 0 && room[m]! < 2) continue;
        const choice = Int32Array.from(best.coupleMission);
        choice[k] = m;
        const candidate = solveRest(model, pairing, choice, maxPartner);
        solves++;
        if (candidate.total > best.total + EPS) {
          if (best.coupleMission[k]! >= 0) room[best.coupleMission[k]!]! += 2;
          if (m >= 0) room[m]! -= 2;
          best = candidate;
          moved = true;
        }
      }
    });
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Stable mode.

function placeStable(model: Model): { missionOf: Int32Array; coupleMission: Int32Array } {
  const { M, V, cap, vPref, mPref, score } = model;
  const coupleMission = Int32Array.from(model.couples, (c) => c.mission);
  // Places for free singles; a couple without a mission also leaves the partner seats free.
  const room = Int32Array.from(cap);
  for (let m = 0; m < M; m++) room[m]! -= model.lockedAt[m]!.length;
  model.couples.forEach((c) => {
    if (c.mission >= 0) room[c.mission]! -= 2;
  });
  model.couples.forEach((c, k) => {
    if (c.mission >= 0) return;
    let best = -1;
    let bestValue = -Infinity;
    for (let m = 0; m < M; m++) {
      if (room[m]! - model.need[m]! < 2 || !allowedIn(model, c.a, m) || !allowedIn(model, c.b, m)) continue;
      const value = vPref[c.a * M + m]! + vPref[c.b * M + m]!;
      if (Number.isNaN(value)) continue;
      if (value > bestValue) {
        best = m;
        bestValue = value;
      }
    }
    coupleMission[k] = best;
    if (best >= 0) room[best]! -= 2;
  });

  const missionOf = withFixed(model, coupleMission, new Int32Array(V).fill(-1));
  const lists: Int32Array[] = [];
  for (const v of model.free) {
    const list: number[] = [];
    for (let m = 0; m < M; m++) {
      const i = v * M + m;
      if (room[m]! > 0 && cap[m]! >= 2 && !Number.isNaN(score[i]!) && !Number.isNaN(vPref[i]!) && !Number.isNaN(mPref[i]!)) list.push(m);
    }
    list.sort((x, y) => vPref[v * M + y]! - vPref[v * M + x]! || x - y);
    lists[v] = Int32Array.from(list);
  }
  const ranksAbove = (m: number, x: number, y: number) => mPref[x * M + m]! > mPref[y * M + m]! || (mPref[x * M + m] === mPref[y * M + m] && x < y);
  const held: number[][] = Array.from({ length: M }, () => []);
  const next = new Int32Array(V);
  const queue = Array.from(model.free);
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    const list = lists[v]!;
    if (next[v]! >= list.length) continue;
    const m = list[next[v]!++]!;
    const candidates = [...held[m]!, v].sort((x, y) => (ranksAbove(m, x, y) ? -1 : ranksAbove(m, y, x) ? 1 : 0));
    const keep: number[] = [];
    for (const c of candidates) {
      const conflict = cap[m] === 2 && (model.lockedAt[m]!.some((l) => isApartIn(model, c, l)) || keep.some((k) => isApartIn(model, c, k)));
      if (keep.length < room[m]! && !conflict) {
        keep.push(c);
        missionOf[c] = m;
      } else {
        missionOf[c] = -1;
        queue.push(c);
      }
    }
    held[m] = keep;
  }
  return { missionOf, coupleMission };
}

// ---------------------------------------------------------------------------------------------
// Both modes: parity repair, then the result.

/**
 * The partner seats (model.need) filled, whatever the solve did: a bipartite matching of seats
 * to possible partners (free singles allowed there and not apart from every locked single of the
 * mission), started from the possible partners already there and completed by augmenting paths
 * (Kuhn), so that it exists whenever checkConstraints passed. A partner brought in takes a free
 * place, or the place of a free member who is not a possible partner (the lowest ranked: by
 * missionPreference in stable mode, by score in optimal mode), who goes back to the pool.
 */
function givePartners(model: Model, mis: Int32Array, capSingles: Int32Array): void {
  const { M } = model;
  const seats: number[] = [];
  for (let m = 0; m < M; m++) for (let k = 0; k < model.need[m]!; k++) seats.push(m);
  if (seats.length === 0) return;
  const seat = seatCandidateOf(model);
  const rank = (v: number, m: number) => (model.stable ? prefOrZero(model.mPref[v * M + m]!) : model.score[v * M + m]!);
  const candidates = seats.map((m) => {
    const list: number[] = [];
    for (let q = model.colStart[m]!; q < model.colStart[m + 1]!; q++) if (seat(model.colList[q]!, m)) list.push(model.colList[q]!);
    // Those already there first, then the unplaced, then the others; each by rank.
    const group = (v: number) => (mis[v] === m ? 0 : mis[v]! < 0 ? 1 : 2);
    return list.sort((x, y) => group(x) - group(y) || rank(y, m) - rank(x, m) || x - y);
  });
  const matchOfRight = new Int32Array(model.V).fill(-1);
  const matchOfLeft = new Int32Array(seats.length).fill(-1);
  seats.forEach((m, k) => {
    const here = candidates[k]!.find((v) => mis[v] === m && matchOfRight[v]! < 0);
    if (here !== undefined) {
      matchOfLeft[k] = here;
      matchOfRight[here] = k;
    }
  });
  for (let k = 0; k < seats.length; k++) {
    if (matchOfLeft[k]! >= 0) continue;
    const seen = new Uint8Array(model.V);
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
  const count = new Int32Array(M);
  for (let v = 0; v < model.V; v++) if (model.coupleOf[v]! < 0 && mis[v]! >= 0) count[mis[v]!]!++;
  seats.forEach((m, k) => {
    const u = matchOfLeft[k]!;
    if (u < 0 || mis[u] === m) return;
    if (mis[u]! >= 0) count[mis[u]!]!--;
    if (count[m]! >= capSingles[m]!) {
      let out = -1;
      for (let v = 0; v < model.V; v++) {
        if (mis[v] !== m || !model.isFree[v] || matchOfRight[v]! >= 0) continue;
        if (out < 0 || rank(v, m) < rank(out, m) || (rank(v, m) === rank(out, m) && v > out)) out = v;
      }
      if (out < 0) return;
      mis[out] = -1;
      count[m]!--;
    }
    mis[u] = m;
    count[m]!++;
  });
}

function finish(model: Model, pairing: Pairing, missionOf: Int32Array, coupleMission: Int32Array): Omit<PlacementResult, 'bound' | 'assignmentOptimum' | 'matching'> {
  const { M, V } = model;
  const mis = Int32Array.from(missionOf);
  const members: number[][] = Array.from({ length: M }, () => []);
  const capSingles = Int32Array.from(model.cap);
  coupleMission.forEach((m) => {
    if (m >= 0) capSingles[m]! -= 2;
  });
  givePartners(model, mis, capSingles);
  for (let v = 0; v < V; v++) if (model.coupleOf[v]! < 0 && mis[v]! >= 0) members[mis[v]!]!.push(v);
  const tuple = new Float64Array(3 * M);
  const dropped = new Uint8Array(V);
  const uncovered = new Uint8Array(M);
  const evaluate = (m: number) => {
    const out: PairingOut = { pairs: [], dropped: [] };
    const list = members[m]!;
    pairing.evaluate(m, list, list.length, out);
    tuple[3 * m] = pairing.t0;
    tuple[3 * m + 1] = pairing.t1;
    tuple[3 * m + 2] = pairing.t2;
    for (const v of list) dropped[v] = 0;
    uncovered[m] = 0;
    for (const v of out.dropped) {
      dropped[v] = 1;
      if (model.lockOf[v]! >= 0) uncovered[m] = 1;
    }
    return out;
  };
  for (let m = 0; m < M; m++) evaluate(m);
  const valueWith = (m: number, remove: number, add: number): [number, number, number] => {
    const list = members[m]!.filter((x) => x !== remove);
    if (add >= 0) list.push(add);
    pairing.evaluate(m, list, list.length);
    return [pairing.t0 - tuple[3 * m]!, pairing.t1 - tuple[3 * m + 1]!, pairing.t2 - tuple[3 * m + 2]!];
  };
  // A mission that leaves somebody without a partner takes the best possible partner among the
  // unplaced and the partnerless elsewhere, in a free place or instead of one of its own
  // partnerless (who goes back to the pool); a locked single still alone, from anywhere.
  for (let sweep = 0; sweep < 2; sweep++) {
    for (let m = 0; m < M; m++) {
      for (let guard = 0; guard <= capSingles[m]! && members[m]!.some((v) => dropped[v]); guard++) {
        let chosen = -1;
        let leaving = -1;
        let g: [number, number, number] = [0, 0, 0];
        const outs = members[m]!.filter((v) => dropped[v] && model.isFree[v]);
        if (members[m]!.length < capSingles[m]!) outs.unshift(-1);
        for (const anywhere of [false, true]) {
          if (anywhere && (chosen >= 0 || !uncovered[m])) break;
          for (let q = model.colStart[m]!; q < model.colStart[m + 1]!; q++) {
            const u = model.colList[q]!;
            const from = mis[u]!;
            if (from === m || (!anywhere && from >= 0 && !dropped[u])) continue;
            const loss = from >= 0 ? valueWith(from, u, -1) : ([0, 0, 0] as [number, number, number]);
            for (const out of outs) {
              const gain = valueWith(m, out, u);
              for (let k = 0; k < 3; k++) gain[k]! += loss[k]!;
              if (better(gain[0], gain[1], gain[2], g[0], g[1], g[2])) {
                chosen = u;
                leaving = out;
                g = gain;
              }
            }
          }
        }
        if (chosen < 0) break;
        const from = mis[chosen]!;
        if (from >= 0) members[from]!.splice(members[from]!.indexOf(chosen), 1);
        if (leaving >= 0) {
          members[m]!.splice(members[m]!.indexOf(leaving), 1);
          mis[leaving] = -1;
          dropped[leaving] = 0;
        }
        members[m]!.push(chosen);
        mis[chosen] = m;
        evaluate(m);
        if (from >= 0) evaluate(from);
      }
    }
  }

  const binomes: PlacedBinome[] = [];
  const placed = new Uint8Array(V);
  const droppedAt = new Int32Array(M);
  const lambda = model.lambda;
  const addBinome = (m: number, x: number, y: number) => {
    const [a, b] = x < y ? [x, y] : [y, x];
    const pair = model.pairScore(a, b, m);
    binomes.push({ mission: m, members: [a, b], score: model.score[a * M + m]! + model.score[b * M + m]! + lambda * pair, pair });
    placed[a] = placed[b] = 1;
  };
  for (let m = 0; m < M; m++) {
    const out = evaluate(m);
    for (let i = 0; i < out.pairs.length; i += 2) addBinome(m, out.pairs[i]!, out.pairs[i + 1]!);
    droppedAt[m] = out.dropped.length;
  }
  model.couples.forEach((c, k) => {
    if (coupleMission[k]! >= 0) addBinome(coupleMission[k]!, c.a, c.b);
  });
  binomes.sort((x, y) => x.mission - y.mission || x.members[0] - y.members[0] || x.members[1] - y.members[1]);

  const unplaced: PlacementResult['unplaced'] = [];
  for (let v = 0; v < V; v++) {
    if (placed[v]) continue;
    let reason: UnplacedReason;
    if (dropped[v] && mis[v]! >= 0) reason = 'odd-volunteer';
    else if (model.coupleOf[v]! >= 0) {
      const c = model.couples[model.coupleOf[v]!]!;
      let any = false;
      for (let m = 0; m < M && !any; m++) any = allowedIn(model, c.a, m) && allowedIn(model, c.b, m);
      reason = any ? 'not-chosen' : 'no-allowed-mission';
    } else if (model.isFree[v]) reason = model.rowStart[v + 1]! > model.rowStart[v]! ? 'not-chosen' : 'no-allowed-mission';
    else reason = 'odd-volunteer'; // a locked single without a partner (only when checkConstraints would refuse the input)
    unplaced.push({ volunteer: v, reason });
  }

  const perMission = new Int32Array(M);
  for (const b of binomes) perMission[b.mission]!++;
  const openPlaces: PlacementResult['openPlaces'] = [];
  for (let m = 0; m < M; m++) {
    const open = model.places[m]! - 2 * perMission[m]!;
    if (open <= 0) continue;
    const onePlace = Math.min(open, (model.places[m]! % 2) + 2 * droppedAt[m]!);
    if (open - onePlace > 0) openPlaces.push({ mission: m, places: open - onePlace, reason: 'no-volunteer' });
    if (onePlace > 0) openPlaces.push({ mission: m, places: onePlace, reason: 'one-place-left' });
  }
  let value = 0;
  for (const b of binomes) value += b.score;
  return { binomes, unplaced, openPlaces, value };
}

// ---------------------------------------------------------------------------------------------
// Upper bound.

/** maxPartner(v, m) for every single that can be on m (NaN: nobody could be their partner), or undefined when too many pairs. */
function maxPartners(model: Model): Float64Array | undefined {
  const { M, V } = model;
  const on: number[][] = Array.from({ length: M }, () => []);
  for (let v = 0; v < V; v++) {
    if (model.coupleOf[v]! >= 0) continue;
    if (model.lockOf[v]! >= 0) on[model.lockOf[v]!]!.push(v);
    else for (let m = 0; m < M; m++) if (allowedIn(model, v, m)) on[m]!.push(v);
  }
  let pairs = 0;
  for (const list of on) pairs += (list.length * (list.length - 1)) / 2;
  if (pairs > PAIR_SCORE_LIMIT) return undefined;
  const best = new Float64Array(V * M).fill(Number.NaN);
  on.forEach((list, m) => {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (isApartIn(model, a, b)) continue;
        const p = model.pairScore(a, b, m);
        if (!(best[a * M + m]! >= p)) best[a * M + m] = p;
        if (!(best[b * M + m]! >= p)) best[b * M + m] = p;
      }
    }
  });
  return best;
}

function upperBound(model: Model, maxPartner: Float64Array | undefined): number {
  const { M, lambda, score } = model;
  const half = (v: number, m: number) => {
    if (lambda === 0) return 0;
    const p = maxPartner ? maxPartner[v * M + m]! : 100;
    return Number.isNaN(p) ? 0 : (lambda * p) / 2;
  };
  let constant = 0;
  for (let m = 0; m < M; m++) for (const l of model.lockedAt[m]!) constant += score[l * M + m]! + half(l, m);
  const fixed = new Int32Array(model.couples.length).fill(-1);
  const rows = assignableRows(model);
  const partnerOf = new Int32Array(model.V).fill(-1);
  model.couples.forEach((c, k) => {
    if (c.mission >= 0) {
      constant += coupleValue(model, c, c.mission);
      fixed[k] = c.mission;
    } else {
      rows.push(c.a, c.b);
      partnerOf[c.a] = c.b;
      partnerOf[c.b] = c.a;
    }
  });
  const rem = remainingPlaces(model, fixed);
  const weightOf = (v: number, m: number) => {
    const partner = partnerOf[v]!;
    if (partner >= 0) {
      if (!allowedIn(model, v, m) || !allowedIn(model, partner, m)) return Number.NaN;
      return score[v * M + m]! + (lambda === 0 ? 0 : (lambda * pairOf(model, v, partner, m)) / 2);
    }
    return model.placeable[v * M + m] ? score[v * M + m]! + half(v, m) : Number.NaN;
  };
  const seat = seatCandidateOf(model);
  return constant + assignRows(model, rows, rem, weightOf, (v, m) => partnerOf[v]! < 0 && seat(v, m)).value;
}

// ---------------------------------------------------------------------------------------------
// Entry point.

function checkShape(input: PlacementInput): void {
  const { volunteers: V, places } = input;
  if (input.mode !== 'optimal' && input.mode !== 'stable') throw new TypeError(`mode must be 'optimal' or 'stable', not ${String(input.mode)}`);
  if (!Number.isInteger(V) || V < 0) throw new RangeError('volunteers must be a whole number ≥ 0');
  for (let m = 0; m < places.length; m++) {
    if (!Number.isInteger(places[m]) || places[m]! < 0) throw new RangeError(`places[${m}] must be a whole number ≥ 0`);
  }
  const cells = V * places.length;
  if (input.score.length !== cells) throw new RangeError(`score must hold volunteers × missions = ${cells} numbers`);
  if (input.mode === 'stable' && (input.volunteerPreference.length !== cells || input.missionPreference.length !== cells)) {
    throw new RangeError(`volunteerPreference and missionPreference must hold volunteers × missions = ${cells} numbers`);
  }
  if (!Number.isFinite(input.pairWeight) || input.pairWeight < 0) throw new RangeError('pairWeight must be a finite number ≥ 0');
  if (typeof input.pairScore !== 'function') throw new TypeError('pairScore must be a function');
}

/**
 * Forms the binômes and places them (see the module comment). Throws on malformed input and on
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
    const M = model.M;
    const rows = assignableRows(model);
    const plain = assignRows(
      model,
      rows,
      remainingPlaces(model, coupleMission),
      (v, m) => (model.placeable[v * M + m] ? model.score[v * M + m]! : Number.NaN),
      seatCandidateOf(model),
    );
    const assignmentOptimum = scoreSum(model, withFixed(model, coupleMission, plain.missionOf));
    const bound = model.lambda === 0 && !openCouples ? assignmentOptimum : upperBound(model, maxPartner);
    return { ...result, bound, assignmentOptimum, matching: missionOf };
  }

  const solved = placeOptimal(model, pairing, maxPartner);
  const result = finish(model, pairing, solved.missionOf, solved.coupleMission);
  const bound = model.lambda === 0 && !openCouples ? solved.assignmentOptimum : upperBound(model, maxPartner);
  return { ...result, bound, assignmentOptimum: solved.assignmentOptimum };
}
