/**
 * Speed-dating forum scheduling, pure: which candidate meets which structure, in which round, at
 * which table. No I/O, no clock, no randomness: the same input gives the same output, ties
 * broken by input order.
 *
 * The model. A request (candidate, structure) is an edge of a bipartite graph; a round is a
 * colour. A candidate meets at most one structure per round; a structure with k tables holds at
 * most k meetings per round. The lower bound on the rounds is
 *   Δ = max(max over candidates of their requests, max over structures of ⌈requests / tables⌉).
 *
 * Two paths, chosen by the input:
 *
 * 1. Window-free (every candidate and structure free for the whole forum, nothing fixed) and
 *    Δ ≤ rounds: exact. Each structure with k tables is split into k "table nodes" that share
 *    its requests round-robin, so each has at most ⌈requests / k⌉ of them; the split graph has
 *    maximum degree Δ and, by König's edge-colouring theorem, Δ colours suffice. Edges are
 *    coloured one at a time: take a colour a free at the candidate and b free at the table
 *    node; if a is not free at the table node, swap a and b along the a/b alternating path that
 *    starts there (a Kempe chain; in a bipartite graph it cannot reach the candidate), after
 *    which a is free at both ends. When several colours are free at both ends, the one closest
 *    to the candidate's other meetings is taken: a head start for the fairness pass. Each edge
 *    costs O(Δ) plus its path: ~40,000 requests in tens of milliseconds (bench/forum-schedule.ts).
 *
 * 2. Everything else (arrival/leave windows, unavailable rounds, fixed meetings, fromRound, or a
 *    forum shorter than Δ): NP-hard in general (list edge colouring), so a heuristic. Requests
 *    are inserted one at a time, by priority (mutual first, then higher priority, then the most
 *    constrained: fewest allowed rounds), each in the earliest allowed round where the
 *    candidate and a table are free. When there is none, an ejection chain makes room: put the
 *    request in a round anyway, move the meetings in the way (the candidate's, and one of the
 *    tables' when all are busy) to another of their allowed rounds, and so on. A moved meeting
 *    that finds no round may give its place to an unscheduled request of its candidate or
 *    structure of equal or higher priority (an augmenting path: what a matching algorithm does
 *    within one round), and one of lower priority than the request being inserted may be left
 *    out. Depth-first, first fast (a meeting that failed to move is not tried again), then
 *    exhaustive over chains of up to EXHAUSTIVE_DEPTH steps, with bounded work either way; every
 *    change is journalled and undone on failure. This is the Kempe-chain step of path 1
 *    generalised to per-request lists of allowed rounds and to tables as capacities. Why
 *    insertion rather than an exact colouring repaired afterwards: a colouring on all rounds
 *    breaks windows in many places at once, while insertion keeps every placed meeting valid at
 *    all times and gives the priority order for free (a chain never lowers the scheduled count
 *    of a priority class without raising that of a higher one). Rounds are then minimised: the
 *    same insertion is replayed with a shorter horizon (binary search between a counting lower
 *    bound and the rounds used), keeping the shortest horizon that schedules as many requests of
 *    every priority class; requests that still fit beyond that horizon are added back, since
 *    more requests come before fewer rounds.
 *
 * Both paths end with the same fairness pass (see `compactCandidates`).
 *
 * What the tests check (test/algorithms/forum-schedule.test.ts): the invariants as fast-check properties;
 * rounds = Δ on window-free instances; and, against an exact MIP (HiGHS) on small windowed
 * instances, the same number of scheduled requests in every priority class and at most one
 * round more than the optimum.
 */

import { type Text, text } from '../i18n/index.js';

export interface ScheduleInput {
  /** Rounds the forum's time span holds (after breaks); rounds are numbered 0..rounds-1. */
  rounds: number;
  /** Each structure runs `tables` meetings in parallel (tables numbered 1..tables); no meeting in its unavailable rounds. */
  structures: readonly { id: string; tables: number; unavailableRounds?: readonly number[] }[];
  /** A candidate is there from firstRound to lastRound inclusive (late arrival, early leave); default the whole forum. */
  candidates: readonly { id: string; firstRound?: number; lastRound?: number }[];
  /** Distinct (candidate, structure) pairs; mutual requests and higher priority are scheduled first when not everything fits. */
  requests: readonly { candidateId: string; structureId: string; mutual: boolean; priority: number }[];
  /** Live repair: meetings already held or kept (rounds < fromRound), taken as they are; rounds before fromRound receive nothing new. */
  fixed?: readonly { round: number; structureId: string; table: number; candidateId: string }[];
  fromRound?: number;
}

export type UnscheduledReason = 'no-common-round' | 'candidate-unavailable' | 'structure-unavailable' | 'forum-too-short';

export interface ScheduleOutput {
  meetings: { round: number; structureId: string; table: number; candidateId: string }[]; // sorted by round, structureId, table
  /** `detail` is a catalogue text (src/i18n/), rendered by whoever shows it. */
  unscheduled: { candidateId: string; structureId: string; reason: UnscheduledReason; detail: Text }[];
  /** Rounds used: the last used round + 1 (0 when nothing is scheduled). */
  roundsUsed: number;
  /** max over candidates of their request count, and over structures of ceil(requests / tables) — over the requests given (not counting fixed). */
  lowerBound: number;
  /** True when no availability limit applies (every candidate and structure free for all rounds, no fixed/fromRound) and so roundsUsed must equal lowerBound whenever lowerBound <= rounds. */
  windowFree: boolean;
}

export type ForumMeeting = ScheduleOutput['meetings'][number];
export type ForumRequest = ScheduleInput['requests'][number];

/**
 * The priority order of requests: mutual before one-sided, then higher priority first. Equal
 * requests keep their input order. Scheduling is lexicographic in this order: as many requests
 * of the first class as possible, then as many of the next, and so on.
 */
export function compareRequestPriority(a: Pick<ForumRequest, 'mutual' | 'priority'>, b: Pick<ForumRequest, 'mutual' | 'priority'>): number {
  if (a.mutual !== b.mutual) return a.mutual ? -1 : 1;
  return b.priority - a.priority;
}

export function lowerBound(input: Pick<ScheduleInput, 'structures' | 'requests'>): number {
  const perCandidate = new Map<string, number>();
  const perStructure = new Map<string, number>();
  for (const r of input.requests) {
    perCandidate.set(r.candidateId, (perCandidate.get(r.candidateId) ?? 0) + 1);
    perStructure.set(r.structureId, (perStructure.get(r.structureId) ?? 0) + 1);
  }
  let bound = 0;
  for (const n of perCandidate.values()) bound = Math.max(bound, n);
  for (const s of input.structures) {
    const n = perStructure.get(s.id) ?? 0;
    if (n > 0) bound = Math.max(bound, Math.ceil(n / s.tables));
  }
  return bound;
}

