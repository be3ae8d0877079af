import fc from 'fast-check';
import t from 'tap';
import { render } from '../../src/i18n/index.js';
import {
  formatRounds,
  greedyFirstFreeRound,
  lowerBound,
  type ScheduleInput,
  type ScheduleOutput,
  scheduleForum,
} from '../../src/algorithms/forum-schedule.js';

/**
 * The forum scheduler (src/algorithms/forum-schedule.ts), pure: its invariants as properties
 * on random forums, then small hand-made cases. The comparison with the exact optimum is in
 * forum-schedule-oracle.test.ts.
 */

// ---------------------------------------------------------------------------------------------
// Random forums.

interface Shape {
  /** Late arrivals, early leaves, closed rounds. */
  windows: boolean;
  /** Live repair: fromRound and fixed meetings before it. */
  repair: boolean;
  /** Forum length: the lower bound plus 0–3 rounds (window-free), or any length. */
  roomy: boolean;
}

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length]!;

function forum(shape: Shape): fc.Arbitrary<ScheduleInput> {
  return fc
    .record({
      rounds: fc.integer({ min: 1, max: 8 }),
      extra: fc.integer({ min: 0, max: 3 }),
      structures: fc.array(fc.record({ tables: fc.integer({ min: 1, max: 3 }), closed: fc.uniqueArray(fc.nat(9), { maxLength: 3 }) }), { minLength: 1, maxLength: 5 }),
      candidates: fc.array(fc.record({ first: fc.option(fc.integer({ min: -1, max: 8 })), last: fc.option(fc.integer({ min: 0, max: 9 })) }), { minLength: 1, maxLength: 9 }),
      pairs: fc.array(fc.record({ c: fc.nat(), s: fc.nat(), mutual: fc.boolean(), priority: fc.integer({ min: 0, max: 2 }) }), { maxLength: 30 }),
      fromRound: fc.nat(5),
      fixed: fc.array(fc.record({ c: fc.nat(), s: fc.nat(), round: fc.nat(), table: fc.nat() }), { maxLength: 10 }),
    })
    .map((raw) => {
      const structures = raw.structures.map((s, i) => ({
        id: `S${i}`,
        tables: s.tables,
        ...(shape.windows && s.closed.length > 0 ? { unavailableRounds: s.closed } : {}),
      }));
      const candidates = raw.candidates.map((c, i) => ({
        id: `C${i}`,
        ...(shape.windows && c.first !== null ? { firstRound: c.first } : {}),
        ...(shape.windows && c.last !== null ? { lastRound: c.last } : {}),
      }));
      const seen = new Set<string>();
      const requests: ScheduleInput['requests'][number][] = [];
      for (const q of raw.pairs) {
        const candidateId = pick(candidates, q.c).id;
        const structureId = pick(structures, q.s).id;
        if (seen.has(`${candidateId}|${structureId}`)) continue;
        seen.add(`${candidateId}|${structureId}`);
        requests.push({ candidateId, structureId, mutual: q.mutual, priority: q.priority });
      }
      const rounds = shape.roomy ? lowerBound({ structures, requests }) + raw.extra : raw.rounds;
      const input: ScheduleInput = { rounds, structures, candidates, requests };
      if (!shape.repair || rounds === 0) return input;
      const fromRound = Math.min(raw.fromRound, rounds);
      const fixed: NonNullable<ScheduleInput['fixed']>[number][] = [];
      const taken = new Set<string>();
      for (const m of raw.fixed) {
        if (fromRound === 0) break;
        const structure = pick(structures, m.s);
        const candidateId = pick(candidates, m.c).id;
        const round = m.round % fromRound;
        const table = (m.table % structure.tables) + 1;
        const keys = [`${candidateId}@${round}`, `${structure.id}#${table}@${round}`, `${candidateId}|${structure.id}`];
        if (keys.some((k) => taken.has(k))) continue;
        for (const k of keys) taken.add(k);
        fixed.push({ round, structureId: structure.id, table, candidateId });
      }
      return { ...input, fixed, fromRound };
    });
}

