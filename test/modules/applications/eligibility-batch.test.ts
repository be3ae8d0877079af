import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import t from 'tap';
import type { Actor } from '../../../src/lib/access.js';
import type { Text } from '../../../src/i18n/index.js';
import { eligibilityChecks } from '../../../src/modules/applications/applications.service.js';
import { checkText } from '../../../src/modules/applications/eligibility.js';
import { eligibilityOfMany, type EligibilityPair } from '../../../src/modules/applications/eligibility.batch.js';
import { problemData, readRunInputs } from '../../../src/modules/placement-runs/runs.inputs.js';
import { inputDigest, type RunRequest } from '../../../src/modules/placement-runs/runs.problem.js';
import { applicationsInPlay, evaluationsOf, missionsInPlay } from '../../../src/modules/placement-runs/runs.repository.js';
import { createRun } from '../../../src/modules/placement-runs/runs.service.js';
import { placementSolver } from '../../../src/modules/placement-runs/runs.solver.js';
import { DEFAULT_WEIGHTS } from '../../../src/modules/placement-runs/scores.js';
import { setup } from '../../helpers/app.js';
import { createApplication, createEdition, createMission, createOperator, createProfile, createStructure, createUser } from '../../helpers/factories.js';
import { seedPlacementEdition } from '../../helpers/placement-edition.js';

/**
 * The set-based eligibility of placement runs (src/modules/applications/eligibility.batch.ts,
 * src/modules/placement-runs/runs.inputs.ts) against the per-application path it replaces
 * (`eligibilityChecks`), and the number of queries of a run, which must not grow with the edition.
 */
const ctx = await setup(t);
const operator = await createOperator(ctx.db);
const coordinator = await createUser(ctx.db, 'coordinator', { operatorId: operator.id });
const actor: Actor = { userId: coordinator.id, role: 'coordinator', sessionId: 'test', operatorId: operator.id, structureId: null };
const request: RunRequest = { mode: 'optimal', weights: DEFAULT_WEIGHTS, locks: [], exclusions: [] };

const disabilityReads = async (reader: string) =>
  (await ctx.db.selectFrom('audit_events').select(['entity_id', 'after']).where('action', '=', 'disability.read').where('actor_id', '=', reader).orderBy('id').execute()).map(
    (r) => [r.entity_id, r.after],
  );

