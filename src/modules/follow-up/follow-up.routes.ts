import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { Conflict } from '../../errors.js';
import { text } from '../../i18n/index.js';
import { actorOf } from '../../lib/access.js';
import { csvOf } from '../../lib/csv.js';
import { sendCsv } from '../../lib/csv-download.js';
import { problemResponses } from '../../lib/problem.js';
import { idParams } from '../../lib/schemas.js';
import { secured } from '../../plugins/openapi.js';
import { TRAININGS_DUE_COLUMNS } from './follow-up.csv.js';
import {
  binomeFollowUpSchema,
  certificateSchema,
  checkinBody,
  checkinSchema,
  earlyEndBody,
  earlyEndLineSchema,
  earlyEndSchema,
  editionQuery,
  overviewSchema,
  trainingBody,
  trainingDueSchema,
  trainingParams,
  trainingSchema,
  volunteerParams,
} from './follow-up.schemas.js';
import {
  addCheckin,
  getBinomeFollowUp,
  getCertificate,
  getOverview,
  listCheckins,
  listEarlyEnds,
  listTrainingsDue,
  myCertificate,
  myTrainings,
  overviewEditions,
  recordEarlyEnd,
  recordTraining,
} from './follow-up.service.js';

/** The API of the volunteers' follow-up: trainings, tutors' check-ins, early ends, certificates (issue 16). */
export function followUpRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['follow-up'];
    const staff = app.authorize('admin', 'coordinator', 'structure_member');
    const editionIdsOf = async (request: { query: { editionId?: string | undefined } }, actor: ReturnType<typeof actorOf>) =>
      (await overviewEditions(deps, actor, request.query.editionId)).shown.map((e) => e.id);

    app.get('/binomes/:id/follow-up', {
      schema: {
        tags,
        operationId: 'getBinomeFollowUp',
        summary: 'A placed binôme’s volunteers with their trainings and early end',
        security: secured,
        params: idParams,
        response: { 200: binomeFollowUpSchema, ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: staff,
      handler: async (request) => getBinomeFollowUp(deps, actorOf(request), request.params.id),
    });

    app.put('/binomes/:id/volunteers/:candidateId/trainings/:kind', {
      schema: {
        tags,
        operationId: 'recordTraining',
        summary: 'Record a volunteer’s FCC or PSC1 (rule training-within-mission); one per kind: a second PUT rewrites it',
        description: 'By the operator’s coordination or the placement’s host tutor. 201 when recorded, 200 when rewritten.',
        security: secured,
        params: trainingParams,
        body: trainingBody,
        response: { 200: trainingSchema, 201: trainingSchema, ...problemResponses(400, 401, 403, 404, 422) },
      },
      onRequest: staff,
      handler: async (request, reply) => {
        const { id, candidateId, kind } = request.params;
        const { training, created } = await recordTraining(deps, actorOf(request), id, candidateId, kind, request.body);
        return reply.code(created ? 201 : 200).send(training);
      },
    });

    app.get('/me/trainings', {
      schema: {
        tags,
        operationId: 'listMyTrainings',
        summary: 'My trainings (FCC, PSC1) as recorded',
        security: secured,
        response: { 200: z.array(trainingSchema), ...problemResponses(401, 403) },
      },
      onRequest: app.authorize('candidate'),
      handler: async (request) => myTrainings(deps, actorOf(request)),
    });

    app.get('/binomes/:id/checkins', {
      schema: {
        tags,
        operationId: 'listCheckins',
        summary: 'The tutors’ check-ins of a binôme, newest first (never for the volunteers)',
        security: secured,
        params: idParams,
        response: { 200: z.array(checkinSchema), ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: staff,
      handler: async (request) => listCheckins(deps, actorOf(request), request.params.id),
    });

    app.post('/binomes/:id/checkins', {
      schema: {
        tags,
        operationId: 'addCheckin',
        summary: 'Add a check-in (the placement’s tutors and the operator’s coordination)',
        security: secured,
        params: idParams,
        body: checkinBody,
        response: { 201: checkinSchema, ...problemResponses(400, 401, 403, 404, 422) },
      },
      onRequest: staff,
      handler: async (request, reply) => reply.code(201).send(await addCheckin(deps, actorOf(request), request.params.id, request.body)),
    });

    app.post('/binomes/:id/volunteers/:candidateId/early-end', {
      schema: {
        tags,
        operationId: 'recordEarlyEnd',
        summary: 'Record a volunteer’s early end (« rupture anticipée », rule early-end): once, dated within the placement; it frees nothing',
        security: secured,
        params: volunteerParams,
        body: earlyEndBody,
        response: { 201: earlyEndSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: app.authorize('admin', 'coordinator'),
      handler: async (request, reply) => reply.code(201).send(await recordEarlyEnd(deps, actorOf(request), request.params.id, request.params.candidateId, request.body)),
    });

    app.get('/follow-up/overview', {
      schema: {
        tags,
        operationId: 'getFollowUpOverview',
        summary: 'The coordination’s overview: projects to validate, this week’s outings, missing trainings, early ends',
        security: secured,
        querystring: editionQuery,
        response: { 200: overviewSchema, ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: staff,
      handler: async (request) => getOverview(deps, actorOf(request), request.query.editionId),
    });

    app.get('/follow-up/trainings-due', {
      schema: {
        tags,
        operationId: 'listTrainingsDue',
        summary: 'Rule trainings-due: the volunteers ending within two months (or ended) without an FCC or a PSC1',
        security: secured,
        querystring: editionQuery,
        response: { 200: z.array(trainingDueSchema), ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: staff,
      handler: async (request) => {
        const actor = actorOf(request);
        return listTrainingsDue(deps, actor, await editionIdsOf(request, actor));
      },
    });

    app.get('/follow-up/trainings-due.csv', {
      schema: {
        tags,
        operationId: 'exportTrainingsDue',
        summary: 'The missing trainings as CSV (UTF-8, `;`-separated)',
        security: secured,
        querystring: editionQuery,
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV, one line per volunteer'), ...problemResponses(400, 401, 403, 404) },
      },
      config: { documentLink: true },
      onRequest: staff,
      handler: async (request, reply) => {
        const actor = actorOf(request);
        const rows = await listTrainingsDue(deps, actor, await editionIdsOf(request, actor));
        return sendCsv(reply, { csv: csvOf(TRAININGS_DUE_COLUMNS, rows) }, 'formations-manquantes.csv');
      },
    });

    app.get('/follow-up/early-ends', {
      schema: {
        tags,
        operationId: 'listEarlyEnds',
        summary: 'The early ends of the edition(s), the latest first',
        security: secured,
        querystring: editionQuery,
        response: { 200: z.array(earlyEndLineSchema), ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: staff,
      handler: async (request) => {
        const actor = actorOf(request);
        return listEarlyEnds(deps, actor, await editionIdsOf(request, actor));
      },
    });

    app.get('/binomes/:id/volunteers/:candidateId/certificate', {
      schema: {
        tags,
        operationId: 'getCertificate',
        summary: 'The data of a volunteer’s « attestation de service civique » (staff: a draft before the last day; the volunteer: their own, 409 before)',
        security: secured,
        params: volunteerParams,
        response: { 200: certificateSchema, ...problemResponses(400, 401, 404, 409) },
      },
      onRequest: app.authorize(),
      handler: async (request) => getCertificate(deps, actorOf(request), request.params.id, request.params.candidateId),
    });

    app.get('/me/certificate', {
      schema: {
        tags,
        operationId: 'getMyCertificate',
        summary: 'My « attestation de service civique », from my mission’s last day (409 before, 404 without a placement)',
        security: secured,
        response: { 200: certificateSchema, ...problemResponses(401, 403, 404, 409) },
      },
      onRequest: app.authorize('candidate'),
      handler: async (request) => {
        const certificate = await myCertificate(deps, actorOf(request));
        if (certificate.draft) throw new Conflict(text('followUp.certificateNotYet', { from: certificate.availableFrom }), { availableFrom: certificate.availableFrom });
        return certificate;
      },
    });
  };
}