const windowFree = forum({ windows: false, repair: false, roomy: true });
const anyForum = fc.oneof(
  forum({ windows: true, repair: false, roomy: false }),
  forum({ windows: true, repair: true, roomy: false }),
  forum({ windows: false, repair: false, roomy: false }),
  forum({ windows: false, repair: true, roomy: true }),
  windowFree,
);

// ---------------------------------------------------------------------------------------------
// What a schedule must satisfy, read from the input alone.

/** Rounds in which the candidate may meet someone new: their window, from fromRound, within the forum. */
function candidateOpen(input: ScheduleInput, candidateId: string, round: number): boolean {
  const c = input.candidates.find((x) => x.id === candidateId)!;
  return round >= (input.fromRound ?? 0) && round >= (c.firstRound ?? 0) && round <= (c.lastRound ?? input.rounds - 1) && round < input.rounds;
}

function structureOpen(input: ScheduleInput, structureId: string, round: number): boolean {
  const s = input.structures.find((x) => x.id === structureId)!;
  return !(s.unavailableRounds ?? []).includes(round);
}

const key = (m: { candidateId: string; structureId: string }) => `${m.candidateId}|${m.structureId}`;
const isFixed = (input: ScheduleInput, m: ScheduleOutput['meetings'][number]) =>
  (input.fixed ?? []).some((f) => f.round === m.round && f.structureId === m.structureId && f.table === m.table && f.candidateId === m.candidateId);

/** Idle rounds: between the first and last meeting, rounds without one. */
function idle(rounds: readonly number[]): number {
  return rounds.length === 0 ? 0 : Math.max(...rounds) - Math.min(...rounds) + 1 - rounds.length;
}

const property = <T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => boolean | void) =>
  fc.assert(fc.property(arbitrary, predicate), { numRuns: 300 });

// ---------------------------------------------------------------------------------------------
// Properties, named after the invariant they protect.