t.test('the same checks, and the same audit of disability reads, as one application at a time', async (t) => {
  const edition = await createEdition(ctx.db, { operatorId: operator.id });
  const other = await createEdition(ctx.db, { operatorId: operator.id });
  const host = await createStructure(ctx.db, { operatorId: operator.id });
  const mission = (values: Parameters<typeof createMission>[1]) => createMission(ctx.db, { operatorId: operator.id, hostId: host.id, ...values });
  const missions = [
    await mission({ editionId: edition.id, startsOn: '2027-02-01', durationMonths: 6, weeklyHours: 24, openToMinors: false }),
    await mission({ editionId: edition.id, startsOn: '2027-02-01', durationMonths: 8, weeklyHours: 24, openToMinors: true }),
    await mission({ editionId: edition.id, startsOn: '2027-02-01', durationMonths: 6, weeklyHours: 35, openToMinors: true }),
    await mission({ editionId: edition.id, startsOn: '2027-10-01', durationMonths: 6, weeklyHours: 30, openToMinors: true }),
  ];
  // Placements accepted elsewhere: over the first missions' period, long before, and over the last one's.
  const overlapping = await mission({ editionId: other.id, startsOn: '2026-12-01', durationMonths: 8, status: 'filled' });
  const before = await mission({ editionId: other.id, startsOn: '2025-01-01', durationMonths: 6, status: 'closed' });
  const later = await mission({ editionId: other.id, startsOn: '2027-06-01', durationMonths: 6 });

  const people: { birthDate?: string; nationality?: 'french' | 'eu-eea-swiss' | 'residence-permit' | 'other'; earlier?: 'none' | 'interrupted' | 'completed' | 'ongoing'; disability?: boolean; placed?: string[] }[] = [
    { birthDate: '2005-03-10' },
    { birthDate: '2009-06-01' }, // 17 at the first missions' start, 18 at the last one's
    { birthDate: '2011-05-01' }, // 15
    { birthDate: '2001-02-01' }, // 26 on the day the first missions start: the record is asked for; none
    { birthDate: '2000-01-15', disability: true },
    { birthDate: '2000-01-15', disability: false },
    { birthDate: '2001-06-01', disability: true }, // 25 at the first missions' start, 26 at the last one's
    { birthDate: '1995-01-01', disability: true }, // 32: the record is not read
    { birthDate: '1996-02-02' }, // 30, no record
    { birthDate: '2004-02-29' },
    { birthDate: '2001-02-02' }, // 26 the day after the first missions start
    { nationality: 'other' },
    { nationality: 'residence-permit' },
    { nationality: 'eu-eea-swiss', earlier: 'completed' },
    { earlier: 'ongoing' },
    { earlier: 'interrupted' },
    { placed: [overlapping.id] },
    { placed: [before.id] },
    { placed: [before.id, later.id] },
    { birthDate: '2000-01-15', placed: [overlapping.id] },
  ];
  const pairs: EligibilityPair[] = [];
  for (const [i, p] of people.entries()) {
    const user = await createUser(ctx.db, 'candidate');
    await createProfile(ctx.db, user.id, {
      firstName: `P${i}`,
      ...(p.birthDate ? { birthDate: p.birthDate } : {}),
      ...(p.nationality ? { nationality: p.nationality } : {}),
      ...(p.earlier ? { earlierServiceCivique: p.earlier } : {}),
    });
    if (p.disability !== undefined) await ctx.db.insertInto('candidate_disabilities').values({ user_id: user.id, recognised: p.disability, consent_at: new Date() }).execute();
    for (const m of p.placed ?? []) await createApplication(ctx.db, { missionId: m, candidateId: user.id, status: 'accepted' });
    for (const [k, m] of missions.entries()) {
      const a = await createApplication(ctx.db, { missionId: m.id, candidateId: user.id, status: k % 2 ? 'interview' : 'shortlisted' });
      pairs.push({ key: a.id, candidateId: user.id, missionId: m.id });
    }
  }
  // No profile, and no such mission: no checks, either way.
  const bare = await createUser(ctx.db, 'candidate');
  pairs.push({ key: 'no-profile', candidateId: bare.id, missionId: missions[0]!.id });
  pairs.push({ key: 'no-mission', candidateId: pairs[0]!.candidateId, missionId: '00000000-0000-4000-8000-000000000000' });

  const one = await createUser(ctx.db, 'coordinator', { operatorId: operator.id });
  const many = await createUser(ctx.db, 'coordinator', { operatorId: operator.id });
  const expected = new Map<string, unknown>();
  await ctx.db.transaction().execute(async (trx) => {
    for (const p of pairs) expected.set(p.key, await eligibilityChecks(trx, p.candidateId, p.missionId, one.id));
  });
  const got = await ctx.db.transaction().execute((trx) => eligibilityOfMany(trx, pairs, many.id));
  t.equal(got.size, pairs.length);
  const differing = pairs.filter((p) => JSON.stringify(got.get(p.key)) !== JSON.stringify(expected.get(p.key)));
  t.same(
    differing.map((p) => ({ key: p.key, one: expected.get(p.key), many: got.get(p.key) })),
    [],
    `${pairs.length} pairs: the same checks, in the same order, with the same details`,
  );
  t.same(got, expected, 'the same maps');
  const failing = new Set([...expected.values()].flatMap((checks) => ((checks as { ok: boolean; rule: string }[] | undefined) ?? []).filter((c) => !c.ok).map((c) => c.rule)));
  t.same(
    [...failing].sort(),
    ['age-max', 'age-min', 'nationality', 'one-service-civique', 'open-to-minors', 'placement-overlap'],
    'the instance fails every rule somewhere (minor-hours cannot: a mission open to minors takes at most 35 hours, a constraint of the table)',
  );
  t.equal(expected.get('no-profile'), undefined);
  t.equal(expected.get('no-mission'), undefined);

  const audited = await disabilityReads(one.id);
  t.ok(audited.length >= 8, `the disability records read one at a time are audited (${audited.length})`);
  t.same(await disabilityReads(many.id), audited, 'the same audit rows, in the same order');

  // A run's inputs: the first failing rule of each application, and the digest, as the run computed them before.
  const applications = await applicationsInPlay(ctx.db, edition.id);
  const ineligible = new Map<string, { rule: string; detail: string; text?: Text | undefined }>();
  await ctx.db.transaction().execute(async (trx) => {
    for (const a of applications) {
      if (a.status === 'accepted') continue;
      const failed = (await eligibilityChecks(trx, a.candidate_id, a.mission_id, one.id))?.find((c) => !c.ok);
      if (failed) ineligible.set(a.id, { rule: failed.rule, detail: failed.detail, text: checkText(failed) });
    }
  });
  const data = problemData(await ctx.db.transaction().execute((trx) => readRunInputs(trx, edition.id, many.id)));
  t.same(data.ineligible, ineligible, 'the same ineligible applications, for the same reasons');
  const before_ = { applications, missions: await missionsInPlay(ctx.db, edition.id), evaluations: await evaluationsOf(ctx.db, edition.id), ineligible };
  t.equal(inputDigest(data, request), inputDigest(before_, request), 'the same digest');
});

