import type { FastifyPluginAsync } from 'fastify';
import type { Web } from '../pages.js';

/** « Candidatures » for structures and coordinators: the list, the card, notes, rating, moves, CSV. */
export function reviewPages(_web: Web): FastifyPluginAsync {
  return async () => {};
}
