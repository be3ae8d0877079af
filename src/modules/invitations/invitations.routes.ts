import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/access.js';
import { problemResponses } from '../../lib/problem.js';
import { requestMeta } from '../../lib/request-meta.js';
import { idParams } from '../../lib/schemas.js';
import { signedInSchema } from '../auth/auth.schemas.js';
import { ADDRESS_LIMITS } from '../auth/policy.js';
import {
  acceptInvitationBody,
  createdInvitationSchema,
  createInvitationBody,
  invitationPageSchema,
  invitationSchema,
  listInvitationsQuery,
  tokenParams,
} from './invitations.schemas.js';
import { acceptInvitation, createInvitation, listInvitationsFor, revokeInvitation } from './invitations.service.js';
import { secured } from '../../plugins/openapi.js';

export function invitationRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/invitations', {
      schema: {
        tags: ['invitations'],
        operationId: 'createInvitation',
        summary: 'Invite a coordinator or a structure member',
        description:
          'An admin invites coordinators; a coordinator invites members of their operator’s structures. ' +
          'The one-time token (valid 7 days) is in the answer and in the e-mail sent to the invitee (through the outbox), as a link to the console’s page `/invitation?jeton=…`. Inviting an address again replaces the open invitations you manage; invitations from others (another operator) stand beside the new one, and the answer is the same as for a new address.',
        security: secured,
        body: createInvitationBody,
        response: { 201: createdInvitationSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
      onRequest: app.authorize('admin', 'coordinator'),
      handler: async (request, reply) => reply.code(201).send(await createInvitation(deps, actorOf(request), request.body)),
    });

    app.get('/invitations', {
      schema: {
        tags: ['invitations'],
        operationId: 'listInvitations',
        summary: 'List invitations',
        description: 'An admin sees all; a coordinator those of their operator. Newest first.',
        security: secured,
        querystring: listInvitationsQuery,
        response: { 200: invitationPageSchema, ...problemResponses(400, 401, 403) },
      },
      onRequest: app.authorize('admin', 'coordinator'),
      handler: async (request) => listInvitationsFor(deps, actorOf(request), request.query),
    });

    app.delete('/invitations/:id', {
      schema: {
        tags: ['invitations'],
        operationId: 'revokeInvitation',
        summary: 'Withdraw an invitation',
        security: secured,
        params: idParams,
        response: { 200: invitationSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
      onRequest: app.authorize('admin', 'coordinator'),
      handler: async (request) => revokeInvitation(deps, actorOf(request), request.params.id),
    });

    app.post('/invitations/:token/accept', {
      schema: {
        tags: ['invitations'],
        operationId: 'acceptInvitation',
        security: [],
        summary: 'Accept an invitation and set a password',
        description: 'Creates the account with the invited role and signs it in. A used, withdrawn or expired token answers 410.',
        params: tokenParams,
        body: acceptInvitationBody,
        response: { 201: signedInSchema, ...problemResponses(400, 404, 409, 410, 429) },
      },
      config: { rateLimit: ADDRESS_LIMITS.acceptInvitation },
      handler: async (request, reply) =>
        reply.code(201).send(await acceptInvitation(deps, request.params.token, request.body, requestMeta(request))),
    });
  };
}
