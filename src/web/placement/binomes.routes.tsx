import type { FastifyPluginAsync } from 'fastify';
import type { Web } from '../pages.js';

export function binomePages(_web: Web): FastifyPluginAsync {
  return async () => {};
}
