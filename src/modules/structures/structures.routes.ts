import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/access.js';
import { problemResponses } from '../../lib/problem.js';
import { idParams } from '../../lib/schemas.js';
import { createStructureBody, listStructuresQuery, structurePageSchema, structureSchema } from './structures.schemas.js';
import { createStructure, getStructure, listStructuresFor } from './structures.service.js';
import { secured } from '../../plugins/openapi.js';

export function structureRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/structures', {
      schema: {
        tags: ['structures'],
        operationId: 'createStructure',
        summary: 'Create a structure (coordinator, admin)',
        security: secured,
        body: createStructureBody,
        response: { 201: structureSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: app.authorize('admin', 'coordinator'),
      handler: async (request, reply) => reply.code(201).send(await createStructure(deps, actorOf(request), request.body)),
    });

    app.get('/structures', {
      schema: {
        tags: ['structures'],
        operationId: 'listStructures',
        summary: 'List structures',
        description: 'An admin sees all; a coordinator their operator’s; a structure member their own. Newest first.',
        security: secured,
        querystring: listStructuresQuery,
        response: { 200: structurePageSchema, ...problemResponses(400, 401, 403) },
      },
      onRequest: app.authorize('admin', 'coordinator', 'structure_member'),
      handler: async (request) => listStructuresFor(deps, actorOf(request), request.query),
    });

    app.get('/structures/:id', {
      schema: {
        tags: ['structures'],
        operationId: 'getStructure',
        summary: 'One structure',
        security: secured,
        params: idParams,
        response: { 200: structureSchema, ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: app.authorize('admin', 'coordinator', 'structure_member'),
      handler: async (request) => getStructure(deps, actorOf(request), request.params.id),
    });
  };
}
