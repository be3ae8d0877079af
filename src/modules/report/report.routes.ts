import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';

/** The API of an edition's report (« bilan ») (issue 16). */
export function reportRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    void deps;
    void app;
  };
}
