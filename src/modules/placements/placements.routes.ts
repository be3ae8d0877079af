import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/access.js';
import { problemResponses } from '../../lib/problem.js';
import { etag, idParams, ifMatchHeaders, versionOf } from '../../lib/schemas.js';
import { secured } from '../../plugins/openapi.js';
import { createRateBody, placementSchema, rateSchema, sheetQuery, tutorsBody } from './placements.schemas.js';
import { addRate, editTutors, exportEditionPlacements, getPlacement, getRates, sheetCsv } from './placements.service.js';

export function placementRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['placement'];

    app.get('/placements/:id/sheet', {
      schema: {
        tags,
        operationId: 'getPlacementSheet',
        summary: 'The placement sheet: the facts the contract needs (JSON, or CSV with format=csv)',
        description: 'Coordinators of the operator; members of the host or first-circle structure; the placed volunteers (without their partner’s contact details).',
        security: secured,
        params: idParams,
        querystring: sheetQuery,
        produces: ['application/json', 'text/csv'],
        response: { 200: placementSchema.or(z.string().describe('CSV, one line per volunteer')), ...problemResponses(400, 401, 404) },
      },
      // The CSV opens as a link (the console's cookie); the JSON is the API's (bearer only).
      config: { documentLink: (request) => (request.query as { format?: unknown }).format === 'csv' },
      onRequest: app.authorize(),
      handler: async (request, reply) => {
        const sheet = await getPlacement(deps, actorOf(request), request.params.id);
        if (request.query.format === 'json') return reply.header('etag', etag(sheet.version)).send(sheet);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="affectation-${sheet.id}.csv"`)
          .send(sheetCsv(sheet));
      },
    });

    app.get('/editions/:id/placements.csv', {
      schema: {
        tags,
        operationId: 'exportEditionPlacements',
        summary: 'Every placement of the edition (proposed and confirmed binômes) as one CSV, a line per volunteer',
        description: 'The placement sheet’s columns (UTF-8, `;`-separated, for French spreadsheets). Structure members get their own structure’s.',
        security: secured,
        params: idParams,
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV, one line per placed volunteer'), ...problemResponses(400, 401, 403, 404) },
      },
      config: { documentLink: true },
      onRequest: app.authorize('admin', 'coordinator', 'structure_member'),
      handler: async (request, reply) => {
        const csv = await exportEditionPlacements(deps, actorOf(request), request.params.id);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="affectations-${request.params.id}.csv"`)
          .send(csv);
      },
    });

    app.patch('/placements/:id/tutors', {
      schema: {
        tags,
        operationId: 'setPlacementTutors',
        summary: 'Name other tutors (rule tutor): a member of the host structure, a coordinator of the operator',
        security: secured,
        params: idParams,
        headers: ifMatchHeaders,
        body: tutorsBody,
        response: { 200: placementSchema, ...problemResponses(400, 401, 403, 404, 409, 412, 422) },
      },
      onRequest: app.authorize('admin', 'coordinator'),
      handler: async (request, reply) => {
        const sheet = await editTutors(deps, actorOf(request), request.params.id, request.body, versionOf(request.headers['if-match']));
        return reply.header('etag', etag(sheet.version)).send(sheet);
      },
    });

    app.get('/indemnity-rates', {
      schema: {
        tags,
        operationId: 'listIndemnityRates',
        summary: 'The monthly indemnity rates by effective date (rule indemnity), newest first',
        security: secured,
        response: { 200: z.array(rateSchema), ...problemResponses(401, 403) },
      },
      onRequest: app.authorize('admin', 'coordinator'),
      handler: async () => getRates(deps),
    });

    app.post('/indemnity-rates', {
      schema: {
        tags,
        operationId: 'addIndemnityRate',
        summary: 'Add a rate taking effect on a date (admins)',
        security: secured,
        body: createRateBody,
        response: { 201: rateSchema, ...problemResponses(400, 401, 403, 409, 422) },
      },
      onRequest: app.authorize('admin'),
      handler: async (request, reply) => reply.code(201).send(await addRate(deps, actorOf(request), request.body)),
    });
  };
}
