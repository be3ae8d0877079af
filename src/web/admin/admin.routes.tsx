import type { FastifyPluginAsync } from 'fastify';
import type { Web } from '../pages.js';

/** The admin's pages: operators, coordinators, the outbox. */
export function adminPages(_web: Web): FastifyPluginAsync {
  return async () => {};
}
