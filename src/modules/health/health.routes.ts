import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { Unavailable } from '../../errors.js';
import { text } from '../../i18n/index.js';
import { problemResponses } from '../../lib/problem.js';

// Readiness gives the database this long to answer before the instance is reported not ready.
const READY_TIMEOUT_MS = 2000;

export function healthRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/health', {
      schema: {
        tags: ['operations'],
        operationId: 'health',
        security: [],
        summary: 'Liveness: the process is up',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
      handler: async () => ({ status: 'ok' as const }),
    });

    app.get('/ready', {
      schema: {
        tags: ['operations'],
        operationId: 'ready',
        security: [],
        summary: 'Readiness: the database answers',
        response: { 200: z.object({ status: z.literal('ready') }), ...problemResponses(503) },
      },
      handler: async () => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS);
        });
        try {
          await Promise.race([sql`select 1`.execute(deps.db), timeout]);
        } catch {
          throw new Unavailable(text('problem.databaseDown'));
        } finally {
          clearTimeout(timer);
        }
        return { status: 'ready' as const };
      },
    });
  };
}