for (const [name, schedule] of [
  ['scheduleForum', scheduleForum],
  ['greedyFirstFreeRound', greedyFirstFreeRound],
] as const) {
  t.test(`${name}: no candidate is in two meetings in the same round`, async () => {
    property(anyForum, (input) => {
      const seen = new Set<string>();
      for (const m of schedule(input).meetings) {
        if (seen.has(`${m.candidateId}@${m.round}`)) throw new Error(`${m.candidateId} twice in round ${m.round}`);
        seen.add(`${m.candidateId}@${m.round}`);
      }
    });
  });

  t.test(`${name}: no table holds two meetings in the same round, and every table exists`, async () => {
    property(anyForum, (input) => {
      const seen = new Set<string>();
      for (const m of schedule(input).meetings) {
        const tables = input.structures.find((s) => s.id === m.structureId)!.tables;
        if (!Number.isInteger(m.table) || m.table < 1 || m.table > tables) throw new Error(`table ${m.table} of ${m.structureId}`);
        if (seen.has(`${m.structureId}#${m.table}@${m.round}`)) throw new Error(`table ${m.table} of ${m.structureId} twice in round ${m.round}`);
        seen.add(`${m.structureId}#${m.table}@${m.round}`);
      }
    });
  });

  t.test(`${name}: no new meeting outside its candidate's window, in a closed round, before fromRound or beyond the forum`, async () => {
    property(anyForum, (input) => {
      for (const m of schedule(input).meetings) {
        if (isFixed(input, m)) continue;
        if (!candidateOpen(input, m.candidateId, m.round)) throw new Error(`${m.candidateId} is not there in round ${m.round}`);
        if (!structureOpen(input, m.structureId, m.round)) throw new Error(`${m.structureId} is closed in round ${m.round}`);
      }
    });
  });

  t.test(`${name}: fixed meetings are all kept, unchanged`, async () => {
    property(anyForum, (input) => {
      const meetings = schedule(input).meetings;
      for (const f of input.fixed ?? []) {
        if (!meetings.some((m) => m.round === f.round && m.structureId === f.structureId && m.table === f.table && m.candidateId === f.candidateId)) {
          throw new Error(`fixed meeting ${JSON.stringify(f)} is missing`);
        }
      }
    });
  });

  t.test(`${name}: every request is scheduled exactly once or reported unscheduled with a reason, never both`, async () => {
    property(anyForum, (input) => {
      const out = schedule(input);
      const requested = new Set(input.requests.map(key));
      const met = new Map<string, number>();
      for (const m of out.meetings) {
        met.set(key(m), (met.get(key(m)) ?? 0) + 1);
        if (!requested.has(key(m)) && !isFixed(input, m)) throw new Error(`meeting ${key(m)} was never requested`);
      }
      const left = new Set<string>();
      for (const u of out.unscheduled) {
        if (left.has(key(u))) throw new Error(`${key(u)} reported twice`);
        left.add(key(u));
        if (!['no-common-round', 'candidate-unavailable', 'structure-unavailable', 'forum-too-short'].includes(u.reason) || render(u.detail).length === 0) throw new Error(`no reason for ${key(u)}`);
      }
      for (const r of input.requests) {
        const n = met.get(key(r)) ?? 0;
        if (n + (left.has(key(r)) ? 1 : 0) !== 1) throw new Error(`${key(r)}: ${n} meetings, ${left.has(key(r)) ? '' : 'not '}reported`);
      }
      if (left.size + input.requests.filter((r) => met.has(key(r))).length !== input.requests.length) throw new Error('unscheduled lists an unknown request');
    });
  });

  t.test(`${name}: roundsUsed is the last used round + 1 and meetings come sorted by round, structure, table`, async () => {
    property(anyForum, (input) => {
      const out = schedule(input);
      if (out.roundsUsed !== out.meetings.reduce((n, m) => Math.max(n, m.round + 1), 0)) throw new Error(`roundsUsed ${out.roundsUsed}`);
      if (out.lowerBound !== lowerBound(input)) throw new Error(`lowerBound ${out.lowerBound}`);
      const sorted = [...out.meetings].sort((a, b) => a.round - b.round || (a.structureId < b.structureId ? -1 : a.structureId > b.structureId ? 1 : 0) || a.table - b.table);
      if (JSON.stringify(sorted) !== JSON.stringify(out.meetings)) throw new Error('meetings are not sorted');
    });
  });
}

t.test('window-free forums use exactly the lower bound of rounds, and schedule every request', async () => {
  property(windowFree, (input) => {
    const out = scheduleForum(input);
    if (!out.windowFree) throw new Error('expected a window-free forum');
    if (out.roundsUsed !== out.lowerBound) throw new Error(`${out.roundsUsed} rounds for a lower bound of ${out.lowerBound}`);
    if (out.unscheduled.length > 0) throw new Error('a request was left out');
  });
});

t.test('windowFree says whether any availability limit applies', async () => {
  property(anyForum, (input) => {
    const limited =
      (input.fixed ?? []).length > 0 ||
      (input.fromRound ?? 0) > 0 ||
      input.candidates.some((c) => (c.firstRound ?? 0) > 0 || (c.lastRound ?? input.rounds - 1) < input.rounds - 1) ||
      input.structures.some((s) => (s.unavailableRounds ?? []).some((r) => r >= 0 && r < input.rounds));
    if (scheduleForum(input).windowFree === limited) throw new Error(`windowFree should be ${!limited}`);
  });
});

t.test('the same input gives the same output', async () => {
  property(anyForum, (input) => {
    const a = scheduleForum(input);
    const b = scheduleForum(structuredClone(input));
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('two runs differ');
  });
});

