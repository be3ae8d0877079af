import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/access.js';
import { problemResponses } from '../../lib/problem.js';
import { etag, idParams, ifMatchHeaders, versionOf } from '../../lib/schemas.js';
import { secured } from '../../plugins/openapi.js';
import { binomePageSchema, binomeSchema, consentBody, createBinomeBody, dissolveBody, listBinomesQuery, memberParams, swapBody } from './binomes.schemas.js';
import { createBinome, dissolveBinome, getBinome, listEditionBinomes, myBinome, recordParentalConsent, swapMember } from './binomes.service.js';

const optionalIfMatch = z.object({
  'if-match': ifMatchHeaders.shape['if-match'].optional().describe('Optional: the version read; 412 when the binôme changed since'),
});
const versionFrom = (header: string | undefined) => (header === undefined ? undefined : versionOf(header));

export function binomeRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const coordinators = app.authorize('admin', 'coordinator');
    const tags = ['placement'];

    app.get('/editions/:id/binomes', {
      schema: {
        tags,
        operationId: 'listBinomes',
        summary: 'The binômes of an edition with their placement, newest first (structure members: those of their structure)',
        security: secured,
        params: idParams,
        querystring: listBinomesQuery,
        response: { 200: binomePageSchema, ...problemResponses(400, 401, 403, 404) },
      },
      onRequest: app.authorize('admin', 'coordinator', 'structure_member'),
      handler: async (request) => listEditionBinomes(deps, actorOf(request), request.params.id, request.query),
    });

    app.post('/editions/:id/binomes', {
      schema: {
        tags,
        operationId: 'createBinome',
        summary: 'Form a binôme by hand: two volunteers on a mission (offers are made, the placement written)',
        security: secured,
        params: idParams,
        body: createBinomeBody,
        response: { 201: binomeSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: coordinators,
      handler: async (request, reply) => {
        const binome = await createBinome(deps, actorOf(request), request.params.id, request.body);
        return reply.code(201).header('etag', etag(binome.version)).send(binome);
      },
    });

    app.get('/binomes/:id', {
      schema: {
        tags,
        operationId: 'getBinome',
        summary: 'A binôme (a candidate sees their own only, without contact details)',
        security: secured,
        params: idParams,
        response: { 200: binomeSchema, ...problemResponses(400, 401, 404) },
      },
      onRequest: app.authorize(),
      handler: async (request, reply) => {
        const binome = await getBinome(deps, actorOf(request), request.params.id);
        return reply.header('etag', etag(binome.version)).send(binome);
      },
    });

    app.get('/me/binome', {
      schema: {
        tags,
        operationId: 'getMyBinome',
        summary: 'My current binôme (404 when I have none)',
        security: secured,
        response: { 200: binomeSchema, ...problemResponses(401, 403, 404) },
      },
      onRequest: app.authorize('candidate'),
      handler: async (request) => myBinome(deps, actorOf(request)),
    });

    app.post('/binomes/:id/swap', {
      schema: {
        tags,
        operationId: 'swapBinomeMember',
        summary: 'Replace a member of a proposed binôme (the leaver’s offer is taken back, the newcomer’s made)',
        security: secured,
        params: idParams,
        headers: optionalIfMatch,
        body: swapBody,
        response: { 200: binomeSchema, ...problemResponses(400, 401, 403, 404, 409, 412, 422) },
      },
      onRequest: coordinators,
      handler: async (request) => swapMember(deps, actorOf(request), request.params.id, { ...request.body, version: versionFrom(request.headers['if-match']) }),
    });

    app.post('/binomes/:id/dissolve', {
      schema: {
        tags,
        operationId: 'dissolveBinome',
        summary: 'Dissolve a proposed or confirmed binôme (open offers are taken back; acceptances stay)',
        security: secured,
        params: idParams,
        headers: optionalIfMatch,
        body: dissolveBody,
        response: { 200: binomeSchema, ...problemResponses(400, 401, 403, 404, 409, 412, 422) },
      },
      onRequest: coordinators,
      handler: async (request) => dissolveBinome(deps, actorOf(request), request.params.id, { reason: request.body.reason, version: versionFrom(request.headers['if-match']) }),
    });

    app.put('/binomes/:id/members/:candidateId/parental-consent', {
      schema: {
        tags,
        operationId: 'recordParentalConsent',
        summary: 'Record a minor member’s parental authorisation (rule minor-consent); the binôme is confirmed once nothing else is pending',
        security: secured,
        params: memberParams,
        body: consentBody,
        response: { 200: binomeSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: coordinators,
      handler: async (request) => recordParentalConsent(deps, actorOf(request), request.params.id, request.params.candidateId, request.body),
    });
  };
}
