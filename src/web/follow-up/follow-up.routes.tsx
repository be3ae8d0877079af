import type { FastifyPluginAsync } from 'fastify';
import type { Web } from '../pages.js';

/** The pages of the volunteers' follow-up and the coordination's overview (issue 16). */
export function followUpPages(web: Web): FastifyPluginAsync {
  return async (app) => {
    void web;
    void app;
  };
}