export function scheduleForum(input: ScheduleInput): ScheduleOutput {
  const p = prepare(input);
  let board: Board;
  if (p.windowFree && p.lowerBound <= p.rounds) {
    board = colourExactly(p);
  } else {
    board = scheduleByInsertion(p);
  }
  compactCandidates(board);
  return output(p, board);
}

/** The naive comparison: each request, in order, in the first round where both are free. */
export function greedyFirstFreeRound(input: ScheduleInput): ScheduleOutput {
  const p = prepare(input);
  const board = new Board(p, p.rounds);
  for (let e = 0; e < p.edges.length; e++) {
    for (let r = firstAllowed(p, e); r <= lastAllowed(p, e, p.rounds); r++) {
      if (!p.allowed(e, r) || board.candAt[p.edges.c[e]! * board.rounds + r] !== FREE) continue;
      const slot = board.freeSlot(p.edges.s[e]!, r);
      if (slot >= 0) {
        board.assign(e, r, slot);
        break;
      }
    }
  }
  return output(p, board);
}

// -----------------------------------------------------------------------------------------------
// The input, checked and indexed.

const FREE = -1;
/** A candidate's round or a table taken by a fixed meeting: never moved. */
const FIXED = -2;

/** The requests to schedule, edge e's fields at index e: typed arrays rather than one object per edge (tens of thousands of them). */
interface Edges {
  length: number;
  c: Int32Array;
  s: Int32Array;
  /** Index of the priority class (0 = first served). */
  rank: Int32Array;
  /** Index in input.requests. */
  request: Int32Array;
}

interface Prepared {
  input: ScheduleInput;
  rounds: number;
  fromRound: number;
  candidateIds: string[];
  structureIds: string[];
  tables: Int32Array;
  /** First and last round each candidate is there, already clamped to [0, rounds-1]. */
  first: Int32Array;
  last: Int32Array;
  /** 1 where structure s may meet in round r (s * rounds + r). */
  structureOpen: Uint8Array;
  /** Requests still to schedule: those not already met in a fixed meeting. */
  edges: Edges;
  fixed: { round: number; s: number; table: number; c: number }[];
  /** 1 where candidate c has a fixed meeting in round r (c * rounds + r). */
  candidateFixed: Uint8Array;
  /** Fixed meetings of structure s in round r (s * rounds + r). */
  fixedAtStructure: Int32Array;
  ranks: number;
  lowerBound: number;
  windowFree: boolean;
  /** Whether edge e may be placed in round r (windows, availability, fixed, fromRound). */
  allowed: (e: number, r: number) => boolean;
}

