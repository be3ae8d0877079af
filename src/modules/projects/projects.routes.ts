import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/access.js';
import { problemResponses } from '../../lib/problem.js';
import { etag, idParams, ifMatchHeaders, versionOf } from '../../lib/schemas.js';
import { secured } from '../../plugins/openapi.js';
import { attendanceBody, createOutingBody, outingListSchema, outingSchema } from './outings.schemas.js';
import { cancelOuting, createOuting, getOuting, listOutings, recordAttendance } from './outings.service.js';
import { commentBody, commentSchema, createProjectBody, listProjectsQuery, projectPageSchema, projectSchema, reasonBody, updateProjectBody } from './projects.schemas.js';
import { addComment, createProject, getProject, listBinomeProjects, listComments, listProjectsFor, moveProject, type ProjectMove, updateProject } from './projects.service.js';

const optionalIfMatch = z.object({
  'if-match': ifMatchHeaders.shape['if-match'].optional().describe('Optional: the version read; 412 when the project changed since'),
});
const versionFrom = (header: string | undefined) => (header === undefined ? undefined : versionOf(header));

/** The moves of a project, each its own route: who may make it is the workflow's (projects.workflow.ts). */
const MOVES: readonly { name: ProjectMove; path: string; operationId: string; summary: string; reason: boolean }[] = [
  { name: 'submit', path: 'submit', operationId: 'submitProject', summary: 'A volunteer submits the draft to the coordination (it needs a public partner)', reason: false },
  { name: 'return', path: 'return', operationId: 'returnProject', summary: 'A coordinator returns the submitted project to draft, with a reason the volunteers read', reason: true },
  { name: 'validate', path: 'validate', operationId: 'validateProject', summary: 'A coordinator of the edition’s operator validates the submitted project: outings may be scheduled', reason: false },
  { name: 'start', path: 'start', operationId: 'startProject', summary: 'The validated project starts (also done by the platform when its first outing’s attendance is recorded)', reason: false },
  { name: 'finish', path: 'finish', operationId: 'finishProject', summary: 'The running project is done', reason: false },
  { name: 'abandon', path: 'abandon', operationId: 'abandonProject', summary: 'The project is abandoned before it is done, with a reason', reason: true },
];

