import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/access.js';
import { problemResponses } from '../../lib/problem.js';
import { etag, idParams, ifMatchHeaders, versionOf } from '../../lib/schemas.js';
import { secured } from '../../plugins/openapi.js';
import {
  createMissionBody,
  listEditionMissionsQuery,
  missionPageSchema,
  missionSchema,
  missionSearchPageSchema,
  missionTransitionBody,
  searchMissionsQuery,
  updateMissionBody,
} from './missions.schemas.js';
import { createMission, editMission, getMission, listMissionsOfEdition, moveMissionTo, searchMissions, submitMission } from './missions.service.js';

export function missionRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/editions/:id/missions', {
      schema: {
        tags: ['missions'],
        operationId: 'createMission',
        summary: 'Draft a mission in an edition',
        description:
          'A structure member drafts for their own structure; a coordinator names the host. Refused with the `rule` when it breaks a service civique rule ' +
          '(duration, weekly-hours, minor-hours, intermediation).',
        security: secured,
        params: idParams,
        body: createMissionBody,
        response: { 201: missionSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: app.authorize('admin', 'coordinator', 'structure_member'),
      handler: async (request, reply) => {
        const mission = await createMission(deps, actorOf(request), request.params.id, request.body);
        return reply.code(201).header('etag', etag(mission.version)).send(mission);
      },
    });

    app.get('/editions/:id/missions', {
      schema: {
        tags: ['missions'],
        operationId: 'listEditionMissions',
        summary: 'The missions of an edition, whatever their status (for their editors)',
        security: secured,
        params: idParams,
        querystring: listEditionMissionsQuery,
        response: { 200: missionPageSchema, ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: app.authorize('admin', 'coordinator', 'structure_member'),
      handler: async (request) => listMissionsOfEdition(deps, actorOf(request), request.params.id, request.query),
    });

    app.get('/missions', {
      schema: {
        tags: ['missions'],
        operationId: 'searchMissions',
        summary: 'Search published missions (public)',
        description:
          'No account needed. `q` is French full text over title and description, accent-insensitive and ranked; filters combine; ' +
          '`near=lat,lon&radiusKm=` returns each mission’s distance. Cursor pagination, stable while missions are added.',
        security: [],
        querystring: searchMissionsQuery,
        response: { 200: missionSearchPageSchema, ...problemResponses(400, 422) },
      },
      handler: async (request) => searchMissions(deps, request.query),
    });

    app.get('/missions/:id', {
      schema: {
        tags: ['missions'],
        operationId: 'getMission',
        summary: 'One mission',
        description: 'A published mission is public (no account needed); a draft or closed one only for those who may edit it (404 for others).',
        security: [{}, { bearerAuth: [] }],
        params: idParams,
        response: { 200: missionSchema, ...problemResponses(400, 401, 404) },
      },
      onRequest: app.identify(),
      handler: async (request, reply) => {
        const mission = await getMission(deps, request.actor, request.params.id);
        return reply.header('etag', etag(mission.version)).send(mission);
      },
    });

    app.patch('/missions/:id', {
      schema: {
        tags: ['missions'],
        operationId: 'updateMission',
        summary: 'Change a mission',
        description: 'A coordinator until it is closed; a member of the host structure while it is a draft. Send the ETag in If-Match (412 when stale).',
        security: secured,
        params: idParams,
        headers: ifMatchHeaders,
        body: updateMissionBody,
        response: { 200: missionSchema, ...problemResponses(400, 401, 403, 404, 409, 412, 422) },
      },
      onRequest: app.authorize('admin', 'coordinator', 'structure_member'),
      handler: async (request, reply) => {
        const mission = await editMission(deps, actorOf(request), request.params.id, versionOf(request.headers['if-match']), request.body);
        return reply.header('etag', etag(mission.version)).send(mission);
      },
    });

    app.post('/missions/:id/transitions', {
      schema: {
        tags: ['missions'],
        operationId: 'moveMission',
        summary: 'Publish, withdraw, fill, reopen or close a mission (coordinator, admin)',
        security: secured,
        params: idParams,
        body: missionTransitionBody,
        response: { 200: missionSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: app.authorize('admin', 'coordinator'),
      handler: async (request, reply) => {
        const mission = await moveMissionTo(deps, actorOf(request), request.params.id, request.body.to);
        return reply.header('etag', etag(mission.version)).send(mission);
      },
    });

    app.post('/missions/:id/submit', {
      schema: {
        tags: ['missions'],
        operationId: 'submitMission',
        summary: 'Submit a draft for publication (a member of the host structure)',
        description: 'The coordination then publishes it (POST /missions/{id}/transitions). Submitting again changes nothing; any status move ends the submission (`submittedAt` back to null).',
        security: secured,
        params: idParams,
        response: { 200: missionSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
      onRequest: app.authorize('structure_member'),
      handler: async (request, reply) => {
        const mission = await submitMission(deps, actorOf(request), request.params.id);
        return reply.header('etag', etag(mission.version)).send(mission);
      },
    });
  };
}
