import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/access.js';
import { problemResponses } from '../../lib/problem.js';
import { idParams } from '../../lib/schemas.js';
import { secured } from '../../plugins/openapi.js';
import { createEditionBody, editionPageSchema, editionSchema, listEditionsQuery, transitionBody, updateEditionBody } from './editions.schemas.js';
import { createEdition, editEdition, getEdition, listEditionsFor, moveEditionTo } from './editions.service.js';

export function editionRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/programmes/:id/editions', {
      schema: {
        tags: ['editions'],
        operationId: 'createEdition',
        summary: 'Create an edition of a programme (coordinator, admin)',
        description: 'It starts in `planning`. Every EPCI of `epciCodes` must exist (422 naming each unknown one).',
        security: secured,
        params: idParams,
        body: createEditionBody,
        response: { 201: editionSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: app.authorize('admin', 'coordinator'),
      handler: async (request, reply) => reply.code(201).send(await createEdition(deps, actorOf(request), request.params.id, request.body)),
    });

    app.get('/programmes/:id/editions', {
      schema: {
        tags: ['editions'],
        operationId: 'listEditions',
        summary: 'The editions of a programme',
        security: secured,
        params: idParams,
        querystring: listEditionsQuery,
        response: { 200: editionPageSchema, ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: app.authorize('admin', 'coordinator', 'structure_member'),
      handler: async (request) => listEditionsFor(deps, actorOf(request), request.params.id, request.query),
    });

    app.get('/editions/:id', {
      schema: {
        tags: ['editions'],
        operationId: 'getEdition',
        summary: 'One edition',
        security: secured,
        params: idParams,
        response: { 200: editionSchema, ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: app.authorize('admin', 'coordinator', 'structure_member'),
      handler: async (request) => getEdition(deps, actorOf(request), request.params.id),
    });

    app.patch('/editions/:id', {
      schema: {
        tags: ['editions'],
        operationId: 'updateEdition',
        summary: 'Change an edition (not once closed)',
        security: secured,
        params: idParams,
        body: updateEditionBody,
        response: { 200: editionSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: app.authorize('admin', 'coordinator'),
      handler: async (request) => editEdition(deps, actorOf(request), request.params.id, request.body),
    });

    app.post('/editions/:id/transitions', {
      schema: {
        tags: ['editions'],
        operationId: 'moveEdition',
        summary: 'Move an edition to its next status',
        description: 'planning → recruiting → running → closed; planning or recruiting → closed cancels it. Another move is a 409 naming the current status.',
        security: secured,
        params: idParams,
        body: transitionBody,
        response: { 200: editionSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
      onRequest: app.authorize('admin', 'coordinator'),
      handler: async (request) => moveEditionTo(deps, actorOf(request), request.params.id, request.body),
    });
  };
}
