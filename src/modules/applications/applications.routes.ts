import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CSV_MAX_ROWS, sendCsv } from '../../lib/csv-download.js';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/access.js';
import { problemResponses } from '../../lib/problem.js';
import { etag, idParams, ifMatchHeaders, versionOf } from '../../lib/schemas.js';
import { secured } from '../../plugins/openapi.js';
import {
  applicationSchema,
  applyBody,
  bulkBody,
  bulkResultSchema,
  candidateApplicationSchema,
  editionExportQuery,
  editionReviewQuery,
  eligibilitySchema,
  exportQuery,
  historySchema,
  idempotencyHeaders,
  mineQuery,
  movedApplicationSchema,
  myPageSchema,
  noteBody,
  noteSchema,
  reviewPageSchema,
  reviewQuery,
  transitionBody,
} from './applications.schemas.js';
import { bulkMove, moveApplicationTo } from '../recruitment/recruitment.service.js';
import {
  addNote,
  apply,
  eligibility,
  exportForReview,
  getApplication,
  getHistory,
  getNotes,
  listForReview,
  listMine,
} from './applications.service.js';

/** Rows a CSV export holds at most; the `x-truncated` header says when the list was longer. */
export const EXPORT_MAX_ROWS = CSV_MAX_ROWS;

/** A reviewers' export as the download it is (the API's and the console's). */
export function sendReviewCsv(reply: FastifyReply, answer: { csv: string; truncated: boolean }, filename: string) {
  return sendCsv(reply, answer, filename);
}

const optionalIfMatch = z.object({
  'if-match': ifMatchHeaders.shape['if-match'].optional().describe('Optional: the version read; 412 when the application changed since'),
});

