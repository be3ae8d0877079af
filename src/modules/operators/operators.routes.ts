import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/access.js';
import { problemResponses } from '../../lib/problem.js';
import { idParams } from '../../lib/schemas.js';
import { createOperatorBody, listOperatorsQuery, operatorPageSchema, operatorSchema, updateOperatorBody } from './operators.schemas.js';
import { createOperator, editOperator, getOperator, listOperatorsFor } from './operators.service.js';
import { secured } from '../../plugins/openapi.js';

export function operatorRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/operators', {
      schema: {
        tags: ['operators'],
        operationId: 'createOperator',
        summary: 'Create an operator (admin)',
        security: secured,
        body: createOperatorBody,
        response: { 201: operatorSchema, ...problemResponses(400, 401, 403, 409) },
      },
      onRequest: app.authorize('admin'),
      handler: async (request, reply) => reply.code(201).send(await createOperator(deps, actorOf(request), request.body)),
    });

    app.get('/operators', {
      schema: {
        tags: ['operators'],
        operationId: 'listOperators',
        summary: 'List operators',
        description: 'An admin sees all; a coordinator or structure member sees their own. Newest first.',
        security: secured,
        querystring: listOperatorsQuery,
        response: { 200: operatorPageSchema, ...problemResponses(400, 401, 403) },
      },
      onRequest: app.authorize('admin', 'coordinator', 'structure_member'),
      handler: async (request) => listOperatorsFor(deps, actorOf(request), request.query),
    });

    app.patch('/operators/:id', {
      schema: {
        tags: ['operators'],
        operationId: 'updateOperator',
        summary: 'Change an operator (admin)',
        security: secured,
        params: idParams,
        body: updateOperatorBody,
        response: { 200: operatorSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
      onRequest: app.authorize('admin'),
      handler: async (request) => editOperator(deps, actorOf(request), request.params.id, request.body),
    });

    app.get('/operators/:id', {
      schema: {
        tags: ['operators'],
        operationId: 'getOperator',
        summary: 'One operator',
        security: secured,
        params: idParams,
        response: { 200: operatorSchema, ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: app.authorize('admin', 'coordinator', 'structure_member'),
      handler: async (request) => getOperator(deps, actorOf(request), request.params.id),
    });
  };
}