function prepare(input: ScheduleInput): Prepared {
  const rounds = input.rounds;
  if (!Number.isInteger(rounds) || rounds < 0) throw new RangeError(`rounds must be a whole number ≥ 0, got ${rounds}`);
  const fromRound = input.fromRound ?? 0;
  if (!Number.isInteger(fromRound) || fromRound < 0) throw new RangeError(`fromRound must be a whole number ≥ 0, got ${fromRound}`);

  const structureIndex = new Map<string, number>();
  const tables = new Int32Array(input.structures.length);
  const structureOpen = new Uint8Array(input.structures.length * rounds).fill(1);
  let everyoneFree = true;
  input.structures.forEach((s, i) => {
    if (structureIndex.has(s.id)) throw new RangeError(`structure ${s.id} is listed twice`);
    if (!Number.isInteger(s.tables) || s.tables < 1) throw new RangeError(`structure ${s.id} must have at least one table, got ${s.tables}`);
    structureIndex.set(s.id, i);
    tables[i] = s.tables;
    for (const r of s.unavailableRounds ?? []) {
      if (Number.isInteger(r) && r >= 0 && r < rounds) {
        structureOpen[i * rounds + r] = 0;
        everyoneFree = false;
      }
    }
  });

  const candidateIndex = new Map<string, number>();
  const first = new Int32Array(input.candidates.length);
  const last = new Int32Array(input.candidates.length);
  input.candidates.forEach((c, i) => {
    if (candidateIndex.has(c.id)) throw new RangeError(`candidate ${c.id} is listed twice`);
    candidateIndex.set(c.id, i);
    first[i] = Math.max(0, Math.ceil(c.firstRound ?? 0));
    last[i] = Math.min(rounds - 1, Math.floor(c.lastRound ?? rounds - 1));
    if (first[i]! > 0 || last[i]! < rounds - 1) everyoneFree = false;
  });

  const fixed: Prepared['fixed'] = [];
  const nS = input.structures.length;
  for (const m of input.fixed ?? []) {
    const c = candidateIndex.get(m.candidateId);
    const s = structureIndex.get(m.structureId);
    if (c === undefined || s === undefined) throw new RangeError(`fixed meeting ${m.candidateId}–${m.structureId}: unknown candidate or structure`);
    if (!Number.isInteger(m.round) || m.round < 0 || m.round >= rounds) throw new RangeError(`fixed meeting ${m.candidateId}–${m.structureId}: round ${m.round} is outside the forum (0..${rounds - 1})`);
    if (!Number.isInteger(m.table) || m.table < 1 || m.table > tables[s]!) throw new RangeError(`fixed meeting ${m.candidateId}–${m.structureId}: table ${m.table} is not one of 1..${tables[s]}`);
    fixed.push({ round: m.round, s, table: m.table, c });
  }
  // Pairs as numbers c * nS + s, sorted: faster than a Set for tens of thousands of requests.

  // Priority classes: the distinct (mutual, priority) pairs, in compareRequestPriority order. There
  // are few of them, so they are sorted rather than the requests.
  const classOf = new Int32Array(input.requests.length);
  const classes: ForumRequest[] = [];
  const classIndex = [new Map<number, number>(), new Map<number, number>()];
  input.requests.forEach((r, i) => {
    const index = classIndex[r.mutual ? 1 : 0]!;
    let k = index.get(r.priority);
    if (k === undefined) {
      k = classes.length;
      index.set(r.priority, k);
      classes.push(r);
    }
    classOf[i] = k;
  });
  const rankOfClass = new Int32Array(classes.length);
  classes
    .map((r, k) => k)
    .sort((a, b) => compareRequestPriority(classes[a]!, classes[b]!) || a - b)
    .forEach((k, rank) => (rankOfClass[k] = rank));
  const rankOf = classOf.map((k) => rankOfClass[k]!);
  const ranks = classes.length;

  const fixedPairs = Float64Array.from(fixed, (m) => m.c * nS + m.s).sort();
  const keys = new Float64Array(input.requests.length);
  const perCandidate = new Int32Array(input.candidates.length);
  const perStructure = new Int32Array(nS);
  const candidateOf = new Int32Array(input.requests.length);
  const structureOf = new Int32Array(input.requests.length);
  input.requests.forEach((r, i) => {
    const c = candidateIndex.get(r.candidateId);
    const s = structureIndex.get(r.structureId);
    if (c === undefined) throw new RangeError(`request ${r.candidateId}–${r.structureId}: unknown candidate`);
    if (s === undefined) throw new RangeError(`request ${r.candidateId}–${r.structureId}: unknown structure`);
    if (!Number.isFinite(r.priority)) throw new RangeError(`request ${r.candidateId}–${r.structureId}: priority must be a finite number`);
    keys[i] = c * nS + s;
    candidateOf[i] = c;
    structureOf[i] = s;
    perCandidate[c]!++;
    perStructure[s]!++;
  });
  // A pair listed twice: the one with the smallest key c * nS + s is reported. Requests grouped
  // by candidate (counting sort), then a structure seen twice for the same candidate.
  const requestsFrom = new Int32Array(input.candidates.length + 1);
  for (let c = 0; c < input.candidates.length; c++) requestsFrom[c + 1] = requestsFrom[c]! + perCandidate[c]!;
  const byCandidate = new Int32Array(input.requests.length);
  const nextOf = requestsFrom.slice(0, input.candidates.length);
  for (let i = 0; i < input.requests.length; i++) byCandidate[nextOf[candidateOf[i]!]!++] = i;
  const seenFor = new Int32Array(nS).fill(-1);
  for (let c = 0, twice = -1; c < input.candidates.length && twice < 0; c++) {
    for (let k = requestsFrom[c]!; k < requestsFrom[c + 1]!; k++) {
      const s = structureOf[byCandidate[k]!]!;
      if (seenFor[s] === c && (twice < 0 || s < twice)) twice = s;
      seenFor[s] = c;
    }
    if (twice >= 0) {
      const first = input.requests[keys.indexOf(c * nS + twice)]!;
      throw new RangeError(`request ${first.candidateId}–${first.structureId} is listed twice`);
    }
  }
  let E = 0;
  const request = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) if (fixedPairs.length === 0 || !includes(fixedPairs, keys[i]!)) request[E++] = i;
  const edges: Edges = { length: E, c: new Int32Array(E), s: new Int32Array(E), rank: new Int32Array(E), request: request.slice(0, E) };
  for (let e = 0; e < E; e++) {
    const i = edges.request[e]!;
    edges.c[e] = candidateOf[i]!;
    edges.s[e] = structureOf[i]!;
    edges.rank[e] = rankOf[i]!;
  }

  // lowerBound(input), by index rather than by id.
  let bound = 0;
  for (const n of perCandidate) bound = Math.max(bound, n);
  perStructure.forEach((n, s) => (bound = Math.max(bound, Math.ceil(n / tables[s]!))));

  // Rounds taken by fixed meetings are closed to new meetings of that candidate, and a structure
  // whose tables are all fixed in a round is closed in it (the board marks the tables).
  const candidateFixed = new Uint8Array(input.candidates.length * rounds);
  const fixedAtStructure = new Int32Array(input.structures.length * rounds);
  for (const m of fixed) {
    candidateFixed[m.c * rounds + m.round] = 1;
    fixedAtStructure[m.s * rounds + m.round]!++;
  }
  const allowed = (e: number, r: number): boolean => {
    const c = edges.c[e]!;
    const s = edges.s[e]!;
    return (
      r >= fromRound &&
      r >= first[c]! &&
      r <= last[c]! &&
      structureOpen[s * rounds + r] === 1 &&
      candidateFixed[c * rounds + r] === 0 &&
      fixedAtStructure[s * rounds + r]! < tables[s]!
    );
  };

  return {
    input,
    rounds,
    fromRound,
    candidateIds: input.candidates.map((c) => c.id),
    structureIds: input.structures.map((s) => s.id),
    tables,
    first,
    last,
    structureOpen,
    edges,
    fixed,
    candidateFixed,
    fixedAtStructure,
    ranks,
    lowerBound: bound,
    windowFree: everyoneFree && fixed.length === 0 && fromRound === 0,
    allowed,
  };
}

/** Binary search in a sorted array. */
function includes(sorted: Float64Array, x: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] === x;
}

const firstAllowed = (p: Prepared, e: number) => Math.max(p.fromRound, p.first[p.edges.c[e]!]!);
const lastAllowed = (p: Prepared, e: number, horizon: number) => Math.min(p.last[p.edges.c[e]!]!, horizon - 1);

// -----------------------------------------------------------------------------------------------
// The board: who is where, in arrays indexed by round.

class Board {
  readonly rounds: number;
  /** Edge met by candidate c in round r (c * rounds + r), FREE, or FIXED. */
  readonly candAt: Int32Array;
  /** Edge at table k of structure s in round r (slotBase[s] + r * tables[s] + k), FREE, or FIXED. */
  readonly slots: Int32Array;
  readonly slotBase: Int32Array;
  /** Free tables of structure s in round r (s * rounds + r). */
  readonly freeTables: Int32Array;
  readonly roundOf: Int32Array;
  readonly slotOf: Int32Array;

  constructor(
    readonly p: Prepared,
    /** Rounds new meetings may use: 0..horizon-1. */
    public horizon: number,
    /** Rounds the arrays hold: the forum's, or fewer when no meeting can be later. */
    rounds = p.rounds,
  ) {
    const { tables } = p;
    this.rounds = rounds;
    this.candAt = new Int32Array(p.candidateIds.length * rounds).fill(FREE);
    this.slotBase = new Int32Array(tables.length);
    let total = 0;
    for (let s = 0; s < tables.length; s++) {
      this.slotBase[s] = total;
      total += tables[s]! * rounds;
    }
    this.slots = new Int32Array(total).fill(FREE);
    this.freeTables = new Int32Array(tables.length * rounds);
    for (let s = 0; s < tables.length; s++) this.freeTables.fill(tables[s]!, s * rounds, (s + 1) * rounds);
    for (const m of p.fixed) {
      if (this.candAt[m.c * rounds + m.round] === FIXED) throw new RangeError(`fixed meetings: ${p.candidateIds[m.c]} has two meetings in round ${m.round}`);
      const slot = this.slotIndex(m.s, m.round, m.table - 1);
      if (this.slots[slot] === FIXED) throw new RangeError(`fixed meetings: table ${m.table} of ${p.structureIds[m.s]} has two meetings in round ${m.round}`);
      this.candAt[m.c * rounds + m.round] = FIXED;
      this.slots[slot] = FIXED;
      this.freeTables[m.s * rounds + m.round]!--;
    }
    this.roundOf = new Int32Array(p.edges.length).fill(-1);
    this.slotOf = new Int32Array(p.edges.length).fill(-1);
  }

