import type { FastifyPluginAsync } from 'fastify';
import type { Web } from '../pages.js';

/** The pages of information meetings: the public list and registration, the staff's sessions (issue 16). */
export function infoSessionPages(web: Web): FastifyPluginAsync {
  return async (app) => {
    void web;
    void app;
  };
}
