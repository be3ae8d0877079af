import t from 'tap';
import { DEMO_ACCOUNTS, seedDemo } from '../../../db/demo.js';
import { EDITION1_BINOMES } from '../../../db/demo-programme.js';
import { setup } from '../../helpers/app.js';

/** The Artois demo's edition 1: its report is full, and computed from what the demo recorded. */
const ctx = await setup(t);
await seedDemo(ctx.db);
const coordinator = DEMO_ACCOUNTS.find((a) => a.role === 'coordinator')!;
const token = (await ctx.call('POST', '/auth/login', { body: { email: coordinator.email, password: coordinator.password } })).json().accessToken as string;
const edition1 = await ctx.db.selectFrom('editions').select('id').where('label', '=', 'Édition 1').executeTakeFirstOrThrow();

t.test('edition 1: five binômes, ten volunteers, five projects done, their outings and the publics reached', async (t) => {
  const res = await ctx.call('GET', `/editions/${edition1.id}/report`, { token });
  t.equal(res.statusCode, 200, res.body);
  const report = res.json();
  t.match(report.placement, { binomes: 5, placements: 5, volunteers: 10, minors: 2 });
  t.same(report.projects.byStatus.find((s: { status: string }) => s.status === 'done').count, 5);
  const outings = EDITION1_BINOMES.flatMap((b) => b.project.outings);
  t.equal(report.outings.held, outings.length);
  const groups = outings.flatMap((o) => o.groups);
  const present = groups.reduce((n, g) => n + g.present, 0);
  t.equal(report.reached.total, present, 'people reached: the sum of the present headcounts seeded');
  t.equal(report.reached.firstTime, groups.reduce((n, g) => n + g.firstTime, 0));
  t.equal(
    report.reached.byPublic.reduce((n: number, p: { present: number }) => n + p.present, 0),
    present,
    'by public adds up',
  );
  t.equal(
    report.reached.byVenue.reduce((n: number, p: { present: number }) => n + p.present, 0),
    present,
    'by venue adds up',
  );
  t.ok(report.reached.byVenue.some((v: { name: string }) => v.name === 'Culture Commune'));
  t.equal(report.partnerships.length, 5);
  t.ok(report.partnerships.some((p: { host: string; firstCircle: string }) => p.host === 'Service Culturel de Carvin' && p.firstCircle === 'Culture Commune'));
  t.match(report.applications.funnel.map((s: { count: number }) => s.count), [14, 14, 12, 10, 10]);
  t.match(report.earlyEnds, { total: 1, byReason: [{ reason: 'job', count: 1 }] });
  t.match(report.trainings, [
    { kind: 'fcc', done: 10, missing: 0 },
    { kind: 'psc1', done: 9, missing: 1 },
  ]);
  t.equal(report.volunteers.byEpci.length, 3, 'the three agglomerations');
  t.equal(report.volunteers.byEpci.reduce((n: number, e: { count: number }) => n + e.count, 0), 10);
});

t.test('edition 2: its forum', async (t) => {
  const edition2 = await ctx.db.selectFrom('editions').select('id').where('label', '=', 'Édition 2').executeTakeFirstOrThrow();
  const report = (await ctx.call('GET', `/editions/${edition2.id}/report`, { token })).json();
  t.equal(report.forum.forums, 1);
  t.ok(report.forum.meetingsHeld > 0);
  t.ok(report.forum.evaluated > 0 && report.forum.mutualInterest <= report.forum.evaluated);
  t.equal(report.placement.binomes, 0, 'not placed yet');
});
