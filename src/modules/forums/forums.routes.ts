import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/access.js';
import { problemResponses } from '../../lib/problem.js';
import { etag, idParams, ifMatchHeaders, versionOf } from '../../lib/schemas.js';
import { secured } from '../../plugins/openapi.js';
import {
  addCandidateBody,
  candidateTimesBody,
  createForumBody,
  createRequestBody,
  forumCandidateParams,
  forumCandidateSchema,
  forumPageSchema,
  forumRequestParams,
  forumSchema,
  forumStructureBody,
  forumStructureParams,
  forumStructureSchema,
  forumTransitionBody,
  invitableQuery,
  invitableSchema,
  inviteResultSchema,
  listForumsQuery,
  requestSchema,
  updateForumBody,
} from './forums.schemas.js';
import {
  addForumCandidate,
  createForum,
  editForum,
  getForum,
  inviteShortlisted,
  searchInvitable,
  listCandidatesAtForum,
  listForums,
  listMeetingRequests,
  listStructuresAtForum,
  moveForumTo,
  removeForumCandidate,
  removeForumStructure,
  requestMeeting,
  setCandidateTimes,
  setForumStructure,
  withdrawRequest,
} from './forums.service.js';
import { closeForumEffects } from './schedule.service.js';

export function forumRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const organisers = app.authorize('admin', 'coordinator');
    const anyone = app.authorize();
    const tags = ['forums'];

    app.post('/editions/:id/forums', {
      schema: {
        tags,
        operationId: 'createForum',
        summary: 'Plan a speed-dating forum for an edition',
        description: 'The day, start and end times (Europe/Paris), slot length (default 7 min), changeover (default 1 min) and breaks decide the rounds; at least one must fit.',
        security: secured,
        params: idParams,
        body: createForumBody,
        response: { 201: forumSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: organisers,
      handler: async (request, reply) => {
        const forum = await createForum(deps, actorOf(request), request.params.id, request.body);
        return reply.code(201).header('etag', etag(forum.version)).send(forum);
      },
    });

    app.get('/editions/:id/forums', {
      schema: {
        tags,
        operationId: 'listForums',
        summary: 'The forums of an edition (coordinators; structure members see those their structure sits at)',
        security: secured,
        params: idParams,
        querystring: listForumsQuery,
        response: { 200: forumPageSchema, ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: app.authorize('admin', 'coordinator', 'structure_member'),
      handler: async (request) => listForums(deps, actorOf(request), request.params.id, request.query),
    });

    app.get('/forums/:id', {
      schema: { tags, operationId: 'getForum', summary: 'One forum, with its rounds and their times', security: secured, params: idParams, response: { 200: forumSchema, ...problemResponses(400, 401, 404) } },
      onRequest: anyone,
      handler: async (request, reply) => {
        const forum = await getForum(deps, actorOf(request), request.params.id);
        return reply.header('etag', etag(forum.version)).send(forum);
      },
    });

    app.patch('/forums/:id', {
      schema: {
        tags,
        operationId: 'updateForum',
        summary: 'Change a forum (the day and times only while it is planned)',
        security: secured,
        params: idParams,
        headers: ifMatchHeaders,
        body: updateForumBody,
        response: { 200: forumSchema, ...problemResponses(400, 401, 403, 404, 409, 412, 422) },
      },
      onRequest: organisers,
      handler: async (request, reply) => {
        const forum = await editForum(deps, actorOf(request), request.params.id, versionOf(request.headers['if-match']), request.body);
        return reply.header('etag', etag(forum.version)).send(forum);
      },
    });

    app.post('/forums/:id/transitions', {
      schema: {
        tags,
        operationId: 'moveForum',
        summary: 'Start (scheduled → running) or close a forum',
        description: 'Closing moves the applications of the candidates met to `interview`, in the same transaction. A forum becomes scheduled when a grid is stored.',
        security: secured,
        params: idParams,
        body: forumTransitionBody,
        response: { 200: forumSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
      onRequest: organisers,
      handler: async (request) => moveForumTo(deps, actorOf(request), request.params.id, request.body.to, closeForumEffects),
    });

    app.get('/forums/:id/structures', {
      schema: { tags, operationId: 'listForumStructures', summary: 'The structures at the forum, with their tables', security: secured, params: idParams, response: { 200: z.object({ items: z.array(forumStructureSchema) }), ...problemResponses(400, 401, 404) } },
      onRequest: anyone,
      handler: async (request) => listStructuresAtForum(deps, actorOf(request), request.params.id),
    });

    app.put('/forums/:id/structures/:structureId', {
      schema: {
        tags,
        operationId: 'setForumStructure',
        summary: 'Seat a structure at the forum (or change its tables and unavailable rounds)',
        security: secured,
        params: forumStructureParams,
        body: forumStructureBody,
        response: { 200: forumStructureSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: organisers,
      handler: async (request) => setForumStructure(deps, actorOf(request), request.params.id, request.params.structureId, request.body),
    });

    app.delete('/forums/:id/structures/:structureId', {
      schema: { tags, operationId: 'removeForumStructure', summary: 'Take a structure off the forum (its requests go too)', security: secured, params: forumStructureParams, response: { 204: z.undefined(), ...problemResponses(400, 401, 403, 404, 409) } },
      onRequest: organisers,
      handler: async (request, reply) => {
        await removeForumStructure(deps, actorOf(request), request.params.id, request.params.structureId);
        return reply.code(204).send();
      },
    });

    app.get('/forums/:id/candidates', {
      schema: { tags, operationId: 'listForumCandidates', summary: 'The candidates invited (a candidate sees themself)', security: secured, params: idParams, response: { 200: z.object({ items: z.array(forumCandidateSchema) }), ...problemResponses(400, 401, 404) } },
      onRequest: anyone,
      handler: async (request) => listCandidatesAtForum(deps, actorOf(request), request.params.id),
    });

    app.post('/forums/:id/candidates', {
      schema: {
        tags,
        operationId: 'addForumCandidate',
        summary: 'Invite a candidate, with a late arrival or an early leave',
        description: 'Candidates who applied to a mission of the forum’s edition, or who agreed to stay in the operator’s pool; anyone else is a 404, as an unknown id.',
        security: secured,
        params: idParams,
        body: addCandidateBody,
        response: { 201: forumCandidateSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: organisers,
      handler: async (request, reply) => reply.code(201).send(await addForumCandidate(deps, actorOf(request), request.params.id, request.body)),
    });

    app.get('/forums/:id/invitable', {
      schema: {
        tags,
        operationId: 'searchInvitableCandidates',
        summary: 'The candidates a coordinator may still invite, by name or e-mail',
        description: 'Candidates who applied to a mission of the forum’s edition, or who agreed to stay in the operator’s pool, not yet invited; by name.',
        security: secured,
        params: idParams,
        querystring: invitableQuery,
        response: { 200: invitableSchema, ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: organisers,
      handler: async (request) => searchInvitable(deps, actorOf(request), request.params.id, request.query),
    });

    app.post('/forums/:id/candidates/invite-shortlisted', {
      schema: {
        tags,
        operationId: 'inviteShortlisted',
        summary: 'Invite every candidate shortlisted or invited to an interview by a structure at the forum',
        security: secured,
        params: idParams,
        response: { 200: inviteResultSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
      onRequest: organisers,
      handler: async (request) => inviteShortlisted(deps, actorOf(request), request.params.id),
    });

    app.patch('/forums/:id/candidates/:candidateId', {
      schema: {
        tags,
        operationId: 'setForumCandidateTimes',
        summary: 'Change an invited candidate’s arrival or leaving time (a late arrival on the day)',
        description: 'An absent field is kept, null clears it. Until the forum closes; compute or repair the grid afterwards for it to follow.',
        security: secured,
        params: forumCandidateParams,
        body: candidateTimesBody,
        response: { 200: forumCandidateSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: organisers,
      handler: async (request) => setCandidateTimes(deps, actorOf(request), request.params.id, request.params.candidateId, request.body),
    });

    app.delete('/forums/:id/candidates/:candidateId', {
      schema: { tags, operationId: 'removeForumCandidate', summary: 'Uninvite a candidate (their requests go too)', security: secured, params: forumCandidateParams, response: { 204: z.undefined(), ...problemResponses(400, 401, 403, 404, 409) } },
      onRequest: organisers,
      handler: async (request, reply) => {
        await removeForumCandidate(deps, actorOf(request), request.params.id, request.params.candidateId);
        return reply.code(204).send();
      },
    });

    app.post('/forums/:id/requests', {
      schema: {
        tags,
        operationId: 'requestMeeting',
        summary: 'Ask for a meeting',
        description:
          'A candidate asks to meet a structure of a mission they applied to; a structure member asks to meet a candidate of the forum; a coordinator adds any pair. ' +
          'Both must be at the forum (422 naming the field). When both sides asked, the request is mutual and is scheduled first.',
        security: secured,
        params: idParams,
        body: createRequestBody,
        response: { 201: requestSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: anyone,
      handler: async (request, reply) => reply.code(201).send(await requestMeeting(deps, actorOf(request), request.params.id, request.body)),
    });

    app.get('/forums/:id/requests', {
      schema: { tags, operationId: 'listMeetingRequests', summary: 'The meeting requests (a candidate’s own, a structure’s own, all for coordinators)', security: secured, params: idParams, response: { 200: z.object({ items: z.array(requestSchema) }), ...problemResponses(400, 401, 404) } },
      onRequest: anyone,
      handler: async (request) => listMeetingRequests(deps, actorOf(request), request.params.id),
    });

    app.delete('/forums/:id/requests/:requestId', {
      schema: { tags, operationId: 'withdrawMeetingRequest', summary: 'Withdraw a request (the side that asked, or a coordinator)', security: secured, params: forumRequestParams, response: { 204: z.undefined(), ...problemResponses(400, 401, 404, 409) } },
      onRequest: anyone,
      handler: async (request, reply) => {
        await withdrawRequest(deps, actorOf(request), request.params.id, request.params.requestId);
        return reply.code(204).send();
      },
    });
  };
}
