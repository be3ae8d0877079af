import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';

/** The API of mediation projects and their outings (issue 16). */
export function projectRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    void deps;
    void app;
  };
}
