import type { FastifyPluginAsync } from 'fastify';
import type { Web } from '../pages.js';

export function ratePages(_web: Web): FastifyPluginAsync {
  return async () => {};
}
