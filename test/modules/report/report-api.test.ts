import { parse } from 'csv-parse/sync';
import t from 'tap';
import { setup } from '../../helpers/app.js';
import { signIn } from '../../helpers/factories.js';
import { createReportedEdition } from '../../helpers/report-factories.js';

/** GET /editions/{id}/report and /report.csv: for the coordinators of the edition's operator and the admins. */
const ctx = await setup(t);
const edition = await createReportedEdition(ctx.db, {
  groups: [
    { publicKind: 'seniors', expected: 12, present: 10, firstTime: 7 },
    { publicKind: 'disability', expected: 6, present: 6, firstTime: 6 },
  ],
});
const coordinator = (await signIn(ctx, edition.coordinator)).accessToken;
const other = await createReportedEdition(ctx.db);
const otherCoordinator = (await signIn(ctx, other.coordinator)).accessToken;

t.test('the JSON figures', async (t) => {
  const res = await ctx.call('GET', `/editions/${edition.editionId}/report`, { token: coordinator });
  t.equal(res.statusCode, 200, res.body);
  const report = res.json();
  t.match(report.placement, { binomes: 1, placements: 1, volunteers: 2 });
  t.match(report.outings, { held: 1, planned: 1, cancelled: 0 });
  t.match(report.reached, { total: 16, firstTime: 13 });
  t.same(
    report.reached.byPublic.map((p: { publicKind: string; present: number }) => [p.publicKind, p.present]),
    [
      ['seniors', 10],
      ['disability', 6],
    ],
  );
  t.match(report.applications.funnel, [{ stage: 'submitted', count: 2 }]);
});

t.test('the CSV: one line per figure, in French', async (t) => {
  const res = await ctx.call('GET', `/editions/${edition.editionId}/report.csv`, { token: coordinator });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/csv/);
  t.match(res.headers['content-disposition'], /attachment; filename="bilan-.*\.csv"/);
  const rows = parse(res.body.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
  t.same(rows[0], ['Rubrique', 'Indicateur', 'Valeur']);
  t.ok(rows.some((r) => r[0] === 'Publics touchés' && r[1] === 'Personnes touchées' && r[2] === '16'));
  t.ok(rows.some((r) => r[0] === 'Publics touchés par type de public' && r[1] === 'Personnes âgées' && r[2] === '10'));
});

t.test('another operator’s edition is 404; other roles are refused', async (t) => {
  for (const path of ['/report', '/report.csv']) {
    const res = await ctx.call('GET', `/editions/${edition.editionId}${path}`, { token: otherCoordinator });
    t.equal(res.statusCode, 404, path);
    t.match(res.json(), { status: 404 });
  }
  t.equal((await ctx.call('GET', `/editions/00000000-0000-4000-8000-000000000000/report`, { token: coordinator })).statusCode, 404);
  t.equal((await ctx.call('GET', `/editions/not-a-uuid/report`, { token: coordinator })).statusCode, 400);
  const member = (await signIn(ctx, edition.hostTutor)).accessToken;
  t.equal((await ctx.call('GET', `/editions/${edition.editionId}/report`, { token: member })).statusCode, 403);
  const volunteer = (await signIn(ctx, edition.volunteers[0])).accessToken;
  t.equal((await ctx.call('GET', `/editions/${edition.editionId}/report`, { token: volunteer })).statusCode, 403);
  t.equal((await ctx.call('GET', `/editions/${edition.editionId}/report`)).statusCode, 401);
});
