import fc from 'fast-check';
import t from 'tap';
import { type AssignmentProblem, type AssignmentResult, maxWeightAssignment } from '../../src/algorithms/assignment.js';
import { randomPlacement } from '../helpers/assignment-instances.js';
import { assignmentLpOptimum } from '../helpers/assignment-oracle.js';
import { referenceAssignment } from '../helpers/assignment-reference.js';

/**
 * The maximum-weight assignment of volunteers to missions (src/algorithms/assignment.ts), pure:
 * its invariants as properties on small random problems, its value against brute force (tiny),
 * the reference Hungarian over seats and the HiGHS LP optimum (medium), then edge cases.
 */

// ---------------------------------------------------------------------------------------------
// Random problems: weights whole or fractional, some forbidden (NaN), some negative; and dense
// ones (none forbidden, none negative), which the solver treats as balanced transportation
// problems when there are no more places than rows.

const anyWeight = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 12 }) },
  { weight: 3, arbitrary: fc.double({ min: 0, max: 12, noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.integer({ min: -6, max: -1 }) },
  { weight: 1, arbitrary: fc.constant(Number.NaN) },
);
const denseWeight = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 2 }), fc.double({ min: 0, max: 12, noNaN: true, noDefaultInfinity: true }));

function problemArb(maxRows: number, maxGroups: number, weight: fc.Arbitrary<number>): fc.Arbitrary<AssignmentProblem> {
  return fc
    .record({
      rows: fc.integer({ min: 0, max: maxRows }),
      capacities: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: maxGroups }),
      weights: fc.array(weight, { minLength: maxRows * maxGroups, maxLength: maxRows * maxGroups }),
      typed: fc.boolean(),
    })
    .map(({ rows, capacities, weights, typed }) => {
      const used = weights.slice(0, rows * capacities.length);
      return { rows, capacities, weight: typed ? Float64Array.from(used) : used };
    });
}

const tiny = fc.oneof(problemArb(7, 4, anyWeight), problemArb(7, 4, denseWeight));
const small = fc.oneof(problemArb(12, 6, anyWeight), problemArb(12, 6, denseWeight));

const property = <T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => boolean | void, numRuns = 300) =>
  fc.assert(fc.property(arbitrary, predicate), { numRuns });

const w = (p: AssignmentProblem, r: number, g: number) => p.weight[r * p.capacities.length + g]!;

/** Sum of the weights the result uses, in row order (as the solver sums). */
function usedValue(p: AssignmentProblem, out: AssignmentResult): number {
  let value = 0;
  for (let r = 0; r < p.rows; r++) if (out.groupOf[r]! >= 0) value += w(p, r, out.groupOf[r]!);
  return value;
}

/** Equal up to floating-point rounding of sums of a few dozen weights. */
function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Every way to place each row in a group with a free place, or nowhere: the best value. */
function bruteForce(p: AssignmentProblem): number {
  const groups = p.capacities.length;
  const left = Array.from(p.capacities);
  let best = 0;
  const place = (r: number, value: number) => {
    if (r === p.rows) {
      best = Math.max(best, value);
      return;
    }
    place(r + 1, value);
    for (let g = 0; g < groups; g++) {
      const x = w(p, r, g);
      if (Number.isNaN(x) || left[g]! <= 0) continue;
      left[g]!--;
      place(r + 1, value + x);
      left[g]!++;
    }
  };
  place(0, 0);
  return best;
}

// ---------------------------------------------------------------------------------------------
// Properties, named after the invariant they protect.

t.test('every row gets one group or −1, and no group takes more rows than its capacity', async () => {
  property(small, (p) => {
    const out = maxWeightAssignment(p);
    if (out.groupOf.length !== p.rows) throw new Error(`groupOf has ${out.groupOf.length} entries for ${p.rows} rows`);
    const taken = new Array<number>(p.capacities.length).fill(0);
    for (const g of out.groupOf) {
      if (g < -1 || g >= p.capacities.length) throw new Error(`group ${g}`);
      if (g >= 0) taken[g]!++;
    }
    taken.forEach((n, g) => {
      if (n > p.capacities[g]!) throw new Error(`group ${g}: ${n} rows for ${p.capacities[g]} places`);
    });
  });
});

t.test('a forbidden pair (NaN) is never used, nor a negative weight', async () => {
  property(small, (p) => {
    const out = maxWeightAssignment(p);
    for (let r = 0; r < p.rows; r++) {
      const g = out.groupOf[r]!;
      if (g < 0) continue;
      if (Number.isNaN(w(p, r, g))) throw new Error(`row ${r} in group ${g}, forbidden`);
      if (w(p, r, g) < 0) throw new Error(`row ${r} in group ${g}, weight ${w(p, r, g)}`);
    }
  });
});

