import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { NotFound } from '../../errors.js';
import { actorOf } from '../../lib/access.js';
import { sendCsv } from '../../lib/csv-download.js';
import { getPublicReport, getReport, listReports, reportCsv, reportFilename } from '../../modules/report/report.service.js';
import { coordinationOnly, type Web } from '../pages.js';
import { pageContext, sendPage } from '../render.js';
import { barChart } from './charts.js';
import { ComparePage, PublicReportPage, ReportListPage, ReportPage, ReportPrintPage, reportCharts } from './report.pages.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const editionIdOf = (value: unknown): string => {
  if (typeof value !== 'string' || !UUID.test(value)) throw new NotFound('report');
  return value;
};
const param = (request: FastifyRequest) => editionIdOf((request.params as { id?: unknown }).id);

/**
 * The pages of an edition's report (« bilan ») (issue 16): for coordinators and admins, the
 * editions, a report with its charts, its A4 version and two editions side by side; for anyone,
 * the public version of a closed edition (rule `small-counts`), on its own address so that it
 * can be given to the elected officials and the press without an account.
 */
export function reportPages(web: Web): FastifyPluginAsync {
  const { deps } = web;
  const guard = { onRequest: coordinationOnly() };
  return async (app) => {
    app.get('/gestion/bilans', guard, async (request, reply) => {
      const editions = await listReports(deps, actorOf(request));
      return sendPage(reply, <ReportListPage ctx={pageContext(request, reply)} editions={editions} />);
    });

    app.get('/gestion/editions/:id/bilan', guard, async (request, reply) => {
      const f = await getReport(deps, actorOf(request), param(request));
      return sendPage(reply, <ReportPage ctx={pageContext(request, reply)} f={f} charts={await reportCharts(f)} />);
    });

    app.get('/gestion/editions/:id/bilan/imprimer', guard, async (request, reply) => {
      const f = await getReport(deps, actorOf(request), param(request));
      return sendPage(reply, <ReportPrintPage ctx={pageContext(request, reply)} f={f} charts={await reportCharts(f)} isPublic={false} back={`/gestion/editions/${f.edition.id}/bilan`} />);
    });

    // The figures as the API's JSON, for the page's link (the API itself takes a bearer token).
    app.get('/gestion/editions/:id/bilan.json', guard, async (request, reply) => {
      const f = await getReport(deps, actorOf(request), param(request));
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(f, null, 2));
    });

    app.get('/gestion/bilans/comparer', guard, async (request, reply) => {
      const query = request.query as { a?: unknown; b?: unknown };
      const actor = actorOf(request);
      const [a, b] = await Promise.all([getReport(deps, actor, editionIdOf(query.a)), getReport(deps, actor, editionIdOf(query.b))]);
      const publics = (f: typeof a) =>
        barChart({
          title: `Personnes touchées par type de public — ${f.edition.label}`,
          axis: 'Personnes',
          valueLabel: 'Personnes présentes',
          partLabel: 'Dont pour la première fois',
          width: 300,
          bars: f.reached.byPublic.map((x) => ({ label: x.label, value: x.present, part: x.firstTime })),
        });
      return sendPage(reply, <ComparePage ctx={pageContext(request, reply)} a={a} b={b} charts={[await publics(a), await publics(b)]} />);
    });

    app.get('/bilans/:id', async (request, reply) => {
      const f = await getPublicReport(deps, param(request));
      return sendPage(reply, <PublicReportPage ctx={pageContext(request, reply)} f={f} charts={await reportCharts(f)} />);
    });

    app.get('/bilans/:id/imprimer', async (request, reply) => {
      const f = await getPublicReport(deps, param(request));
      return sendPage(reply, <ReportPrintPage ctx={pageContext(request, reply)} f={f} charts={await reportCharts(f)} isPublic back={`/bilans/${f.edition.id}`} />);
    });

    app.get('/bilans/:id/bilan.csv', async (request, reply) => {
      const f = await getPublicReport(deps, param(request));
      return sendCsv(reply, { csv: reportCsv(f) }, reportFilename(f, '-public'));
    });
  };
}
