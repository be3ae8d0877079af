import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/access.js';
import { problemResponses } from '../../lib/problem.js';
import { etag, idParams, ifMatchHeaders, versionOf } from '../../lib/schemas.js';
import { secured } from '../../plugins/openapi.js';
import {
  attendanceBody,
  cancelBody,
  publicSessionsQuery,
  registerBody,
  registrationListSchema,
  registrationResultSchema,
  sessionBody,
  sessionListSchema,
  sessionSchema,
} from './info-sessions.schemas.js';
import {
  cancelRegistration,
  cancelSession,
  createSession,
  editSession,
  getPublicSession,
  listEditionSessions,
  listRegistrations,
  listUpcomingSessions,
  recordAttendance,
  register,
} from './info-sessions.service.js';

/** Per address (IPv4, or IPv6 /64): registering and cancelling without an account. */
export const INFO_SESSION_LIMITS = {
  register: { max: 20, timeWindow: 15 * 60 * 1000 },
  cancel: { max: 20, timeWindow: 15 * 60 * 1000 },
} as const;

const optionalIfMatch = z.object({
  'if-match': ifMatchHeaders.shape['if-match'].optional().describe('Optional: the version read; 412 when the session changed since'),
});

/** The API of information meetings and their registrations (issue 16). */
export function infoSessionRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const coordinators = app.authorize('admin', 'coordinator');
    const tags = ['info-sessions'];

    app.get('/info-sessions', {
      schema: {
        tags,
        operationId: 'listUpcomingInfoSessions',
        security: [],
        summary: 'The upcoming information meetings (not cancelled, not started) of the editions that are recruiting, soonest first',
        querystring: publicSessionsQuery,
        response: { 200: sessionListSchema, ...problemResponses(400) },
      },
      handler: async (request) => listUpcomingSessions(deps, request.query),
    });

    app.get('/info-sessions/:id', {
      schema: {
        tags,
        operationId: 'getInfoSession',
        security: [],
        summary: 'An information meeting of an edition that is recruiting (public)',
        params: idParams,
        response: { 200: sessionSchema, ...problemResponses(400, 404) },
      },
      handler: async (request, reply) => {
        const session = await getPublicSession(deps, request.params.id);
        return reply.header('etag', etag(session.version)).send(session);
      },
    });

    app.post('/info-sessions/:id/registrations', {
      schema: {
        tags,
        operationId: 'registerToInfoSession',
        security: [{}, { bearerAuth: [] }],
        summary: 'Register to an information meeting, with or without an account',
        description:
          'Without an account: fullName and email are required. A signed-in candidate’s name and e-mail come from the account. A place if one is left (201, status registered), else the waiting list (status waiting, with its rank). One e-mail address registers once per meeting (409, rule info-one-registration); a cancelled or started meeting takes none (422, rule info-session-open). A confirmation with a cancel link is e-mailed.',
        params: idParams,
        body: registerBody,
        response: { 201: registrationResultSchema, ...problemResponses(400, 401, 403, 404, 409, 422, 429) },
      },
      config: { rateLimit: INFO_SESSION_LIMITS.register },
      onRequest: app.identify(),
      handler: async (request, reply) => reply.code(201).send(await register(deps, request.actor, request.params.id, request.body)),
    });

    app.post('/info-registrations/cancel', {
      schema: {
        tags,
        operationId: 'cancelInfoRegistration',
        security: [],
        summary: 'Cancel a registration with the token of its cancel link',
        description: 'A registered person’s place goes to the first in line, who is told by e-mail. 410 when the link was used or is unknown; 422 (rule info-session-open) once the meeting has started.',
        body: cancelBody,
        response: { 200: z.object({ id: z.uuid(), status: z.literal('cancelled'), promoted: z.number().int(), session: sessionSchema }), ...problemResponses(400, 410, 422, 429) },
      },
      config: { rateLimit: INFO_SESSION_LIMITS.cancel },
      handler: async (request) => cancelRegistration(deps, request.body.token),
    });

    app.get('/editions/:id/info-sessions', {
      schema: {
        tags,
        operationId: 'listEditionInfoSessions',
        security: secured,
        summary: 'An edition’s information meetings with their counts (its operator’s coordinators)',
        params: idParams,
        response: { 200: sessionListSchema, ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: coordinators,
      handler: async (request) => listEditionSessions(deps, actorOf(request), request.params.id),
    });

    app.post('/editions/:id/info-sessions', {
      schema: {
        tags,
        operationId: 'createInfoSession',
        security: secured,
        summary: 'Plan an information meeting for an edition in planning or recruiting',
        description: 'The day and times are in Europe/Paris.',
        params: idParams,
        body: sessionBody,
        response: { 201: sessionSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: coordinators,
      handler: async (request, reply) => {
        const session = await createSession(deps, actorOf(request), request.params.id, request.body);
        return reply.code(201).header('etag', etag(session.version)).send(session);
      },
    });

    app.put('/info-sessions/:id', {
      schema: {
        tags,
        operationId: 'updateInfoSession',
        security: secured,
        summary: 'Change an information meeting',
        description: 'The capacity never goes below the people registered (rule info-capacity); a larger one lets the waiting list in, in order. If-Match: the version read (412 when stale).',
        params: idParams,
        headers: optionalIfMatch,
        body: sessionBody,
        response: { 200: sessionSchema, ...problemResponses(400, 401, 403, 404, 409, 412, 422) },
      },
      onRequest: coordinators,
      handler: async (request, reply) => {
        const header = request.headers['if-match'];
        const session = await editSession(deps, actorOf(request), request.params.id, request.body, header === undefined ? undefined : versionOf(header));
        return reply.header('etag', etag(session.version)).send(session);
      },
    });

    app.post('/info-sessions/:id/cancel', {
      schema: {
        tags,
        operationId: 'cancelInfoSession',
        security: secured,
        summary: 'Cancel an information meeting: everyone registered or waiting is told by e-mail',
        params: idParams,
        response: { 200: sessionSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
      onRequest: coordinators,
      handler: async (request) => cancelSession(deps, actorOf(request), request.params.id),
    });

    app.get('/info-sessions/:id/registrations', {
      schema: {
        tags,
        operationId: 'listInfoRegistrations',
        security: secured,
        summary: 'A meeting’s registrations: the registered, the waiting list in its order, the cancelled',
        params: idParams,
        response: { 200: registrationListSchema, ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: coordinators,
      handler: async (request) => listRegistrations(deps, actorOf(request), request.params.id),
    });

    app.put('/info-sessions/:id/attendance', {
      schema: {
        tags,
        operationId: 'recordInfoSessionAttendance',
        security: secured,
        summary: 'Record who came (once the meeting has started: rule info-attendance); each attendee is invited to apply, once',
        params: idParams,
        body: attendanceBody,
        response: { 200: registrationListSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: coordinators,
      handler: async (request) => recordAttendance(deps, actorOf(request), request.params.id, request.body.attendance),
    });
  };
}
