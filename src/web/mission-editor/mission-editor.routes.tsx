import type { FastifyPluginAsync } from 'fastify';
import type { Web } from '../pages.js';

/** Missions as the staff writes them: « Mes missions » (draft, edit, submit) and the coordination's publishing. */
export function missionEditorPages(_web: Web): FastifyPluginAsync {
  return async () => {};
}
