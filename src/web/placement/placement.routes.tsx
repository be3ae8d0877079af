import type { FastifyPluginAsync } from 'fastify';
import type { Web } from '../pages.js';

/** The placement board, binômes, placement sheets and indemnity rates. */
export function placementPages(_web: Web): FastifyPluginAsync {
  return async () => {};
}
