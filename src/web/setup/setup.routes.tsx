import type { FastifyPluginAsync } from 'fastify';
import type { Web } from '../pages.js';

/** The coordination's set-up: programmes, editions, structures, partnerships, staff invitations. */
export function setupPages(_web: Web): FastifyPluginAsync {
  return async () => {};
}