export function applicationRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const reviewers = app.authorize('admin', 'coordinator', 'structure_member');
    // The list across an edition's structures is the coordination's: a member lists their own structure's.
    const coordination = app.authorize('admin', 'coordinator');

    app.get('/missions/:id/eligibility', {
      schema: {
        tags: ['applications'],
        operationId: 'getEligibility',
        summary: 'Whether I may apply to this mission, rule by rule',
        description:
          'Checks age-min, age-max (with a recognised disability), open-to-minors, minor-hours, nationality, one-service-civique and ' +
          'placement-overlap, on calendar dates at the mission’s start. Needs a profile (422 profile-incomplete).',
        security: secured,
        params: idParams,
        response: { 200: eligibilitySchema, ...problemResponses(400, 401, 403, 404, 422) },
      },
      onRequest: app.authorize('candidate'),
      handler: async (request) => eligibility(deps, actorOf(request), request.params.id),
    });

    app.post('/missions/:id/applications', {
      schema: {
        tags: ['applications'],
        operationId: 'apply',
        summary: 'Apply to a published mission',
        description:
          'Needs a complete profile. Refused with 422 and the failing `rule` (and every `checks` line) when not eligible, 422 application-quota ' +
          'beyond 10 pending applications, 409 with an active application to the same mission, 409 mission-full when every place is taken. ' +
          'Honours Idempotency-Key.',
        security: secured,
        params: idParams,
        headers: idempotencyHeaders,
        body: applyBody,
        response: { 201: candidateApplicationSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: app.authorize('candidate'),
      handler: async (request, reply) => {
        const answer = await apply(deps, actorOf(request), request.params.id, request.body.motivation, request.headers['idempotency-key']);
        if (answer.replayed) reply.header('idempotent-replayed', 'true');
        return reply.code(201).header('etag', etag(answer.body.version)).send(answer.body);
      },
    });

    app.get('/me/applications', {
      schema: {
        tags: ['applications'],
        operationId: 'listMyApplications',
        summary: 'My applications, newest first, with the refusal reason when shared',
        security: secured,
        querystring: mineQuery,
        response: { 200: myPageSchema, ...problemResponses(400, 401, 403) },
      },
      onRequest: app.authorize('candidate'),
      handler: async (request) => listMine(deps, actorOf(request), request.query),
    });

    app.get('/applications/:id', {
      schema: {
        tags: ['applications'],
        operationId: 'getApplication',
        summary: 'One application',
        description: 'The candidate sees their own; the host structure’s members and the operator’s coordinators see the reviewer’s view. Others: 404.',
        security: secured,
        params: idParams,
        response: { 200: applicationSchema, ...problemResponses(400, 401, 404) },
      },
      onRequest: app.authorize(),
      handler: async (request, reply) => {
        const application = await getApplication(deps, actorOf(request), request.params.id);
        return reply.header('etag', etag(application.version)).send(application);
      },
    });

    app.get('/applications/:id/history', {
      schema: {
        tags: ['applications'],
        operationId: 'getApplicationHistory',
        summary: 'Every transition of the application: when, who, from, to, why',
        description: 'The candidate sees who acted by role only, and a refusal’s reason and message only when they were shared.',
        security: secured,
        params: idParams,
        response: { 200: historySchema, ...problemResponses(400, 401, 404) },
      },
      onRequest: app.authorize(),
      handler: async (request) => getHistory(deps, actorOf(request), request.params.id),
    });

    app.post('/applications/:id/transitions', {
      schema: {
        tags: ['applications'],
        operationId: 'moveApplication',
        summary: 'Move an application (review, shortlist, interview, offer, refuse, reopen; accept, decline, withdraw)',
        description:
          'The transitions table (README) says who may move from which status to which: 409 naming the current status when the move is not ' +
          'possible, 403 when the role may not make it. A refusal needs a `reason`. Accepting takes a place of the mission (409 mission-full) ' +
          'and makes the candidate’s other pending applications obsolete; when it leaves the mission no free place, the offers that hold no place ' +
          '(not a binôme member’s) end too, obsolete with the reason « mission pourvue » and an e-mail, in the same transaction. Offering beyond the ' +
          'mission’s free places is allowed, with an offers-beyond-places item in `warnings`. Send the ETag in If-Match (412 when stale).',
        security: secured,
        params: idParams,
        headers: ifMatchHeaders,
        body: transitionBody,
        response: { 200: movedApplicationSchema, ...problemResponses(400, 401, 403, 404, 409, 412, 422) },
      },
      onRequest: app.authorize(),
      handler: async (request, reply) => {
        const application = await moveApplicationTo(deps, actorOf(request), request.params.id, {
          ...request.body,
          version: versionOf(request.headers['if-match']),
        });
        return reply.header('etag', etag(application.version)).send(application);
      },
    });

    for (const [action, to, summary] of [
      ['withdraw', 'withdrawn', 'Withdraw my application'],
      ['accept', 'accepted', 'Accept the place offered (409 mission-full when every place is taken)'],
      ['decline', 'declined', 'Decline the place offered'],
    ] as const) {
      app.post(`/applications/:id/${action}`, {
        schema: {
          tags: ['applications'],
          operationId: `${action}Application`,
          summary,
          security: secured,
          params: idParams,
          headers: optionalIfMatch,
          response: { 200: candidateApplicationSchema, ...problemResponses(400, 401, 403, 404, 409, 412, 422) },
        },
        onRequest: app.authorize('candidate'),
        handler: async (request, reply) => {
          const ifMatch = request.headers['if-match'];
          const application = await moveApplicationTo(deps, actorOf(request), request.params.id, { to, version: ifMatch === undefined ? undefined : versionOf(ifMatch) });
          return reply.header('etag', etag(application.version)).send(application);
        },
      });
    }

    app.post('/applications/bulk-transition', {
      schema: {
        tags: ['applications'],
        operationId: 'bulkMoveApplications',
        summary: 'Move several applications; each succeeds or fails on its own',
        description: 'Up to 100 items, each applied in its own transaction, in order. The answer lists each item’s result (200 even when some failed).',
        security: secured,
        body: bulkBody,
        response: { 200: bulkResultSchema, ...problemResponses(400, 401, 403) },
      },
      onRequest: reviewers,
      handler: async (request) => bulkMove(deps, actorOf(request), request.body.items),
    });

    app.post('/applications/:id/notes', {
      schema: {
        tags: ['applications'],
        operationId: 'addApplicationNote',
        summary: 'A private note and/or a 1–5 rating on an application',
        description: 'Visible to the host structure’s members and the coordinators, never to the candidate.',
        security: secured,
        params: idParams,
        body: noteBody,
        response: { 201: noteSchema, ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: reviewers,
      handler: async (request, reply) => reply.code(201).send(await addNote(deps, actorOf(request), request.params.id, request.body)),
    });

    app.get('/applications/:id/notes', {
      schema: {
        tags: ['applications'],
        operationId: 'listApplicationNotes',
        summary: 'The private notes on an application, oldest first',
        security: secured,
        params: idParams,
        response: { 200: z.object({ items: z.array(noteSchema) }), ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: reviewers,
      handler: async (request) => getNotes(deps, actorOf(request), request.params.id),
    });

    app.get('/structures/:id/applications', {
      schema: {
        tags: ['applications'],
        operationId: 'listStructureApplications',
        summary: 'Applications to the missions a structure hosts (its members, the coordinators)',
        security: secured,
        params: idParams,
        querystring: reviewQuery,
        response: { 200: reviewPageSchema, ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: reviewers,
      handler: async (request) => listForReview(deps, actorOf(request), { structureId: request.params.id }, request.query),
    });

    app.get('/structures/:id/applications.csv', {
      schema: {
        tags: ['applications'],
        operationId: 'exportStructureApplications',
        summary: 'The same filtered list as CSV (UTF-8, `;`-separated, for French spreadsheets)',
        description: `At most ${EXPORT_MAX_ROWS} rows, in the list's order; the header x-truncated: true says when the list was longer.`,
        security: secured,
        params: idParams,
        querystring: exportQuery,
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV, one line per application'), ...problemResponses(400, 401, 403, 404) },
      },
      config: { documentLink: true },
      onRequest: reviewers,
      handler: async (request, reply) =>
        sendReviewCsv(reply, await exportForReview(deps, actorOf(request), { structureId: request.params.id }, request.query, EXPORT_MAX_ROWS), `candidatures-${request.params.id}.csv`),
    });

    app.get('/editions/:id/applications', {
      schema: {
        tags: ['applications'],
        operationId: 'listEditionApplications',
        summary: 'Applications to the missions of an edition, every host structure or one (the coordinators)',
        description: 'The same list as a structure’s, across the structures of the edition’s operator; `structureId` narrows it to one host.',
        security: secured,
        params: idParams,
        querystring: editionReviewQuery,
        response: { 200: reviewPageSchema, ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: coordination,
      handler: async (request) => {
        const { structureId, ...query } = request.query;
        return listForReview(deps, actorOf(request), { editionId: request.params.id, structureId }, query);
      },
    });

    app.get('/editions/:id/applications.csv', {
      schema: {
        tags: ['applications'],
        operationId: 'exportEditionApplications',
        summary: 'The edition’s filtered list as CSV (UTF-8, `;`-separated, for French spreadsheets)',
        description:
          `At most ${EXPORT_MAX_ROWS} rows, in the list's order; the header x-truncated: true says when the list was longer. ` +
          'Without `structureId`, a column `structure` after `mission` names each row’s host.',
        security: secured,
        params: idParams,
        querystring: editionExportQuery,
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV, one line per application'), ...problemResponses(400, 401, 403, 404) },
      },
      config: { documentLink: true },
      onRequest: coordination,
      handler: async (request, reply) => {
        const { structureId, ...query } = request.query;
        const answer = await exportForReview(deps, actorOf(request), { editionId: request.params.id, structureId }, query, EXPORT_MAX_ROWS);
        return sendReviewCsv(reply, answer, `candidatures-edition-${request.params.id}.csv`);
      },
    });
  };
}
