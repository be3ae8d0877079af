import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/access.js';
import { sendCsv } from '../../lib/csv-download.js';
import { problemResponses } from '../../lib/problem.js';
import { idParams } from '../../lib/schemas.js';
import { secured } from '../../plugins/openapi.js';
import { reportSchema } from './report.schemas.js';
import { getReport, reportCsv, reportFilename } from './report.service.js';

/** The API of an edition's report (« bilan ») (issue 16): its figures as JSON and as CSV. */
export function reportRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const coordinators = app.authorize('admin', 'coordinator');
    const tags = ['report'];

    app.get('/editions/:id/report', {
      schema: {
        tags,
        operationId: 'getEditionReport',
        summary: 'An edition’s report: applications, information meetings, forum, placement, volunteers, follow-up, projects, outings and publics reached',
        description: 'Computed from the data at each call, never typed in. Another operator’s edition is 404.',
        security: secured,
        params: idParams,
        response: { 200: reportSchema, ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: coordinators,
      handler: async (request) => getReport(deps, actorOf(request), request.params.id),
    });

    app.get('/editions/:id/report.csv', {
      schema: {
        tags,
        operationId: 'getEditionReportCsv',
        summary: 'An edition’s report as a French CSV: one line per figure (section; label; value)',
        security: secured,
        params: idParams,
        produces: ['text/csv'],
        response: { 200: z.string().describe('text/csv; `;` separated, UTF-8 with a byte-order mark'), ...problemResponses(400, 401, 403, 404) },
      },
      // A link from the report's page opens it with the console's session.
      config: { documentLink: true },
      onRequest: coordinators,
      handler: async (request, reply) => {
        const figures = await getReport(deps, actorOf(request), request.params.id);
        return sendCsv(reply, { csv: reportCsv(figures) }, reportFilename(figures));
      },
    });
  };
}
