import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/access.js';
import { problemResponses } from '../../lib/problem.js';
import { etag, idParams, ifMatchHeaders, versionOf } from '../../lib/schemas.js';
import { secured } from '../../plugins/openapi.js';
import {
  createStructureBody,
  listStructuresQuery,
  memberListSchema,
  structurePageSchema,
  structureSchema,
  updateStructureBody,
} from './structures.schemas.js';
import { createStructure, editStructure, getMembers, getStructure, listStructuresFor } from './structures.service.js';

export function structureRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/structures', {
      schema: {
        tags: ['structures'],
        operationId: 'createStructure',
        summary: 'Create a structure (coordinator, admin)',
        description: 'A first-circle structure needs its `reach`; only a public partner has `publicTypes`; the commune must exist.',
        security: secured,
        body: createStructureBody,
        response: { 201: structureSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: app.authorize('admin', 'coordinator'),
      handler: async (request, reply) => {
        const structure = await createStructure(deps, actorOf(request), request.body);
        return reply.code(201).header('etag', etag(structure.version)).send(structure);
      },
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
        summary: 'One structure (its ETag is its version)',
        security: secured,
        params: idParams,
        response: { 200: structureSchema, ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: app.authorize('admin', 'coordinator', 'structure_member'),
      handler: async (request, reply) => {
        const structure = await getStructure(deps, actorOf(request), request.params.id);
        return reply.header('etag', etag(structure.version)).send(structure);
      },
    });

    app.patch('/structures/:id', {
      schema: {
        tags: ['structures'],
        operationId: 'updateStructure',
        summary: 'Change a structure (coordinator of its operator, admin)',
        description: 'Send the ETag you read in If-Match: a structure changed meanwhile answers 412 and is not overwritten.',
        security: secured,
        params: idParams,
        headers: ifMatchHeaders,
        body: updateStructureBody,
        response: { 200: structureSchema, ...problemResponses(400, 401, 403, 404, 409, 412, 422) },
      },
      onRequest: app.authorize('admin', 'coordinator'),
      handler: async (request, reply) => {
        const version = versionOf(request.headers['if-match']);
        const structure = await editStructure(deps, actorOf(request), request.params.id, version, request.body);
        return reply.header('etag', etag(structure.version)).send(structure);
      },
    });

    app.get('/structures/:id/members', {
      schema: {
        tags: ['structures'],
        operationId: 'listStructureMembers',
        summary: 'The structure’s members (accounts invited to it)',
        security: secured,
        params: idParams,
        response: { 200: memberListSchema, ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: app.authorize('admin', 'coordinator', 'structure_member'),
      handler: async (request) => getMembers(deps, actorOf(request), request.params.id),
    });
  };
}