t.test('no unscheduled request could simply be added: its candidate and every table are busy in each round they share', async () => {
  property(anyForum, (input) => {
    const out = scheduleForum(input);
    const busy = new Set(out.meetings.map((m) => `${m.candidateId}@${m.round}`));
    const tablesBusy = new Map<string, number>();
    for (const m of out.meetings) tablesBusy.set(`${m.structureId}@${m.round}`, (tablesBusy.get(`${m.structureId}@${m.round}`) ?? 0) + 1);
    for (const u of out.unscheduled) {
      const tables = input.structures.find((s) => s.id === u.structureId)!.tables;
      for (let r = 0; r < input.rounds; r++) {
        if (!candidateOpen(input, u.candidateId, r) || !structureOpen(input, u.structureId, r)) continue;
        if (!busy.has(`${u.candidateId}@${r}`) && (tablesBusy.get(`${u.structureId}@${r}`) ?? 0) < tables) throw new Error(`${key(u)} fits in round ${r}`);
      }
    }
  });
});

t.test('the reason given for an unscheduled request is the true one', async () => {
  property(anyForum, (input) => {
    const out = scheduleForum(input);
    const fixed = input.fixed ?? [];
    for (const u of out.unscheduled) {
      const tables = input.structures.find((s) => s.id === u.structureId)!.tables;
      const rounds = Array.from({ length: input.rounds }, (_, r) => r);
      const candidateFree = rounds.filter((r) => candidateOpen(input, u.candidateId, r) && !fixed.some((f) => f.candidateId === u.candidateId && f.round === r));
      const structureFree = rounds.filter(
        (r) => r >= (input.fromRound ?? 0) && structureOpen(input, u.structureId, r) && fixed.filter((f) => f.structureId === u.structureId && f.round === r).length < tables,
      );
      const common = candidateFree.filter((r) => structureFree.includes(r));
      const expected =
        structureFree.length === 0 ? 'structure-unavailable' : candidateFree.length === 0 ? 'candidate-unavailable' : common.length === 0 ? 'no-common-round' : 'forum-too-short';
      if (u.reason !== expected) throw new Error(`${key(u)}: ${u.reason}, expected ${expected}`);
    }
  });
});

