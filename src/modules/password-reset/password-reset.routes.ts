import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { problemResponses } from '../../lib/problem.js';
import { passwordResetBody, passwordResetConfirmBody } from './password-reset.schemas.js';
import { confirmPasswordReset, PASSWORD_RESET_LIMITS, type PasswordResetRequests } from './password-reset.service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The password-reset requests under way (tests wait for them with `idle()`). */
    passwordResets: PasswordResetRequests;
  }
}

export function passwordResetRoutes(deps: Deps, requests: PasswordResetRequests): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onClose', () => requests.idle());

    app.post('/auth/password-reset', {
      schema: {
        tags: ['auth'],
        operationId: 'requestPasswordReset',
        security: [],
        summary: 'Ask for a password reset link',
        description:
          'Always 202, whether an account has the address or not (no account enumeration). When one has, a one-time link valid one hour is e-mailed to it (through the outbox); the account’s earlier links stop working. At most 3 links per account per hour.',
        body: passwordResetBody,
        response: { 202: z.undefined().describe('Accepted: if an account has this address, a link is on its way'), ...problemResponses(400, 429) },
      },
      config: { rateLimit: PASSWORD_RESET_LIMITS.request },
      handler: async (request, reply) => {
        // Answered before the work is done, so that the time says nothing about the account.
        requests.start(request.body, request.log);
        return reply.code(202).send();
      },
    });

    app.post('/auth/password-reset/confirm', {
      schema: {
        tags: ['auth'],
        operationId: 'confirmPasswordReset',
        security: [],
        summary: 'Set a new password with a reset link’s token',
        description: 'The token works once, within the hour. Every session of the account ends: sign in again with the new password. A used, expired or unknown token answers 410.',
        body: passwordResetConfirmBody,
        response: { 204: z.undefined().describe('Password changed'), ...problemResponses(400, 410, 429) },
      },
      config: { rateLimit: PASSWORD_RESET_LIMITS.confirm },
      handler: async (request, reply) => {
        await confirmPasswordReset(deps, request.body);
        return reply.code(204).send();
      },
    });
  };
}