  slotIndex(s: number, r: number, k: number): number {
    return this.slotBase[s]! + r * this.p.tables[s]! + k;
  }

  /** A free table of structure s in round r (its slot index), or -1. */
  freeSlot(s: number, r: number): number {
    if (this.freeTables[s * this.rounds + r] === 0) return -1;
    const base = this.slotIndex(s, r, 0);
    for (let k = 0; k < this.p.tables[s]!; k++) if (this.slots[base + k] === FREE) return base + k;
    return -1;
  }

  assign(e: number, r: number, slot: number): void {
    if (this.journal) this.journal.push(1, e, r, slot);
    const c = this.p.edges.c[e]!;
    const s = this.p.edges.s[e]!;
    this.roundOf[e] = r;
    this.slotOf[e] = slot;
    this.candAt[c * this.rounds + r] = e;
    this.slots[slot] = e;
    this.freeTables[s * this.rounds + r]!--;
  }

  unassign(e: number): void {
    if (this.journal) this.journal.push(0, e, this.roundOf[e]!, this.slotOf[e]!);
    const c = this.p.edges.c[e]!;
    const s = this.p.edges.s[e]!;
    this.candAt[c * this.rounds + this.roundOf[e]!] = FREE;
    this.slots[this.slotOf[e]!] = FREE;
    this.freeTables[s * this.rounds + this.roundOf[e]!]!++;
    this.roundOf[e] = -1;
    this.slotOf[e] = -1;
  }

  /** Changes since the search began (kind, edge, round, slot), to undo a failed branch. */
  journal: number[] | undefined;

  mark(): number {
    return this.journal!.length;
  }

  rollback(mark: number): void {
    const journal = this.journal!;
    this.journal = undefined;
    while (journal.length > mark) {
      const slot = journal.pop()!;
      const r = journal.pop()!;
      const e = journal.pop()!;
      if (journal.pop() === 1) this.unassign(e);
      else this.assign(e, r, slot);
    }
    this.journal = journal;
  }

  /** Scheduled requests per priority class. */
  classCounts(): number[] {
    const counts = new Array<number>(this.p.ranks).fill(0);
    for (let e = 0; e < this.p.edges.length; e++) {
      if (this.roundOf[e]! >= 0) counts[this.p.edges.rank[e]!]!++;
    }
    return counts;
  }

  roundsUsed(): number {
    let used = 0;
    for (const m of this.p.fixed) used = Math.max(used, m.round + 1);
    for (const r of this.roundOf) used = Math.max(used, r + 1);
    return used;
  }
}

// -----------------------------------------------------------------------------------------------
// Path 1: exact edge colouring of the window-free case.

function colourExactly(p: Prepared): Board {
  const delta = p.lowerBound;
  const nC = p.candidateIds.length;
  // Table nodes: structure s owns nodes tableNode[s] .. tableNode[s] + tables[s] - 1; its i-th
  // request (input order) goes to table i mod tables, which balances their degrees.
  const tableNode = new Int32Array(p.tables.length);
  let nodes = nC;
  for (let s = 0; s < p.tables.length; s++) {
    tableNode[s] = nodes;
    nodes += p.tables[s]!;
  }
  const seenAt = new Int32Array(p.tables.length);
  const E = p.edges.length;
  const u = new Int32Array(E);
  const v = new Int32Array(E);
  for (let e = 0; e < p.edges.length; e++) {
    u[e] = p.edges.c[e]!;
    v[e] = tableNode[p.edges.s[e]!]! + (seenAt[p.edges.s[e]!]!++ % p.tables[p.edges.s[e]!]!);
  }
  // at[node * delta + colour] = the edge of that colour at that node, or FREE.
  const at = new Int32Array(nodes * delta).fill(FREE);
  const colour = new Int32Array(E).fill(-1);
  const firstFree = (node: number) => {
    const base = node * delta;
    let k = 0;
    while (at[base + k] !== FREE) k++;
    return k;
  };
  // Where each candidate's meetings are so far (approximately: swaps along paths are not
  // tracked), to give them colours next to each other when there is a choice.
  const low = new Int32Array(nC).fill(delta);
  const high = new Int32Array(nC).fill(-1);
  const path: number[] = [];
  for (let e = 0; e < E; e++) {
    // A colour free at both ends, as close as possible to the candidate's other meetings.
    const uBase = u[e]! * delta;
    const vBase = v[e]! * delta;
    // Failing that, the colour free at the candidate that is closest, and a Kempe swap.
    const lo = low[u[e]!]!;
    const hi = high[u[e]!]!;
    // Colours in order of (distance to [lo, hi], colour): [lo, hi] first, then lo - d and hi + d
    // for d = 1, 2, ... (all of them in order when the candidate has no meeting yet). `a` is the
    // first free at both ends, `nearest` the first free at the candidate.
    let a = -1;
    let nearest = -1;
    const width = hi < 0 ? 0 : hi - lo + 1;
    for (let i = 0; a < 0; i++) {
      let k: number;
      if (hi < 0 || i < width) {
        k = hi < 0 ? i : lo + i;
        if (k >= delta) break;
      } else {
        const d = ((i - width) >> 1) + 1;
        if (lo - d < 0 && hi + d >= delta) break;
        k = (i - width) & 1 ? hi + d : lo - d;
        if (k < 0 || k >= delta) continue;
      }
      if (at[uBase + k] !== FREE) continue;
      if (nearest < 0) nearest = k;
      if (at[vBase + k] === FREE) a = k;
    }
    if (a < 0) {
      a = nearest;
      const b = firstFree(v[e]!);
      // Swap a and b along the alternating path from v[e] that starts with its a-edge. Table
      // nodes are entered by b-edges and candidates by a-edges; u[e] has no a-edge, so the path
      // never reaches it, and afterwards v[e] has no a-edge either.
      path.length = 0;
      let node = v[e]!;
      let c = a;
      for (let f = at[node * delta + c]!; f !== FREE; f = at[node * delta + c]!) {
        path.push(f);
        node = node === u[f] ? v[f]! : u[f]!;
        c = c === a ? b : a;
      }
      for (const f of path) {
        at[u[f]! * delta + colour[f]!] = FREE;
        at[v[f]! * delta + colour[f]!] = FREE;
      }
      for (const f of path) {
        colour[f] = colour[f] === a ? b : a;
        at[u[f]! * delta + colour[f]!] = f;
        at[v[f]! * delta + colour[f]!] = f;
      }
    }
    colour[e] = a;
    at[uBase + a] = e;
    at[vBase + a] = e;
    low[u[e]!] = Math.min(low[u[e]!]!, a);
    high[u[e]!] = Math.max(high[u[e]!]!, a);
  }
  const board = new Board(p, delta, delta);
  for (let e = 0; e < E; e++) {
    const s = p.edges.s[e]!;
    board.assign(e, colour[e]!, board.slotIndex(s, colour[e]!, v[e]! - tableNode[s]!));
  }
  return board;
}

