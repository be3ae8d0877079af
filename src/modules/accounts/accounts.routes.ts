import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/access.js';
import { problemResponses } from '../../lib/problem.js';
import { meSchema } from './accounts.schemas.js';
import { getMe } from './accounts.service.js';
import { secured } from '../../plugins/openapi.js';

export function accountRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/me', {
      schema: {
        tags: ['accounts'],
        operationId: 'getMe',
        summary: 'The signed-in account',
        security: secured,
        response: { 200: meSchema, ...problemResponses(401) },
      },
      onRequest: app.authorize(),
      handler: async (request) => getMe(deps, actorOf(request)),
    });
  };
}
