import type { FastifyPluginAsync } from 'fastify';
import type { Web } from '../pages.js';

/** The pages of a binôme's mediation projects and outings (issue 16). */
export function projectPages(web: Web): FastifyPluginAsync {
  return async (app) => {
    void web;
    void app;
  };
}