// -----------------------------------------------------------------------------------------------
// Path 2: insertion with ejection chains, then the shortest horizon that keeps every class.

/** Bounds one insertion's search (edge-round pairs examined), so that large instances stay fast. */
const CHAIN_BUDGET = 20_000;
/** Bounds a chain's length (and so the recursion's depth). */
const CHAIN_DEPTH = 500;
/** The exhaustive search's longest chain and its work per depth. */
const EXHAUSTIVE_DEPTH = 6;
const EXHAUSTIVE_BUDGET = 5_000;

function scheduleByInsertion(p: Prepared): Board {
  // Most constrained first within a class: a request with few allowed rounds has fewer chances
  // later. Allowed rounds are counted over the whole forum.
  const allowedCount = Array.from({ length: p.edges.length }, (_, e) => {
    let n = 0;
    for (let r = firstAllowed(p, e); r <= lastAllowed(p, e, p.rounds); r++) if (p.allowed(e, r)) n++;
    return n;
  });
  const order = Array.from({ length: p.edges.length }, (_, e) => e);
  order.sort((a, b) => p.edges.rank[a]! - p.edges.rank[b]! || allowedCount[a]! - allowedCount[b]! || a - b);

  let best = insertAll(p, order, p.rounds);
  for (;;) {
    let bestCounts = best.classCounts();
    // The horizon that keeps every class: binary search between a counting bound and the
    // rounds used. Success is not strictly monotone for a heuristic, so this may miss a shorter
    // horizon below a failed one; the oracle test bounds what that costs.
    let lo = horizonLowerBound(p, best);
    let hi = best.roundsUsed();
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const attempt = insertAll(p, order, mid);
      const counts = attempt.classCounts();
      if (compareCounts(counts, bestCounts) >= 0) {
        best = attempt;
        bestCounts = counts;
        hi = Math.min(mid, attempt.roundsUsed());
      } else {
        lo = mid + 1;
      }
    }
    // A shorter horizon may have left out a request that fits in the rounds beyond it: more
    // requests come before fewer rounds, so take it, and look for the horizon again.
    insertAll(p, order, p.rounds, best);
    if (compareCounts(best.classCounts(), bestCounts) === 0) break;
  }
  best.horizon = best.roundsUsed();
  return best;
}

/** Lexicographic comparison of scheduled counts per class (first class first). */
function compareCounts(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return 0;
}

/**
 * No horizon below this can hold the meetings scheduled on `board`: each candidate needs as
 * many allowed rounds as it has meetings, each structure as many free tables, and the fixed
 * meetings stay where they are.
 */
function horizonLowerBound(p: Prepared, board: Board): number {
  let bound = Math.min(p.fromRound, p.rounds);
  for (const m of p.fixed) bound = Math.max(bound, m.round + 1);
  const R = p.rounds;
  const needC = new Int32Array(p.candidateIds.length);
  const needS = new Int32Array(p.structureIds.length);
  const okC = new Uint8Array(p.candidateIds.length * R);
  const okS = new Uint8Array(p.structureIds.length * R);
  for (let e = 0; e < p.edges.length; e++) {
    if (board.roundOf[e]! < 0) continue;
    needC[p.edges.c[e]!]!++;
    needS[p.edges.s[e]!]!++;
    for (let r = firstAllowed(p, e); r <= lastAllowed(p, e, R); r++) {
      if (p.allowed(e, r)) {
        okC[p.edges.c[e]! * R + r] = 1;
        okS[p.edges.s[e]! * R + r] = 1;
      }
    }
  }
  for (let c = 0; c < needC.length; c++) {
    let have = 0;
    for (let r = 0; r < R && have < needC[c]!; r++) if (okC[c * R + r] && ++have === needC[c]) bound = Math.max(bound, r + 1);
  }
  for (let s = 0; s < needS.length; s++) {
    let have = 0;
    for (let r = 0; r < R && have < needS[s]!; r++) {
      if (!okS[s * R + r]) continue;
      let free = 0;
      for (let k = 0; k < p.tables[s]!; k++) if (board.slots[board.slotIndex(s, r, k)] !== FIXED) free++;
      have += free;
      if (have >= needS[s]!) bound = Math.max(bound, r + 1);
    }
  }
  return bound;
}

