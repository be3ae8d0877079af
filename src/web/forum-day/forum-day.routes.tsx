import type { FastifyPluginAsync } from 'fastify';
import type { Web } from '../pages.js';

/** The forum for the staff: a structure's agenda and evaluations on a phone; the coordination's forum day. */
export function forumDayPages(_web: Web): FastifyPluginAsync {
  return async () => {};
}
