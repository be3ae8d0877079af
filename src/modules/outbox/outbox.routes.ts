import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/access.js';
import { problemResponses } from '../../lib/problem.js';
import { idParams } from '../../lib/schemas.js';
import { secured } from '../../plugins/openapi.js';
import { listOutboxQuery, outboxEmailSchema, outboxPageSchema } from './outbox.schemas.js';
import { listOutboxEmails, type OutboxViewOptions, retryOutboxEmail } from './outbox.service.js';

/** `options.publicUrl` (config.publicUrl) makes the messages' links absolute, as they are sent. */
export function outboxRoutes(deps: Deps, options: OutboxViewOptions): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/admin/outbox', {
      schema: {
        tags: ['outbox'],
        operationId: 'listOutbox',
        summary: 'List the e-mails of the outbox (admin)',
        description:
          'Every e-mail the platform wrote, newest first, with its delivery state. Without SMTP_URL nothing is sent and ' +
          'this is where the messages can be read. A message in `sending` for more than a few minutes was interrupted ' +
          'mid-send: it is not retried (it may have gone), and needs a person to check.',
        security: secured,
        querystring: listOutboxQuery,
        response: { 200: outboxPageSchema, ...problemResponses(400, 401, 403) },
      },
      onRequest: app.authorize('admin'),
      handler: async (request) => listOutboxEmails(deps, request.query, options),
    });

    app.post('/admin/outbox/:id/retry', {
      schema: {
        tags: ['outbox'],
        operationId: 'retryOutboxMessage',
        summary: 'Send a failed e-mail again (admin)',
        description:
          'A `failed` message goes back to `pending`, due now, its attempts counted from zero (the whole retry ' +
          'schedule again). Any other status is a 409 naming it in `currentState`: a `sending` one may have gone, ' +
          'and needs a person to check first. The same action as the console’s « Renvoyer le message ».',
        security: secured,
        params: idParams,
        response: { 200: outboxEmailSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
      onRequest: app.authorize('admin'),
      handler: async (request) => retryOutboxEmail(deps, actorOf(request), request.params.id, options),
    });
  };
}