/** Inserts the requests of `order` not yet on the board (a new one unless `start` is given). */
function insertAll(p: Prepared, order: readonly number[], horizon: number, start?: Board): Board {
  const board = start ?? new Board(p, horizon);
  board.horizon = horizon;
  const R = board.rounds;
  const visited = new Int32Array(p.edges.length);
  let stamp = 0;
  let budget = 0;
  let root = -1;
  // Requests by candidate and by structure, for substitutions.
  const byCandidate: number[][] = p.candidateIds.map(() => []);
  const byStructure: number[][] = p.structureIds.map(() => []);
  for (let e = 0; e < p.edges.length; e++) {
    byCandidate[p.edges.c[e]!]!.push(e);
    byStructure[p.edges.s[e]!]!.push(e);
  }

  // Places edge f in the earliest allowed round where its candidate and a table are free.
  const placeDirectly = (f: number): boolean => {
    const c = p.edges.c[f]!;
    const s = p.edges.s[f]!;
    for (let r = firstAllowed(p, f); r <= lastAllowed(p, f, horizon); r++) {
      if (board.candAt[c * R + r] !== FREE || !p.allowed(f, r)) continue;
      const slot = board.freeSlot(s, r);
      if (slot >= 0) {
        board.assign(f, r, slot);
        return true;
      }
    }
    return false;
  };

  // Edge f is unplaced (the request being inserted, or a meeting moved out of its way): place
  // it, in order of preference,
  //  - directly, in a round where its candidate and a table are free;
  //  - in a round where exactly one side is busy, moving the one meeting g in the way, which is
  //    then placed in turn (a Kempe-chain step);
  //  - if f was a meeting, by leaving it out and scheduling instead an unscheduled request h of
  //    the same candidate or structure and of equal or higher priority, in turn (an augmenting
  //    path step: what a matching algorithm does inside one round);
  //  - if f was a meeting of lower priority than the request being inserted, by leaving it out.
  // So a chain never lowers the scheduled count of a priority class without raising that of a
  // higher one. Each request enters a chain at most once per attempt (visited), and every
  // change is undone on failure, so the board stays valid whatever happens.
  const chain = (f: number, depth: number): boolean => {
    if (placeDirectly(f)) return true;
    if (depth >= maxDepth) return false;
    const c = p.edges.c[f]!;
    const s = p.edges.s[f]!;
    const rank = p.edges.rank[f]!;
    for (let r = firstAllowed(p, f); r <= lastAllowed(p, f, horizon); r++) {
      if (budget-- <= 0) return false;
      if (!p.allowed(f, r)) continue;
      // In the way: the candidate's meeting in r, if any, and, when every table is busy, one of
      // theirs (each tried in turn).
      const atCandidate = board.candAt[c * R + r]!;
      if (atCandidate >= 0 && visited[atCandidate] === stamp) continue;
      const slot = board.freeSlot(s, r);
      if (slot >= 0) {
        if (moveAside(f, r, slot, atCandidate, -1, depth)) return true;
        continue;
      }
      const base = board.slotIndex(s, r, 0);
      for (let k = 0; k < p.tables[s]!; k++) {
        const g = board.slots[base + k]!;
        if (g < 0 || visited[g] === stamp) continue;
        if (moveAside(f, r, base + k, atCandidate, g, depth)) return true;
      }
    }
    if (f === root) return false;
    for (const h of [...byCandidate[c]!, ...byStructure[s]!]) {
      if (visited[h] === stamp || board.roundOf[h]! >= 0 || p.edges.rank[h]! > rank) continue;
      if (budget-- <= 0) return false;
      visited[h] = stamp;
      if (chain(h, depth + 1)) return true;
      if (exhaustive) visited[h] = 0;
    }
    return rank > p.edges.rank[root]!;
  };

  // Puts f in round r at `slot`, after taking out g1 and g2 (either may be -1), which must then
  // find a place in turn; undone if they do not.
  const moveAside = (f: number, r: number, slot: number, g1: number, g2: number, depth: number): boolean => {
    const mark = board.mark();
    for (const g of [g1, g2]) {
      if (g < 0) continue;
      visited[g] = stamp;
      board.unassign(g);
    }
    board.assign(f, r, slot);
    if ((g1 < 0 || chain(g1, depth + 1)) && (g2 < 0 || chain(g2, depth + 1))) return true;
    board.rollback(mark);
    if (exhaustive) for (const g of [g1, g2]) if (g >= 0) visited[g] = 0;
    return false;
  };

  let exhaustive = false;
  let maxDepth = CHAIN_DEPTH;
  const insert = (e: number): boolean => {
    root = e;
    board.journal = [];
    // First a fast search: a request that failed to move once is not tried again in this
    // attempt, although moves elsewhere in the chain may have changed what it could do.
    stamp++;
    visited[e] = stamp;
    budget = CHAIN_BUDGET;
    exhaustive = false;
    maxDepth = CHAIN_DEPTH;
    if (chain(e, 0)) return true;
    // Then every short chain, shortest first (only the chain itself is marked): this finds the
    // exchanges that the fast search pruned, such as a higher-priority meeting changing
    // structure to leave its table to two others.
    for (maxDepth = 1, exhaustive = true; maxDepth <= EXHAUSTIVE_DEPTH; maxDepth++) {
      stamp++;
      visited[e] = stamp;
      budget = EXHAUSTIVE_BUDGET;
      if (chain(e, 0)) return true;
    }
    return false;
  };

  // A substitution may already have placed a request further down the order.
  for (const e of order) if (board.roundOf[e]! < 0) insert(e);
  // Later insertions moved meetings around: a request that failed may fit now, possibly in
  // place of one of lower priority (which then waits for its own turn here, or stays out).
  for (let again = true; again; ) {
    again = false;
    for (const e of order) {
      if (board.roundOf[e]! < 0 && insert(e)) again = true;
    }
  }
  board.journal = undefined;
  return board;
}

// -----------------------------------------------------------------------------------------------
// Fairness.

/**
 * Shortens candidates' waits without touching anything else. A candidate's idle rounds are the
 * rounds between their first and last meeting (fixed ones included) in which they meet no one.
 * Only a first or a last meeting can shorten that span (moving one in between changes nothing;
 * moving one outwards lengthens it), so each step moves a candidate's first or last new meeting
 * to the round that most reduces their idle rounds: a round where they are free and allowed,
 * where a table of the structure is free, at or after fromRound and before the horizon (the
 * rounds used when the pass starts, so roundsUsed never grows). Each step lowers the total idle
 * by at least one, so the pass ends, and it ends only when no step remains.
 *
 * Guaranteed (and tested): no single new meeting can be moved to another round, under those
 * conditions, so as to reduce its candidate's idle rounds. Not guaranteed: the minimum total,
 * which may need several meetings of several candidates to move together.
 */
