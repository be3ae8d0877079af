import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/access.js';
import { problemResponses } from '../../lib/problem.js';
import { idParams } from '../../lib/schemas.js';
import { secured } from '../../plugins/openapi.js';
import { createProgrammeBody, listProgrammesQuery, programmePageSchema, programmeSchema, updateProgrammeBody } from './programmes.schemas.js';
import { createProgramme, editProgramme, getProgramme, listProgrammesFor } from './programmes.service.js';

export function programmeRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/programmes', {
      schema: {
        tags: ['programmes'],
        operationId: 'createProgramme',
        summary: 'Create a programme (coordinator, admin)',
        security: secured,
        body: createProgrammeBody,
        response: { 201: programmeSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: app.authorize('admin', 'coordinator'),
      handler: async (request, reply) => reply.code(201).send(await createProgramme(deps, actorOf(request), request.body)),
    });

    app.get('/programmes', {
      schema: {
        tags: ['programmes'],
        operationId: 'listProgrammes',
        summary: 'List programmes',
        description: 'An admin sees all; coordinators and structure members their operator’s. Newest first.',
        security: secured,
        querystring: listProgrammesQuery,
        response: { 200: programmePageSchema, ...problemResponses(400, 401, 403) },
      },
      onRequest: app.authorize('admin', 'coordinator', 'structure_member'),
      handler: async (request) => listProgrammesFor(deps, actorOf(request), request.query),
    });

    app.get('/programmes/:id', {
      schema: {
        tags: ['programmes'],
        operationId: 'getProgramme',
        summary: 'One programme',
        security: secured,
        params: idParams,
        response: { 200: programmeSchema, ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: app.authorize('admin', 'coordinator', 'structure_member'),
      handler: async (request) => getProgramme(deps, actorOf(request), request.params.id),
    });

    app.patch('/programmes/:id', {
      schema: {
        tags: ['programmes'],
        operationId: 'updateProgramme',
        summary: 'Change a programme (coordinator of its operator, admin)',
        security: secured,
        params: idParams,
        body: updateProgrammeBody,
        response: { 200: programmeSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
      onRequest: app.authorize('admin', 'coordinator'),
      handler: async (request) => editProgramme(deps, actorOf(request), request.params.id, request.body),
    });
  };
}