t.test('the value is the sum of the weights used', async () => {
  property(small, (p) => {
    const out = maxWeightAssignment(p);
    if (out.value !== usedValue(p, out)) throw new Error(`value ${out.value}, weights used ${usedValue(p, out)}`);
  });
});

t.test('the value is the maximum: equal to brute force on tiny problems (≤ 7 rows, ≤ 4 groups)', async () => {
  property(tiny, (p) => {
    const value = maxWeightAssignment(p).value;
    const best = bruteForce(p);
    if (!close(value, best)) throw new Error(`value ${value}, brute force ${best}`);
  }, 1000);
});

t.test('the value equals the reference Hungarian over seats on small problems', async () => {
  property(small, (p) => {
    const value = maxWeightAssignment(p).value;
    const reference = referenceAssignment(p).value;
    if (!close(value, reference)) throw new Error(`value ${value}, reference ${reference}`);
  });
});

t.test('deterministic: the same call twice gives the same groupOf, ties included; a plain array or a Float64Array alike', async () => {
  property(small, (p) => {
    const a = maxWeightAssignment(p);
    const b = maxWeightAssignment({ rows: p.rows, capacities: Int32Array.from(p.capacities), weight: Float64Array.from(p.weight) });
    const c = maxWeightAssignment({ rows: p.rows, capacities: Array.from(p.capacities), weight: Array.from(p.weight) });
    if (a.value !== b.value || a.value !== c.value) throw new Error('values differ');
    if (a.groupOf.join() !== b.groupOf.join() || a.groupOf.join() !== c.groupOf.join()) throw new Error('groupOf differs');
  });
});

t.test('the order of the rows does not change the value (whichever optimum is returned)', async () => {
  const permuted = small.chain((p) => fc.tuple(fc.constant(p), fc.shuffledSubarray([...Array(p.rows).keys()], { minLength: p.rows, maxLength: p.rows })));
  property(permuted, ([p, order]) => {
    const groups = p.capacities.length;
    const weight = order.flatMap((r) => Array.from({ length: groups }, (_, g) => w(p, r, g)));
    const a = maxWeightAssignment(p).value;
    const b = maxWeightAssignment({ rows: p.rows, capacities: p.capacities, weight }).value;
    if (!close(a, b)) throw new Error(`${a} in the given order, ${b} permuted`);
  });
});

// ---------------------------------------------------------------------------------------------
// Medium seeded problems against the reference and the LP optimum.

t.test('60 × 30 random problems (fractional weights, 15 % forbidden, some negative): the reference Hungarian and the HiGHS LP optimum', async (t) => {
  const wrong: string[] = [];
  for (let seed = 1; seed <= 30; seed++) {
    const scores = seed % 3 === 0 ? 'integers' : seed % 3 === 1 ? 'tenths' : 'reals';
    const p = randomPlacement(seed, { volunteers: 60, missions: 30, places: [0, 3], scores, forbidden: 0.15, negative: 0.05 });
    const out = maxWeightAssignment(p);
    const reference = referenceAssignment(p).value;
    const lp = await assignmentLpOptimum(p);
    t.ok(lp.optimal, `seed ${seed}: HiGHS proved its optimum`);
    if (!close(out.value, reference)) wrong.push(`seed ${seed} (${scores}): ${out.value}, reference ${reference}`);
    if (Math.abs(out.value - lp.value) > 1e-6 * Math.max(1, lp.value)) wrong.push(`seed ${seed} (${scores}): ${out.value}, HiGHS ${lp.value}`);
  }
  t.same(wrong, [], 'the same value on every instance');
});

t.test('more rows than places, as many, and more places than rows, with and without forbidden pairs: the reference and the LP optimum', async (t) => {
  let seed = 100;
  for (const [volunteers, missions, places] of [
    [80, 10, [1, 3]],
    [200, 40, [1, 2]],
    [60, 30, [2, 2]],
    [30, 40, [1, 4]],
  ] as const) {
    for (const forbidden of [0, 0.3]) {
      for (const scores of ['integers', 'tenths', 'reals'] as const) {
        const p = randomPlacement(++seed, { volunteers, missions, places, scores, forbidden });
        const value = maxWeightAssignment(p).value;
        const name = `${volunteers} × ${missions}, ${scores}, ${forbidden * 100} % forbidden`;
        const reference = referenceAssignment(p).value;
        const lp = await assignmentLpOptimum(p);
        t.ok(close(value, reference), `${name}: ${value}, the reference ${reference}`);
        t.ok(lp.optimal && Math.abs(value - lp.value) <= 1e-6 * lp.value, `${name}: ${value}, the LP optimum ${lp.value}`);
      }
    }
  }
});