function compactCandidates(board: Board): void {
  const p = board.p;
  const R = board.rounds;
  const horizon = board.roundsUsed();
  const nC = p.candidateIds.length;
  // Each candidate's rounds, sorted (fixed meetings included), in one array: candidate c's are
  // rounds[start[c]] .. rounds[start[c + 1] - 1]. Their number never changes (meetings only move).
  const start = new Int32Array(nC + 1);
  for (const m of p.fixed) start[m.c + 1]!++;
  for (let e = 0; e < p.edges.length; e++) {
    if (board.roundOf[e]! >= 0) start[p.edges.c[e]! + 1]!++;
  }
  for (let c = 0; c < nC; c++) start[c + 1]! += start[c]!;
  const roundsOf = new Int32Array(start[nC]!);
  const filled = start.slice(0, nC);
  for (const m of p.fixed) roundsOf[filled[m.c]!++] = m.round;
  for (let e = 0; e < p.edges.length; e++) {
    if (board.roundOf[e]! >= 0) roundsOf[filled[p.edges.c[e]!]!++] = board.roundOf[e]!;
  }
  for (let c = 0; c < nC; c++) {
    // Insertion sort: a candidate has a handful of meetings.
    for (let i = start[c]! + 1; i < start[c + 1]!; i++) {
      const r = roundsOf[i]!;
      let j = i - 1;
      for (; j >= start[c]! && roundsOf[j]! > r; j--) roundsOf[j + 1] = roundsOf[j]!;
      roundsOf[j + 1] = r;
    }
  }

  // Rounds where a candidate is free, and where a structure is open with a free table, as
  // bitsets: the search for a round that suits both is then 32 rounds at a time. Windows and
  // fromRound are the bounds of the search (firstAllowed, lastAllowed).
  const W = (R + 31) >> 5;
  const candidateBits = new Int32Array(nC * W);
  const structureBits = new Int32Array(p.structureIds.length * W);
  candidateBits.fill(-1);
  for (let c = 0; c < nC; c++) {
    for (let i = start[c]!; i < start[c + 1]!; i++) candidateBits[c * W + (roundsOf[i]! >> 5)]! &= ~(1 << (roundsOf[i]! & 31));
  }
  for (let s = 0; s < p.structureIds.length; s++) {
    for (let r = 0; r < R; r++) {
      if (board.freeTables[s * R + r]! > 0 && p.structureOpen[s * p.rounds + r] === 1) structureBits[s * W + (r >> 5)]! |= 1 << (r & 31);
    }
  }
  /** The first round of [a, b] that suits both, or -1. */
  const lowest = (c: number, s: number, a: number, b: number): number => {
    for (let w = a >> 5; a <= b && w <= b >> 5; w++) {
      let bits = candidateBits[c * W + w]! & structureBits[s * W + w]!;
      if (w === a >> 5) bits &= -1 << (a & 31);
      if (w === b >> 5 && (b & 31) < 31) bits &= (1 << ((b & 31) + 1)) - 1;
      if (bits !== 0) return (w << 5) + 31 - Math.clz32(bits & -bits);
    }
    return -1;
  };
  /** The last round of [a, b] that suits both, or -1. */
  const highest = (c: number, s: number, a: number, b: number): number => {
    for (let w = b >> 5; a <= b && w >= a >> 5; w--) {
      let bits = candidateBits[c * W + w]! & structureBits[s * W + w]!;
      if (w === a >> 5) bits &= -1 << (a & 31);
      if (w === b >> 5 && (b & 31) < 31) bits &= (1 << ((b & 31) + 1)) - 1;
      if (bits !== 0) return (w << 5) + 31 - Math.clz32(bits);
    }
    return -1;
  };

  // Only a table freed at one of a candidate's structures can open a new step for them: a
  // candidate is looked at again only if one of theirs freed a table since their last look.
  // Candidate c's structures: structuresOf[firstStructure[c]] .. [firstStructure[c + 1] - 1].
  const firstStructure = new Int32Array(nC + 1);
  for (let e = 0; e < p.edges.length; e++) firstStructure[p.edges.c[e]! + 1]!++;
  for (let c = 0; c < nC; c++) firstStructure[c + 1]! += firstStructure[c]!;
  const structuresOf = new Int32Array(p.edges.length);
  const next = firstStructure.slice(0, nC);
  for (let e = 0; e < p.edges.length; e++) structuresOf[next[p.edges.c[e]!]!++] = p.edges.s[e]!;
  const freedAt = new Int32Array(p.structureIds.length);
  const lookedAt = new Int32Array(nC).fill(-1);
  let step = 0;
  for (let again = true; again; ) {
    again = false;
    for (let c = 0; c < nC; c++) {
      if (lookedAt[c]! >= 0) {
        let freed = false;
        for (let i = firstStructure[c]!; i < firstStructure[c + 1]! && !freed; i++) freed = freedAt[structuresOf[i]!]! > lookedAt[c]!;
        if (!freed) continue;
      }
      for (let s = improve(c); s >= 0; s = improve(c)) {
        freedAt[s] = ++step;
        again = true;
      }
      lookedAt[c] = step;
    }
  }

  /** Makes the best step for candidate c and returns the structure it freed a table of, or -1. */
  function improve(c: number): number {
    const first = start[c]!;
    const n = start[c + 1]! - first;
    if (n < 2) return -1;
    const lastIndex = first + n - 1;
    const span = roundsOf[lastIndex]! - roundsOf[first]!;
    if (span + 1 === n) return -1;
    let bestGain = 0;
    let bestEdge = -1;
    let bestRound = -1;
    for (let side = 0; side < 2; side++) {
      const e = board.candAt[c * R + roundsOf[side === 0 ? first : lastIndex]!]!;
      if (e < 0) continue; // fixed
      // Without this meeting the others span [lo, hi]. Back in a round of [lo, hi] it gains
      // span - (hi - lo) idle rounds, the most it can; d rounds outside, d fewer. So rounds are
      // tried from [lo, hi] outwards and the first one free is the best for this side.
      const lo = side === 0 ? roundsOf[first + 1]! : roundsOf[first]!;
      const hi = side === 0 ? roundsOf[lastIndex]! : roundsOf[lastIndex - 1]!;
      const most = span - (hi - lo);
      if (most <= bestGain) continue;
      const from = firstAllowed(p, e);
      const to = lastAllowed(p, e, horizon);
      const s = p.edges.s[e]!;
      let found = lowest(c, s, Math.max(lo + 1, from), Math.min(hi - 1, to));
      if (found < 0) {
        // d rounds outside [lo, hi] still gain if most - d > bestGain.
        const reach = most - bestGain - 1;
        const left = highest(c, s, Math.max(from, lo - reach), Math.min(to, lo - 1));
        const right = lowest(c, s, Math.max(from, hi + 1), Math.min(to, hi + reach));
        found = left >= 0 && (right < 0 || lo - left <= right - hi) ? left : right;
      }
      if (found >= 0) {
        bestGain = found > lo && found < hi ? most : most - (found < lo ? lo - found : found - hi);
        bestEdge = e;
        bestRound = found;
      }
    }
    if (bestEdge < 0) return -1;
    const old = board.roundOf[bestEdge]!;
    const s = p.edges.s[bestEdge]!;
    board.unassign(bestEdge);
    board.assign(bestEdge, bestRound, board.freeSlot(s, bestRound));
    candidateBits[c * W + (old >> 5)]! |= 1 << (old & 31);
    candidateBits[c * W + (bestRound >> 5)]! &= ~(1 << (bestRound & 31));
    structureBits[s * W + (old >> 5)]! |= 1 << (old & 31);
    if (board.freeTables[s * R + bestRound] === 0) structureBits[s * W + (bestRound >> 5)]! &= ~(1 << (bestRound & 31));
    // The moved meeting was the first or the last: take it out, shift, and put the new round in
    // its sorted place, in place.
    if (roundsOf[first] === old) {
      let i = first;
      for (; i < lastIndex && roundsOf[i + 1]! < bestRound; i++) roundsOf[i] = roundsOf[i + 1]!;
      roundsOf[i] = bestRound;
    } else {
      let i = lastIndex;
      for (; i > first && roundsOf[i - 1]! > bestRound; i--) roundsOf[i] = roundsOf[i - 1]!;
      roundsOf[i] = bestRound;
    }
    return s;
  }
}

