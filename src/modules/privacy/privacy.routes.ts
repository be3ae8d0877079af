import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/access.js';
import { problemResponses } from '../../lib/problem.js';
import { secured } from '../../plugins/openapi.js';
import { deleteMyAccount, exportMyData } from './privacy.service.js';

export function privacyRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/me/export', {
      schema: {
        tags: ['accounts'],
        operationId: 'exportMyData',
        summary: 'Everything held about me, as JSON (GDPR access and portability)',
        description:
          'Account, sessions, profile, disability record, applications with their history, the reviewers’ notes about me, the e-mails ' +
          'written to me and my activity. Reading it is audited.',
        security: secured,
        response: { 200: z.looseObject({ exportedAt: z.string() }).describe('One JSON document, table by table'), ...problemResponses(401) },
      },
      onRequest: app.authorize(),
      handler: async (request, reply) => {
        const data = await exportMyData(deps, actorOf(request));
        return reply.header('content-disposition', 'attachment; filename="binome-export.json"').header('cache-control', 'no-store').send(data);
      },
    });

    app.delete('/me', {
      schema: {
        tags: ['accounts'],
        operationId: 'deleteMyAccount',
        summary: 'Delete my candidate account: identifying data erased, irreversibly',
        description:
          'Needs the password. Names, e-mail, phone, presentation, motivations, notes and the disability record are erased and every session ' +
          'ends; an accepted placement keeps the names, birth date and commune the law requires. Staff accounts: 403 (an administrator closes them).',
        security: secured,
        body: z.object({ password: z.string().min(1).max(1024).describe('The current password, to confirm') }).strict(),
        response: { 204: z.undefined().describe('Erased'), ...problemResponses(400, 401, 403, 422, 429) },
      },
      onRequest: app.authorize(),
      preHandler: (request) => app.passwordChangeThrottle.check(request),
      onSend: async (request, reply) => app.passwordChangeThrottle.count(request, reply),
      handler: async (request, reply) => {
        await deleteMyAccount(deps, actorOf(request), request.body.password);
        return reply.code(204).send();
      },
    });
  };
}