/** Counts the statements run through the Kysely instance it is plugged into (transactions included). */
class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.count++;
    return args.result;
  }
}

t.test('the number of queries of a run does not grow with the number of applications', async (t) => {
  const solver = placementSolver();
  t.teardown(() => solver.close());
  const counts: Record<number, { read: number; run: number; audited: number }> = {};
  for (const [volunteers, missions] of [
    [5, 4],
    [100, 40],
  ] as const) {
    const edition = await createEdition(ctx.db, { operatorId: operator.id });
    const { applications } = await seedPlacementEdition(ctx.db, {
      tag: `count-${volunteers}`,
      operatorId: operator.id,
      editionId: edition.id,
      createdBy: coordinator.id,
      volunteers,
      missions,
      applicationsPerVolunteer: 2,
    });
    const reader = await createUser(ctx.db, 'coordinator', { operatorId: operator.id });
    const read = new QueryCounter();
    const rows = await ctx.db
      .withPlugin(read)
      .transaction()
      .execute((trx) => readRunInputs(trx, edition.id, reader.id));
    t.equal(rows.applications.length, applications);
    const run = new QueryCounter();
    const result = await createRun({ db: ctx.db.withPlugin(run), clock: () => new Date(), signAccessToken: () => '', solver }, { ...actor, userId: reader.id }, edition.id, {
      mode: 'optimal',
    });
    t.equal(result.volunteers, volunteers);
    t.ok(result.proposals.length > 0);
    counts[applications] = { read: read.count, run: run.count, audited: (await disabilityReads(reader.id)).length };
  }
  t.comment(`queries: ${JSON.stringify(counts)}`);
  const [small, large] = [counts[10]!, counts[200]!];
  t.ok(small.audited > 0 && large.audited > small.audited, 'both editions read disability records (every branch of the reads is taken)');
  t.equal(large.read, small.read, `reading the inputs: ${small.read} queries for 10 applications and for 200`);
  t.equal(large.run, small.run, `a whole run: ${small.run} queries for 10 applications and for 200`);
  t.ok(small.read <= 8, 'the edition’s rows, the profiles, missions, disability records (and their audit) and placements');
});
