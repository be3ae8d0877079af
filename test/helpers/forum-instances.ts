/**
 * Forum-scheduling instances from a seed, the same on every run: the oracle test's small ones
 * and the benchmark's (bench/forum-schedule.ts).
 */
import type { ScheduleInput } from '../../src/algorithms/forum-schedule.js';

/** mulberry32: small, fast, and the same sequence on every run. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const chance = (p: number) => next() < p;
  return { next, int, chance };
}

export interface ForumShape {
  candidates: number;
  structures: number;
  requestsPerCandidate: number;
  /** Tables per structure, drawn between these (inclusive). */
  tables: readonly [number, number];
  /** The forum's rounds: by default the lower bound times `factor` (1) plus `slack` (0). */
  rounds?: number;
  factor?: number;
  slack?: number;
  /** Late arrivals, early leaves and a few unavailable rounds per structure. */
  windowed?: boolean;
}

/**
 * Candidates ask for distinct structures, popular ones more often (weight 1 / (1 + 2 rank / S),
 * so the busiest structure gets about three times the requests of the quietest). 30 % of requests are mutual,
 * priorities 1 to 3. Windowed: 30 % of candidates arrive late, 30 % leave early (within the
 * middle of the forum), half the structures close for one to three rounds.
 */
export function randomForum(seed: number, shape: ForumShape): ScheduleInput {
  const rand = prng(seed);
  const structures: { id: string; tables: number; unavailableRounds?: number[] }[] = [];
  const weights: number[] = [];
  for (let s = 0; s < shape.structures; s++) {
    structures.push({ id: `S${String(s).padStart(4, '0')}`, tables: rand.int(shape.tables[0], shape.tables[1]) });
    weights.push(1 / (1 + (2 * s) / shape.structures));
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const candidates: { id: string; firstRound?: number; lastRound?: number }[] = [];
  const requests: ScheduleInput['requests'][number][] = [];
  for (let c = 0; c < shape.candidates; c++) {
    const id = `C${String(c).padStart(5, '0')}`;
    candidates.push({ id });
    const chosen = new Set<number>();
    const want = Math.min(shape.requestsPerCandidate, shape.structures);
    while (chosen.size < want) {
      let x = rand.next() * total;
      let s = 0;
      while (s < weights.length - 1 && (x -= weights[s]!) > 0) s++;
      chosen.add(s);
    }
    for (const s of chosen) requests.push({ candidateId: id, structureId: structures[s]!.id, mutual: rand.chance(0.3), priority: rand.int(1, 3) });
  }
  const perCandidate = Math.min(shape.requestsPerCandidate, shape.structures);
  const perStructure = new Map<string, number>();
  for (const r of requests) perStructure.set(r.structureId, (perStructure.get(r.structureId) ?? 0) + 1);
  let bound = perCandidate;
  for (const s of structures) bound = Math.max(bound, Math.ceil((perStructure.get(s.id) ?? 0) / s.tables));
  const rounds = shape.rounds ?? Math.ceil(bound * (shape.factor ?? 1)) + (shape.slack ?? 0);
  if (shape.windowed) {
    for (const c of candidates) {
      if (rand.chance(0.3)) c.firstRound = rand.int(1, Math.max(1, Math.floor(rounds / 2)));
      if (rand.chance(0.3)) c.lastRound = rand.int(Math.floor(rounds / 2), Math.max(Math.floor(rounds / 2), rounds - 2));
    }
    for (const s of structures) {
      if (!rand.chance(0.5)) continue;
      const closed = new Set<number>();
      for (let k = rand.int(1, 3); k > 0; k--) closed.add(rand.int(0, rounds - 1));
      s.unavailableRounds = [...closed].sort((a, b) => a - b);
    }
  }
  return { rounds, structures, candidates, requests };
}

/**
 * A small instance for the oracle: 3–8 candidates, 1–4 structures of 1–3 tables, 2–7 rounds,
 * windows and closed rounds, and in one case out of three a live repair: a fromRound with fixed
 * meetings before it (some of them meeting requests, some not).
 */
export function smallForum(seed: number): ScheduleInput {
  const rand = prng(seed);
  const rounds = rand.int(2, 7);
  const structures = Array.from({ length: rand.int(1, 4) }, (_, s) => {
    const closed = new Set<number>();
    if (rand.chance(0.4)) for (let k = rand.int(1, 2); k > 0; k--) closed.add(rand.int(0, rounds - 1));
    return { id: `S${s}`, tables: rand.int(1, 3), ...(closed.size > 0 ? { unavailableRounds: [...closed].sort((a, b) => a - b) } : {}) };
  });
  const candidates = Array.from({ length: rand.int(3, 8) }, (_, c) => ({
    id: `C${c}`,
    ...(rand.chance(0.3) ? { firstRound: rand.int(0, rounds - 1) } : {}),
    ...(rand.chance(0.3) ? { lastRound: rand.int(0, rounds - 1) } : {}),
  }));
  const requests: ScheduleInput['requests'][number][] = [];
  for (const c of candidates) {
    for (const s of structures) {
      if (rand.chance(0.6)) requests.push({ candidateId: c.id, structureId: s.id, mutual: rand.chance(0.3), priority: rand.int(0, 1) });
    }
  }
  if (!rand.chance(1 / 3)) return { rounds, structures, candidates, requests };
  const fromRound = rand.int(1, rounds - 1);
  const fixed: NonNullable<ScheduleInput['fixed']>[number][] = [];
  const taken = new Set<string>();
  for (let r = 0; r < fromRound; r++) {
    for (const c of candidates) {
      const s = structures[rand.int(0, structures.length - 1)]!;
      const table = rand.int(1, s.tables);
      if (!rand.chance(0.4) || taken.has(`${c.id}@${r}`) || taken.has(`${s.id}#${table}@${r}`) || fixed.some((m) => m.candidateId === c.id && m.structureId === s.id)) continue;
      taken.add(`${c.id}@${r}`);
      taken.add(`${s.id}#${table}@${r}`);
      fixed.push({ round: r, structureId: s.id, table, candidateId: c.id });
    }
  }
  return { rounds, structures, candidates, requests, fixed, fromRound };
}
