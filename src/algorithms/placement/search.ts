/**
 * Local search of optimal mode (./README.md, optimal mode step 3): moves, ejection chains and
 * kicks over the free singles, every state valued by the pairing of the missions it changes.
 * Its work is counted in pairing evaluations, never in time, so that the result does not depend
 * on the machine.
 */
import { EPS, type Model } from './model.js';
import type { Pairing } from './pairing.js';

/** Ejection chains: moves per chain. */
const CHAIN_DEPTH = 3;
/** Two volunteers of a mission swapped with two of another only when both hold at most this many. */
const SWAP_TWO_LIMIT = 4;
/** Candidates kept by the two-for-two replacement. */
const TOP_UNPLACED = 8;
/** Unplaced candidates looked at per mission (its column, best scores first). */
const POOL_SCAN = 64;
/** Missions per volunteer tried by a chain step (best scores first), and partners pulled. */
const CHAIN_WIDTH = 6;
/** Missions cleared by a related kick. */
const KICK_WIDTH = 6;

export class Search {
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
