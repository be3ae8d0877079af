import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';

/** The API of the volunteers' follow-up: trainings, tutors' check-ins, early ends, certificates (issue 16). */
export function followUpRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    void deps;
    void app;
  };
}
