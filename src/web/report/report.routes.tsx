import type { FastifyPluginAsync } from 'fastify';
import type { Web } from '../pages.js';

/** The pages of an edition's report (« bilan ») (issue 16). */
export function reportPages(web: Web): FastifyPluginAsync {
  return async (app) => {
    void web;
    void app;
  };
}