// -----------------------------------------------------------------------------------------------
// The output.

function output(p: Prepared, board: Board): ScheduleOutput {
  // Meetings as columns: fixed ones first, then the new ones.
  const count = p.fixed.length + board.roundOf.reduce((n, r) => (r >= 0 ? n + 1 : n), 0);
  const mRound = new Int32Array(count);
  const mStructure = new Int32Array(count);
  const mTable = new Int32Array(count);
  const mCandidate = new Int32Array(count);
  let n = 0;
  for (const m of p.fixed) {
    mRound[n] = m.round;
    mStructure[n] = m.s;
    mTable[n] = m.table;
    mCandidate[n++] = m.c;
  }
  // Tables are interchangeable within a round: number the new meetings from the lowest table
  // that no fixed meeting holds, in the order of the requests, whatever slot the search used.
  const R = board.rounds;
  const nextTable = new Int32Array(p.structureIds.length * R);
  for (let e = 0; e < p.edges.length; e++) {
    const r = board.roundOf[e]!;
    if (r < 0) continue;
    const base = board.slotIndex(p.edges.s[e]!, r, 0);
    let k = nextTable[p.edges.s[e]! * R + r]!;
    while (board.slots[base + k] === FIXED) k++;
    nextTable[p.edges.s[e]! * R + r] = k + 1;
    mRound[n] = r;
    mStructure[n] = p.edges.s[e]!;
    mTable[n] = k + 1;
    mCandidate[n++] = p.edges.c[e]!;
  }
  // Sorted by round, structure id, table: a counting sort on (round, rank of the id), then
  // tables in order within each of these small groups.
  const rankOfStructure = new Int32Array(p.structureIds.length);
  p.structureIds
    .map((id, s) => ({ id, s }))
    .sort((a, b) => compareIds(a.id, b.id))
    .forEach(({ s }, rank) => (rankOfStructure[s] = rank));
  const S = p.structureIds.length;
  let rounds = R;
  for (const r of mRound) rounds = Math.max(rounds, r + 1);
  const starts = new Int32Array(rounds * S + 1);
  for (let i = 0; i < count; i++) starts[mRound[i]! * S + rankOfStructure[mStructure[i]!]! + 1]!++;
  for (let k = 1; k < starts.length; k++) starts[k]! += starts[k - 1]!;
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[starts[mRound[i]! * S + rankOfStructure[mStructure[i]!]!]!++] = i;
  for (let i = 1; i < count; i++) {
    const x = order[i]!;
    let j = i - 1;
    for (; j >= 0 && mRound[order[j]!] === mRound[x] && mStructure[order[j]!] === mStructure[x] && mTable[order[j]!]! > mTable[x]!; j--) order[j + 1] = order[j]!;
    order[j + 1] = x;
  }
  const meetings: ForumMeeting[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const m = order[i]!;
    meetings[i] = { round: mRound[m]!, structureId: p.structureIds[mStructure[m]!]!, table: mTable[m]!, candidateId: p.candidateIds[mCandidate[m]!]! };
  }

  const unscheduled: ScheduleOutput['unscheduled'] = [];
  const edgeOfRequest = new Int32Array(p.input.requests.length).fill(-1);
  for (let e = 0; e < p.edges.length; e++) edgeOfRequest[p.edges.request[e]!] = e;
  p.input.requests.forEach((request, i) => {
    const e = edgeOfRequest[i]!;
    if (e < 0 || board.roundOf[e]! >= 0) return;
    unscheduled.push({ candidateId: request.candidateId, structureId: request.structureId, ...explain(p, e) });
  });
  return { meetings, unscheduled, roundsUsed: board.roundsUsed(), lowerBound: p.lowerBound, windowFree: p.windowFree };
}

/** Ids in code-unit order: the same everywhere, unlike a locale's collation. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Why a request found no round, in words an organiser can act on. */
function explain(p: Prepared, e: number): { reason: UnscheduledReason; detail: Text } {
  const c = p.edges.c[e]!;
  const s = p.edges.s[e]!;
  const R = p.rounds;
  const cid = p.candidateIds[c]!;
  const sid = p.structureIds[s]!;
  const candidateRounds: number[] = [];
  const structureRounds: number[] = [];
  const common: number[] = [];
  for (let r = p.fromRound; r < R; r++) {
    const candidateFree = r >= p.first[c]! && r <= p.last[c]! && p.candidateFixed[c * R + r] === 0;
    const structureFree = p.structureOpen[s * R + r] === 1 && p.fixedAtStructure[s * R + r]! < p.tables[s]!;
    if (candidateFree) candidateRounds.push(r);
    if (structureFree) structureRounds.push(r);
    if (p.allowed(e, r)) common.push(r);
  }
  // The words are catalogue texts (pure data, src/i18n/): whoever shows them picks the language.
  const from = p.fromRound > 0 ? p.fromRound : undefined;
  if (structureRounds.length === 0) {
    return { reason: 'structure-unavailable', detail: text('schedule.structureUnavailable', { structure: sid, from, rounds: R }) };
  }
  if (candidateRounds.length === 0) {
    const present = p.first[c]! <= p.last[c]! ? formatRounds(range(p.first[c]!, p.last[c]!)) : undefined;
    return { reason: 'candidate-unavailable', detail: text('schedule.candidateUnavailable', { candidate: cid, present, from, rounds: R }) };
  }
  if (common.length === 0) {
    return {
      reason: 'no-common-round',
      detail: text('schedule.noCommonRound', { candidate: cid, structure: sid, candidateRounds: formatRounds(candidateRounds), structureRounds: formatRounds(structureRounds) }),
    };
  }
  return {
    reason: 'forum-too-short',
    detail: text('schedule.forumTooShort', { candidate: cid, structure: sid, count: common.length, common: formatRounds(common) }),
  };
}

function range(from: number, to: number): number[] {
  const rounds: number[] = [];
  for (let r = from; r <= to; r++) rounds.push(r);
  return rounds;
}

/** "0–2, 5, 7–9" from [0, 1, 2, 5, 7, 8, 9] (sorted). */
export function formatRounds(rounds: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < rounds.length; ) {
    let j = i;
    while (j + 1 < rounds.length && rounds[j + 1] === rounds[j]! + 1) j++;
    parts.push(j === i ? `${rounds[i]}` : `${rounds[i]}–${rounds[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}
