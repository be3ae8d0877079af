import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';

/** The API of information meetings and their registrations (issue 16). */
export function infoSessionRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    void deps;
    void app;
  };
}
