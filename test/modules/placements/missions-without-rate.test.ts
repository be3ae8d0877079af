import t from 'tap';
import { missionsWithoutRate } from '../../../src/modules/placements/placements.service.js';
import { setup } from '../../helpers/app.js';
import { createMission, createOperator } from '../../helpers/factories.js';

/** Rule `indemnity` ahead of applying: the missions whose start no rate covers yet. */
const ctx = await setup(t);
const operator = await createOperator(ctx.db);
const early = await createMission(ctx.db, { operatorId: operator.id, title: 'Début 2026', startsOn: '2026-03-01' });
const late = await createMission(ctx.db, { operatorId: operator.id, title: 'Début 2027', startsOn: '2027-02-01' });
// The migration's 2024 rate covers both: taken away, as on a database whose rates do not reach back to a start.
await ctx.db.deleteFrom('indemnity_rates').execute();
const deps = { db: ctx.db, clock: () => new Date(), signAccessToken: () => '' };
const rate = (effectiveFrom: string) =>
  ctx.db.insertInto('indemnity_rates').values({ effective_from: effectiveFrom, state_monthly_cents: 50_000, host_min_monthly_cents: 11_000, source: 'test' }).execute();

t.test('no rate at all: every mission, earliest start first', async (t) => {
  t.same(await missionsWithoutRate(deps, [late.id, early.id, late.id]), [
    { missionId: early.id, title: 'Début 2026', startsOn: '2026-03-01' },
    { missionId: late.id, title: 'Début 2027', startsOn: '2027-02-01' },
  ]);
  t.same(await missionsWithoutRate(deps, []), []);
});

t.test('a rate from 2027: the mission starting before it is still uncovered', async (t) => {
  await rate('2027-01-01');
  t.same(await missionsWithoutRate(deps, [early.id, late.id]), [{ missionId: early.id, title: 'Début 2026', startsOn: '2026-03-01' }]);
  await rate('2026-03-01');
  t.same(await missionsWithoutRate(deps, [early.id, late.id]), [], 'a rate effective on the start day covers it');
});
