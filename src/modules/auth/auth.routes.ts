import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/access.js';
import { problemResponses } from '../../lib/problem.js';
import { requestMeta } from '../../lib/request-meta.js';
import { changePasswordBody, loginBody, logoutBody, refreshBody, registerBody, signedInSchema, tokensSchema } from './auth.schemas.js';
import { changePassword, login, logout, refresh, register } from './auth.service.js';
import { ADDRESS_LIMITS } from './policy.js';
import { secured } from '../../plugins/openapi.js';

export function authRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/auth/register', {
      schema: {
        tags: ['auth'],
        operationId: 'register',
        security: [],
        summary: 'Sign up as a candidate',
        description: 'Creates a candidate account and signs it in. Other roles are invited (POST /invitations).',
        body: registerBody,
        response: { 201: signedInSchema, ...problemResponses(400, 409, 429) },
      },
      config: { rateLimit: ADDRESS_LIMITS.register },
      handler: async (request, reply) => reply.code(201).send(await register(deps, request.body, requestMeta(request))),
    });

    app.post('/auth/login', {
      schema: {
        tags: ['auth'],
        operationId: 'login',
        security: [],
        summary: 'Sign in',
        description:
          'Answers 401 alike for an unknown e-mail and a wrong password. Failed attempts are limited per account and per address (429 with Retry-After).',
        body: loginBody,
        response: { 200: signedInSchema, ...problemResponses(400, 401, 429) },
      },
      preHandler: (request) => app.loginThrottle.check(request),
      onSend: async (request, reply) => app.loginThrottle.count(request, reply),
      handler: async (request) => login(deps, request.body, requestMeta(request)),
    });

    app.post('/auth/refresh', {
      schema: {
        tags: ['auth'],
        operationId: 'refreshTokens',
        security: [],
        summary: 'Exchange a refresh token for new tokens',
        description:
          'Each refresh token works once and is replaced by the one returned. Presenting a used one revokes the whole session.',
        body: refreshBody,
        response: { 200: tokensSchema, ...problemResponses(400, 401, 429) },
      },
      config: { rateLimit: ADDRESS_LIMITS.refresh },
      handler: async (request) => refresh(deps, request.body.refreshToken),
    });

    app.post('/auth/logout', {
      schema: {
        tags: ['auth'],
        operationId: 'logout',
        summary: 'Sign out',
        description: 'Ends this session (or every session with allSessions): its refresh and access tokens stop working.',
        security: secured,
        body: logoutBody,
        response: { 204: z.undefined().describe('Signed out'), ...problemResponses(400, 401) },
      },
      onRequest: app.authorize(),
      handler: async (request, reply) => {
        await logout(deps, actorOf(request), request.body);
        return reply.code(204).send();
      },
    });

    app.post('/me/password', {
      schema: {
        tags: ['accounts'],
        operationId: 'changePassword',
        summary: 'Change my password',
        description: 'Checks the current password; every other session of the account is ended.',
        security: secured,
        body: changePasswordBody,
        response: { 204: z.undefined().describe('Password changed'), ...problemResponses(400, 401, 422, 429) },
      },
      onRequest: app.authorize(),
      preHandler: (request) => app.passwordChangeThrottle.check(request),
      onSend: async (request, reply) => app.passwordChangeThrottle.count(request, reply),
      handler: async (request, reply) => {
        await changePassword(deps, actorOf(request), request.body);
        return reply.code(204).send();
      },
    });
  };
}
