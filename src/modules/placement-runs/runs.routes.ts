import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../lib/access.js';
import { problemResponses } from '../../lib/problem.js';
import { idParams } from '../../lib/schemas.js';
import { secured } from '../../plugins/openapi.js';
import { applyResultSchema, createRunBody, listRunsQuery, runPageSchema, runSchema } from './runs.schemas.js';
import { applyRun, createRun, getRun, listEditionRuns, type RunDeps } from './runs.service.js';

export function placementRunRoutes(deps: RunDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // Runs are the coordinators' working papers: structure members and candidates get 403.
    const coordinators = app.authorize('admin', 'coordinator');
    const tags = ['placement'];

    app.post('/editions/:id/placement-runs', {
      schema: {
        tags,
        operationId: 'createPlacementRun',
        summary: 'Propose binômes and their missions for an edition, explained',
        description:
          'Reads the volunteers in play (eligible applications in interview or shortlisted, or accepted without a binôme), the published missions and their free places, ' +
          'the forum evaluations and ratings, and solves in the chosen mode with the given weights, locks and exclusions. The run is kept with its proposals, ' +
          'the unplaced volunteers and open places with reasons, its value and bound. 422 names each lock or exclusion that cannot hold.',
        security: secured,
        params: idParams,
        body: createRunBody,
        response: { 201: runSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: coordinators,
      handler: async (request, reply) => reply.code(201).send(await createRun(deps, actorOf(request), request.params.id, request.body)),
    });

    app.get('/editions/:id/placement-runs', {
      schema: {
        tags,
        operationId: 'listPlacementRuns',
        summary: 'The runs of an edition, newest first, to compare them',
        security: secured,
        params: idParams,
        querystring: listRunsQuery,
        response: { 200: runPageSchema, ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: coordinators,
      handler: async (request) => listEditionRuns(deps, actorOf(request), request.params.id, request.query),
    });

    app.get('/placement-runs/:id', {
      schema: {
        tags,
        operationId: 'getPlacementRun',
        summary: 'A run: its proposals with each score’s parts, the unplaced volunteers and open places with reasons',
        security: secured,
        params: idParams,
        response: { 200: runSchema, ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: coordinators,
      handler: async (request) => getRun(deps, actorOf(request), request.params.id),
    });

    app.post('/placement-runs/:id/apply', {
      schema: {
        tags,
        operationId: 'applyPlacementRun',
        summary: 'Form the run’s binômes: proposed binômes, placements, offers to the volunteers (one transaction)',
        description: '409 when the run was applied already, or when its inputs changed since (run again); 422 when a proposal breaks a rule now (tutor, indemnity…): nothing is written.',
        security: secured,
        params: idParams,
        response: { 200: applyResultSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: coordinators,
      handler: async (request) => applyRun(deps, actorOf(request), request.params.id),
    });
  };
}
