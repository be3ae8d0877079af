import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/access.js';
import { problemResponses } from '../../lib/problem.js';
import { idParams } from '../../lib/schemas.js';
import { secured } from '../../plugins/openapi.js';
import { createPartnershipBody, partnershipListSchema, partnershipSchema } from './partnerships.schemas.js';
import { createPartnership, listEditionPartnerships, removePartnership } from './partnerships.service.js';

export function partnershipRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/editions/:id/partnerships', {
      schema: {
        tags: ['partnerships'],
        operationId: 'createPartnership',
        summary: 'Pair a proximity structure with a first-circle structure for an edition',
        description:
          'Both must be structures of the edition’s operator, of the right kind (422 naming the field); a proximity structure has at most one partner per edition (409).',
        security: secured,
        params: idParams,
        body: createPartnershipBody,
        response: { 201: partnershipSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: app.authorize('admin', 'coordinator'),
      handler: async (request, reply) => reply.code(201).send(await createPartnership(deps, actorOf(request), request.params.id, request.body)),
    });

    app.get('/editions/:id/partnerships', {
      schema: {
        tags: ['partnerships'],
        operationId: 'listPartnerships',
        summary: 'The partnerships of an edition',
        description: 'A structure member sees those of their structure.',
        security: secured,
        params: idParams,
        response: { 200: partnershipListSchema, ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: app.authorize('admin', 'coordinator', 'structure_member'),
      handler: async (request) => listEditionPartnerships(deps, actorOf(request), request.params.id),
    });

    app.delete('/partnerships/:id', {
      schema: {
        tags: ['partnerships'],
        operationId: 'deletePartnership',
        summary: 'End a partnership',
        security: secured,
        params: idParams,
        response: { 204: z.undefined().describe('Ended'), ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: app.authorize('admin', 'coordinator'),
      handler: async (request, reply) => {
        await removePartnership(deps, actorOf(request), request.params.id);
        return reply.code(204).send();
      },
    });
  };
}