t.test('missions everyone wants (80 % of each score is the mission\'s popularity): the reference and the LP optimum', async (t) => {
  for (const [seed, volunteers, missions, forbidden] of [
    [201, 120, 60, 0],
    [202, 150, 50, 0],
    [203, 100, 70, 0],
    [204, 120, 60, 0.2],
  ] as const) {
    const p = randomPlacement(seed, { volunteers, missions, places: [2, 2], scores: 'integers', popularity: 0.8, forbidden });
    const value = maxWeightAssignment(p).value;
    t.equal(value, referenceAssignment(p).value, `${volunteers} × ${missions}: the reference's value`);
    const lp = await assignmentLpOptimum(p);
    t.ok(lp.optimal && Math.abs(value - lp.value) <= 1e-6 * lp.value, `${volunteers} × ${missions}: ${value}, the LP optimum ${lp.value}`);
  }
});

t.test('400 × 200, two places each, dense integer scores 0–100 (the middle size of the benchmark): the LP optimum', async (t) => {
  const p = randomPlacement(3, { volunteers: 400, missions: 200, places: [2, 2], scores: 'integers' });
  const lp = await assignmentLpOptimum(p);
  t.ok(lp.optimal);
  t.equal(maxWeightAssignment(p).value, Math.round(lp.value));
});

// ---------------------------------------------------------------------------------------------
// Edge cases.

t.test('no rows, no groups, no places', async (t) => {
  t.same(maxWeightAssignment({ rows: 0, capacities: [2, 3], weight: [] }), { groupOf: new Int32Array(0), value: 0 });
  t.same(maxWeightAssignment({ rows: 3, capacities: [], weight: [] }), { groupOf: Int32Array.from([-1, -1, -1]), value: 0 });
  t.same(maxWeightAssignment({ rows: 2, capacities: [0, 0], weight: [5, 6, 7, 8] }), { groupOf: Int32Array.from([-1, -1]), value: 0 });
  t.same(maxWeightAssignment({ rows: 0, capacities: [], weight: [] }), { groupOf: new Int32Array(0), value: 0 });
});

t.test('all pairs forbidden: nobody is placed', async (t) => {
  t.same(maxWeightAssignment({ rows: 3, capacities: [1, 2], weight: new Array(6).fill(Number.NaN) }), { groupOf: Int32Array.from([-1, -1, -1]), value: 0 });
});

t.test('negative weights are never chosen, even with places to spare', async (t) => {
  t.same(maxWeightAssignment({ rows: 2, capacities: [5], weight: [-1, -0.5] }), { groupOf: Int32Array.from([-1, -1]), value: 0 });
  const out = maxWeightAssignment({ rows: 3, capacities: [1, 1], weight: [-3, 2, 4, -1, -2, -2] });
  t.same(out.groupOf, Int32Array.from([1, 0, -1]));
  t.equal(out.value, 6);
});

t.test('a zero weight is worth nothing but is allowed; NaN is not', async (t) => {
  const out = maxWeightAssignment({ rows: 2, capacities: [1, 1], weight: [0, Number.NaN, Number.NaN, 0] });
  t.equal(out.value, 0);
  for (let r = 0; r < 2; r++) t.ok(out.groupOf[r] === -1 || out.groupOf[r] === r, `row ${r} in its zero-weight group or unassigned`);
});

t.test('the greedy choice is undone when it blocks a better total (an augmenting path moves a row)', async (t) => {
  // Row 0 prefers group 0, but only row 0 can use group 1 well.
  const out = maxWeightAssignment({ rows: 2, capacities: [1, 1], weight: [10, 9, 10, 0] });
  t.same(out.groupOf, Int32Array.from([1, 0]));
  t.equal(out.value, 19);
  // Through a group of two places: rows 0 and 1 fill group 0, row 2 needs it more.
  const chain = maxWeightAssignment({ rows: 3, capacities: [2, 1], weight: [8, 7, 8, 1, 9, Number.NaN] });
  t.same(chain.groupOf, Int32Array.from([1, 0, 0]));
  t.equal(chain.value, 24);
});

t.test('capacities larger than the rows, and rows competing for one place', async (t) => {
  t.same(maxWeightAssignment({ rows: 3, capacities: [100], weight: [1, 2, 3] }), { groupOf: Int32Array.from([0, 0, 0]), value: 6 });
  const one = maxWeightAssignment({ rows: 4, capacities: [1], weight: [3, 7, 5, 7] });
  t.equal(one.value, 7);
  t.equal(one.groupOf.filter((g) => g === 0).length, 1);
});

t.test('all weights equal: as many rows placed as there are places, the same answer every time', async (t) => {
  const p = { rows: 9, capacities: [2, 0, 3], weight: new Array(27).fill(4) };
  const out = maxWeightAssignment(p);
  t.equal(out.value, 20);
  t.equal(out.groupOf.filter((g) => g >= 0).length, 5);
  t.same(maxWeightAssignment(p).groupOf, out.groupOf);
});
