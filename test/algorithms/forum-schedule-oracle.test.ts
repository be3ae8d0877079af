import t from 'tap';
import { type ScheduleInput, type ScheduleOutput, scheduleForum } from '../../src/algorithms/forum-schedule.js';
import { smallForum } from '../helpers/forum-instances.js';
import { forumOptimum, requestClasses } from '../helpers/forum-oracle.js';

/**
 * The heuristic against the exact optimum (a MIP solved by HiGHS, test/helpers/forum-oracle.ts)
 * on small seeded forums with windows, closed rounds and, one time in three, a live repair
 * (fromRound and fixed meetings). What is checked, on every instance:
 *   - the same number of scheduled requests as the optimum in every priority class (mutual,
 *     then by priority), so the same weight whatever weights respect that order;
 *   - at most one round more than the fewest rounds that schedule those requests.
 * NP-hard in general, so this is a measured bound on these instances, not a theorem: on them
 * the heuristic also reaches the optimal number of rounds all but rarely (counted below).
 */
const INSTANCES = 150;

function scheduledByClass(input: ScheduleInput, out: ScheduleOutput): number[] {
  const { classOf, classes } = requestClasses(input.requests);
  const left = new Set(out.unscheduled.map((u) => `${u.candidateId}|${u.structureId}`));
  const counts = new Array<number>(classes).fill(0);
  input.requests.forEach((q, i) => {
    if (!left.has(`${q.candidateId}|${q.structureId}`)) counts[classOf[i]!]!++;
  });
  return counts;
}

t.test(`on ${INSTANCES} small windowed forums: the optimal count in every priority class, at most one round more than the optimum`, async (t) => {
  const fewer: string[] = [];
  const longer: string[] = [];
  let oneMore = 0;
  let leftOut = 0;
  for (let seed = 1; seed <= INSTANCES; seed++) {
    const input = smallForum(seed);
    const out = scheduleForum(input);
    const best = await forumOptimum(input, { timeLimitSeconds: 20 });
    t.ok(best.optimal, `seed ${seed}: the oracle proved its optimum`);
    const counts = scheduledByClass(input, out);
    if (counts.join() !== best.classCounts.join()) fewer.push(`seed ${seed}: ${counts.join('/')} scheduled, optimum ${best.classCounts.join('/')}`);
    if (out.roundsUsed > best.roundsUsed + 1) longer.push(`seed ${seed}: ${out.roundsUsed} rounds, optimum ${best.roundsUsed}`);
    if (out.roundsUsed === best.roundsUsed + 1) oneMore++;
    leftOut += out.unscheduled.length;
  }
  t.same(fewer, [], 'the same number of scheduled requests in every class');
  t.same(longer, [], 'at most one round more than the optimum');
  t.ok(oneMore <= INSTANCES / 20, `one round more on ${oneMore} of ${INSTANCES} instances, optimal rounds on the others`);
  t.ok(leftOut > INSTANCES, `the instances are tight: ${leftOut} requests left out in all`);
});