t.test('no candidate could wait less by moving one of their meetings to a free round', async () => {
  // The fairness guarantee (compactCandidates): no single new meeting can move to a round where
  // its candidate and a table are free and both are available, at or after fromRound and
  // before roundsUsed, so as to lower its candidate's idle rounds.
  property(anyForum, (input) => {
    const out = scheduleForum(input);
    const roundsOf = new Map<string, number[]>();
    for (const m of out.meetings) roundsOf.set(m.candidateId, [...(roundsOf.get(m.candidateId) ?? []), m.round]);
    const tablesBusy = new Map<string, number>();
    for (const m of out.meetings) tablesBusy.set(`${m.structureId}@${m.round}`, (tablesBusy.get(`${m.structureId}@${m.round}`) ?? 0) + 1);
    for (const m of out.meetings) {
      if (isFixed(input, m)) continue;
      const mine = roundsOf.get(m.candidateId)!;
      const tables = input.structures.find((s) => s.id === m.structureId)!.tables;
      for (let r = input.fromRound ?? 0; r < out.roundsUsed; r++) {
        if (mine.includes(r) || !candidateOpen(input, m.candidateId, r) || !structureOpen(input, m.structureId, r)) continue;
        if ((tablesBusy.get(`${m.structureId}@${r}`) ?? 0) >= tables) continue;
        const moved = mine.map((x) => (x === m.round ? r : x));
        if (idle(moved) < idle(mine)) throw new Error(`${m.candidateId} would wait less with ${m.structureId} in round ${r} instead of ${m.round}`);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-made cases.

const request = (candidateId: string, structureId: string, mutual = false, priority = 1) => ({ candidateId, structureId, mutual, priority });
const brief = (out: ScheduleOutput) => out.meetings.map((m) => `${m.round}:${m.candidateId}-${m.structureId}#${m.table}`);

t.test('a structure with two tables meets four candidates in two rounds, on tables 1 and 2', async (t) => {
  const out = scheduleForum({
    rounds: 5,
    structures: [{ id: 'asso', tables: 2 }],
    candidates: [{ id: 'ana' }, { id: 'ben' }, { id: 'chloé' }, { id: 'driss' }],
    requests: ['ana', 'ben', 'chloé', 'driss'].map((c) => request(c, 'asso')),
  });
  t.equal(out.lowerBound, 2);
  t.equal(out.roundsUsed, 2);
  t.equal(out.windowFree, true);
  t.same(out.unscheduled, []);
  t.same(
    out.meetings.map((m) => [m.round, m.table]),
    [
      [0, 1],
      [0, 2],
      [1, 1],
      [1, 2],
    ],
  );
});

t.test('the lower bound: the busiest candidate, or the busiest structure per table', async (t) => {
  const structures = [
    { id: 'a', tables: 1 },
    { id: 'b', tables: 3 },
  ];
  t.equal(lowerBound({ structures, requests: [] }), 0);
  t.equal(lowerBound({ structures, requests: [request('x', 'a'), request('x', 'b'), request('y', 'b')] }), 2, 'x asks for two');
  const many = ['p', 'q', 'r', 's', 't', 'u', 'v'].map((c) => request(c, 'b'));
  t.equal(lowerBound({ structures, requests: many }), 3, 'seven for three tables: ⌈7/3⌉');
});

t.test('a candidate who leaves before the structure opens cannot meet it: no common round', async (t) => {
  const out = scheduleForum({
    rounds: 6,
    structures: [
      { id: 'mairie', tables: 1, unavailableRounds: [0, 1, 2] },
      { id: 'club', tables: 1 },
    ],
    candidates: [{ id: 'lea', lastRound: 2 }],
    requests: [request('lea', 'mairie', true, 3), request('lea', 'club')],
  });
  t.same(brief(out), ['0:lea-club#1']);
  // The details are catalogue texts: their English is what these cases were written in, and French is the default.
  t.same(
    out.unscheduled.map((u) => ({ ...u, detail: render(u.detail, 'en') })),
    [
      {
        candidateId: 'lea',
        structureId: 'mairie',
        reason: 'no-common-round',
        detail: 'lea is free in rounds 0–2 and mairie only in rounds 3–5: no round in common',
      },
    ],
  );
  t.equal(render(out.unscheduled[0]!.detail), 'lea est libre aux manches 0–2 et mairie seulement aux manches 3–5 : aucune manche en commun');
  t.equal(out.windowFree, false);
});

t.test('each reason, with words an organiser can act on', async (t) => {
  const out = scheduleForum({
    rounds: 4,
    structures: [
      { id: 'closed', tables: 1, unavailableRounds: [0, 1, 2, 3] },
      { id: 'open', tables: 1 },
    ],
    candidates: [{ id: 'gone', firstRound: 3, lastRound: 1 }, { id: 'late', firstRound: 3 }, { id: 'here' }],
    requests: [request('here', 'closed'), request('gone', 'open'), request('late', 'open', false, 1), request('here', 'open', false, 2)],
    fixed: [{ round: 0, structureId: 'open', table: 1, candidateId: 'here' }],
    fromRound: 3,
  });
  t.same(
    out.unscheduled.map((u) => [u.candidateId, u.structureId, u.reason]),
    [
      ['here', 'closed', 'structure-unavailable'],
      ['gone', 'open', 'candidate-unavailable'],
    ],
  );
  t.match(render(out.unscheduled[0]!.detail, 'en'), /closed has no free table in any round from round 3 of the forum \(4 rounds\)/);
  t.match(render(out.unscheduled[1]!.detail, 'en'), /gone is not present/);
  t.same(brief(out), ['0:here-open#1', '3:late-open#1'], 'here already met open in a fixed meeting: not again');

  const short = scheduleForum({
    rounds: 1,
    structures: [{ id: 'club', tables: 1 }],
    candidates: [{ id: 'a' }, { id: 'b' }],
    requests: [request('a', 'club', false, 1), request('b', 'club', false, 2)],
  });
  t.same(brief(short), ['0:b-club#1'], 'higher priority first');
  t.equal(short.unscheduled[0]!.reason, 'forum-too-short');
  t.match(render(short.unscheduled[0]!.detail, 'en'), /the round a and club share \(0\) is taken/);
  t.equal(short.windowFree, true);
  t.equal(short.lowerBound, 2);
});

t.test('mutual requests come before one-sided ones, whatever their priority', async (t) => {
  const out = scheduleForum({
    rounds: 2,
    structures: [{ id: 'club', tables: 1 }],
    candidates: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    requests: [request('a', 'club', false, 9), request('b', 'club', true, 0), request('c', 'club', false, 5)],
  });
  t.same(out.meetings.map((m) => m.candidateId).sort(), ['a', 'b']);
  t.same(
    out.unscheduled.map((u) => u.candidateId),
    ['c'],
  );
});

t.test('a request of lower priority gives way when a higher one needs its round', async (t) => {
  // x can only come in round 0; y, of lower priority, asked first for the same table.
  const out = scheduleForum({
    rounds: 2,
    structures: [{ id: 's', tables: 1 }, { id: 'u', tables: 1 }],
    candidates: [{ id: 'y', lastRound: 0 }, { id: 'x', lastRound: 0 }],
    requests: [request('y', 's', false, 0), request('y', 'u', false, 0), request('x', 's', false, 5)],
  });
  t.same(brief(out), ['0:x-s#1', '0:y-u#1']);
});

t.test('live repair: nothing new before fromRound, fixed meetings kept, a freed slot reused', async (t) => {
  const out = scheduleForum({
    rounds: 4,
    structures: [{ id: 's', tables: 2 }],
    candidates: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    requests: [request('a', 's'), request('b', 's'), request('c', 's')],
    fixed: [{ round: 0, structureId: 's', table: 2, candidateId: 'a' }],
    fromRound: 2,
  });
  t.same(brief(out), ['0:a-s#2', '2:b-s#1', '2:c-s#2']);
  t.equal(out.roundsUsed, 3);
  t.equal(out.lowerBound, 2, 'over the requests given');
  t.equal(out.windowFree, false);
});

t.test('fewer rounds when the rounds allow it: a late structure does not stretch the forum', async (t) => {
  const out = scheduleForum({
    rounds: 10,
    structures: [{ id: 's', tables: 1, unavailableRounds: [0] }, { id: 'u', tables: 1 }],
    candidates: [{ id: 'a' }, { id: 'b' }],
    requests: [request('a', 's'), request('b', 's'), request('a', 'u'), request('b', 'u')],
  });
  t.equal(out.roundsUsed, 3);
  t.same(out.unscheduled, []);
});

t.test('candidates wait as little as the tables allow', async (t) => {
  // Window-free, three structures of one table: each candidate's three meetings in a row.
  const out = scheduleForum({
    rounds: 3,
    structures: [{ id: 'p', tables: 1 }, { id: 'q', tables: 1 }, { id: 'r', tables: 1 }],
    candidates: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    requests: ['a', 'b', 'c'].flatMap((c) => ['p', 'q', 'r'].map((s) => request(c, s))),
  });
  t.equal(out.roundsUsed, 3);
  for (const c of ['a', 'b', 'c']) t.equal(idle(out.meetings.filter((m) => m.candidateId === c).map((m) => m.round)), 0);
});

t.test('greedy first free round: requests in input order, each in its first free round', async (t) => {
  // c-u finds u busy in round 0 and c busy in round 1: greedy needs a third round, while
  // a-s and c-s could swap rounds.
  const input: ScheduleInput = {
    rounds: 10,
    structures: [{ id: 's', tables: 1 }, { id: 'u', tables: 1 }],
    candidates: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    requests: [request('a', 's'), request('b', 'u'), request('c', 's'), request('c', 'u')],
  };
  t.same(brief(greedyFirstFreeRound(input)), ['0:a-s#1', '0:b-u#1', '1:c-s#1', '2:c-u#1']);
  t.equal(greedyFirstFreeRound(input).lowerBound, 2);
  t.equal(scheduleForum(input).roundsUsed, 2);
});

t.test('an empty forum, and a forum of no rounds', async (t) => {
  const empty = scheduleForum({ rounds: 5, structures: [], candidates: [], requests: [] });
  t.same(empty, { meetings: [], unscheduled: [], roundsUsed: 0, lowerBound: 0, windowFree: true });
  const none = scheduleForum({ rounds: 0, structures: [{ id: 's', tables: 1 }], candidates: [{ id: 'a' }], requests: [request('a', 's')] });
  t.equal(none.meetings.length, 0);
  t.equal(none.unscheduled[0]!.reason, 'structure-unavailable');
});

t.test('malformed input is refused, naming what is wrong', async (t) => {
  const base: ScheduleInput = { rounds: 3, structures: [{ id: 's', tables: 1 }], candidates: [{ id: 'a' }], requests: [request('a', 's')] };
  t.throws(() => scheduleForum({ ...base, rounds: 1.5 }), /rounds must be a whole number/);
  t.throws(() => scheduleForum({ ...base, fromRound: -1 }), /fromRound must be a whole number/);
  t.throws(() => scheduleForum({ ...base, structures: [{ id: 's', tables: 0 }] }), /s must have at least one table/);
  t.throws(() => scheduleForum({ ...base, structures: [...base.structures, { id: 's', tables: 2 }] }), /structure s is listed twice/);
  t.throws(() => scheduleForum({ ...base, candidates: [{ id: 'a' }, { id: 'a' }] }), /candidate a is listed twice/);
  t.throws(() => scheduleForum({ ...base, requests: [request('a', 's'), request('a', 's')] }), /request a–s is listed twice/);
  t.throws(() => scheduleForum({ ...base, requests: [request('z', 's')] }), /request z–s: unknown candidate/);
  t.throws(() => scheduleForum({ ...base, requests: [request('a', 'z')] }), /request a–z: unknown structure/);
  t.throws(() => scheduleForum({ ...base, requests: [request('a', 's', false, Number.NaN)] }), /priority must be a finite number/);
  t.throws(() => scheduleForum({ ...base, fixed: [{ round: 0, structureId: 'z', table: 1, candidateId: 'a' }] }), /unknown candidate or structure/);
  t.throws(() => scheduleForum({ ...base, fixed: [{ round: 3, structureId: 's', table: 1, candidateId: 'a' }] }), /round 3 is outside the forum/);
  t.throws(() => scheduleForum({ ...base, fixed: [{ round: 0, structureId: 's', table: 2, candidateId: 'a' }] }), /table 2 is not one of 1..1/);
  const twice = (candidateId: string, table: number) => ({ round: 0, structureId: 's', table, candidateId });
  t.throws(
    () => scheduleForum({ ...base, structures: [{ id: 's', tables: 2 }], fixed: [twice('a', 1), twice('a', 2)] }),
    /a has two meetings in round 0/,
  );
  t.throws(
    () => scheduleForum({ ...base, candidates: [{ id: 'a' }, { id: 'b' }], fixed: [twice('a', 1), twice('b', 1)] }),
    /table 1 of s has two meetings in round 0/,
  );
});

t.test('rounds are listed as ranges', async (t) => {
  t.equal(formatRounds([]), '');
  t.equal(formatRounds([4]), '4');
  t.equal(formatRounds([0, 1, 2, 5, 7, 8, 9]), '0–2, 5, 7–9');
});