/** The API of mediation projects and their outings (issue 16). */
export function projectRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['projects'];
    const writers = app.authorize('candidate', 'coordinator', 'admin');

    app.get('/projects', {
      schema: {
        tags,
        operationId: 'listProjects',
        summary: 'The mediation projects the caller sees (« à valider » first by default), filtered by edition, binôme, status, title',
        security: secured,
        querystring: listProjectsQuery,
        response: { 200: projectPageSchema, ...problemResponses(400, 401) },
      },
      onRequest: app.authorize(),
      handler: async (request) => listProjectsFor(deps, actorOf(request), request.query),
    });

    app.get('/binomes/:id/projects', {
      schema: {
        tags,
        operationId: 'listBinomeProjects',
        summary: 'A binôme’s mediation projects',
        security: secured,
        params: idParams,
        response: { 200: projectPageSchema, ...problemResponses(400, 401, 404) },
      },
      onRequest: app.authorize(),
      handler: async (request) => listBinomeProjects(deps, actorOf(request), request.params.id),
    });

    app.post('/binomes/:id/projects', {
      schema: {
        tags,
        operationId: 'createProject',
        summary: 'Start a project of a confirmed binôme, in draft (its venues: the host, its first-circle partner, and the others named)',
        security: secured,
        params: idParams,
        body: createProjectBody,
        response: { 201: projectSchema, ...problemResponses(400, 401, 403, 404, 422) },
      },
      onRequest: writers,
      handler: async (request, reply) => {
        const project = await createProject(deps, actorOf(request), request.params.id, request.body);
        return reply.code(201).header('etag', etag(project.version)).send(project);
      },
    });

    app.get('/projects/:id', {
      schema: { tags, operationId: 'getProject', summary: 'A mediation project', security: secured, params: idParams, response: { 200: projectSchema, ...problemResponses(400, 401, 404) } },
      onRequest: app.authorize(),
      handler: async (request, reply) => {
        const project = await getProject(deps, actorOf(request), request.params.id);
        return reply.header('etag', etag(project.version)).send(project);
      },
    });

    app.patch('/projects/:id', {
      schema: {
        tags,
        operationId: 'updateProject',
        summary: 'Change the title, aim, dates, partners or venues: volunteers while draft, coordinators until done or abandoned',
        security: secured,
        params: idParams,
        headers: ifMatchHeaders,
        body: updateProjectBody,
        response: { 200: projectSchema, ...problemResponses(400, 401, 403, 404, 409, 412, 422) },
      },
      onRequest: writers,
      handler: async (request, reply) => {
        const project = await updateProject(deps, actorOf(request), request.params.id, { ...request.body, version: versionOf(request.headers['if-match']) });
        return reply.header('etag', etag(project.version)).send(project);
      },
    });

    for (const m of MOVES) {
      app.post(`/projects/:id/${m.path}`, {
        schema: {
          tags,
          operationId: m.operationId,
          summary: m.summary,
          security: secured,
          params: idParams,
          headers: optionalIfMatch,
          ...(m.reason ? { body: reasonBody } : {}),
          response: { 200: projectSchema, ...problemResponses(400, 401, 403, 404, 409, 412, 422) },
        },
        onRequest: app.authorize(),
        handler: async (request, reply) => {
          const reason = m.reason ? (request.body as { reason: string }).reason : undefined;
          const project = await moveProject(deps, actorOf(request), request.params.id, m.name, { reason, version: versionFrom(request.headers['if-match']) });
          return reply.header('etag', etag(project.version)).send(project);
        },
      });
    }

    app.get('/projects/:id/comments', {
      schema: {
        tags,
        operationId: 'listProjectComments',
        summary: 'The comments on a project, oldest first',
        security: secured,
        params: idParams,
        response: { 200: z.object({ items: z.array(commentSchema) }), ...problemResponses(400, 401, 404) },
      },
      onRequest: app.authorize(),
      handler: async (request) => listComments(deps, actorOf(request), request.params.id),
    });

    app.post('/projects/:id/comments', {
      schema: {
        tags,
        operationId: 'addProjectComment',
        summary: 'Comment on a project: its tutors and the coordination; its volunteers reply',
        security: secured,
        params: idParams,
        body: commentBody,
        response: { 201: commentSchema, ...problemResponses(400, 401, 404) },
      },
      onRequest: app.authorize(),
      handler: async (request, reply) => reply.code(201).send(await addComment(deps, actorOf(request), request.params.id, request.body.body)),
    });

    app.get('/projects/:id/outings', {
      schema: {
        tags,
        operationId: 'listProjectOutings',
        summary: 'A project’s outings, by date',
        security: secured,
        params: idParams,
        response: { 200: outingListSchema, ...problemResponses(400, 401, 404) },
      },
      onRequest: app.authorize(),
      handler: async (request) => listOutings(deps, actorOf(request), request.params.id),
    });

    app.post('/projects/:id/outings', {
      schema: {
        tags,
        operationId: 'createOuting',
        summary: 'Schedule an outing of a validated or running project (rules outing-within-mission, volunteer-double-booked, volunteer-ended, project-not-validated)',
        security: secured,
        params: idParams,
        body: createOutingBody,
        response: { 201: outingSchema, ...problemResponses(400, 401, 403, 404, 422) },
      },
      onRequest: writers,
      handler: async (request, reply) => reply.code(201).send(await createOuting(deps, actorOf(request), request.params.id, request.body)),
    });

    app.get('/outings/:id', {
      schema: { tags, operationId: 'getOuting', summary: 'An outing with its groups and attendance', security: secured, params: idParams, response: { 200: outingSchema, ...problemResponses(400, 401, 404) } },
      onRequest: app.authorize(),
      handler: async (request) => getOuting(deps, actorOf(request), request.params.id),
    });

    app.put('/outings/:id/attendance', {
      schema: {
        tags,
        operationId: 'recordOutingAttendance',
        summary: 'Record each group’s attendance once the outing has started (rule attendance-before-start), the account and the photos’ link',
        security: secured,
        params: idParams,
        body: attendanceBody,
        response: { 200: outingSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: writers,
      handler: async (request) => recordAttendance(deps, actorOf(request), request.params.id, request.body),
    });

    app.post('/outings/:id/cancel', {
      schema: {
        tags,
        operationId: 'cancelOuting',
        summary: 'Cancel an outing before it starts (rule outing-started)',
        security: secured,
        params: idParams,
        response: { 200: outingSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: writers,
      handler: async (request) => cancelOuting(deps, actorOf(request), request.params.id),
    });
  };
}
