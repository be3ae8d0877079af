import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/access.js';
import { problemResponses } from '../../lib/problem.js';
import { secured } from '../../plugins/openapi.js';
import { disabilityBody, disabilitySchema, profileBody, profileSchema } from './candidates.schemas.js';
import { getDisability, getProfile, recordDisability, saveProfile, withdrawDisability } from './candidates.service.js';

export function candidateRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/me/profile', {
      schema: {
        tags: ['candidates'],
        operationId: 'getProfile',
        summary: 'My candidate profile',
        security: secured,
        response: { 200: profileSchema, ...problemResponses(401, 403, 404) },
      },
      onRequest: app.authorize('candidate'),
      handler: async (request) => getProfile(deps, actorOf(request)),
    });

    app.put('/me/profile', {
      schema: {
        tags: ['candidates'],
        operationId: 'saveProfile',
        summary: 'Write my candidate profile (whole)',
        description:
          'Replaces the whole profile, so that a stored profile is complete: applying needs one. `swornStatement: true` certifies the nationality and ' +
          'earlier-service-civique statements. Structures you apply to see your names, commune, mobility, interests and presentation, and your age ' +
          '(or "minor"); never your birth date, nationality or disability.',
        security: secured,
        body: profileBody,
        response: { 200: profileSchema, 201: profileSchema, ...problemResponses(400, 401, 403) },
      },
      onRequest: app.authorize('candidate'),
      handler: async (request, reply) => {
        const { profile, created } = await saveProfile(deps, actorOf(request), request.body);
        return reply.code(created ? 201 : 200).send(profile);
      },
    });

    app.get('/me/disability', {
      schema: {
        tags: ['candidates'],
        operationId: 'getDisability',
        summary: 'My disability record (health data; each read is audited)',
        security: secured,
        response: { 200: disabilitySchema, ...problemResponses(401, 403, 404) },
      },
      onRequest: app.authorize('candidate'),
      handler: async (request) => getDisability(deps, actorOf(request)),
    });

    app.put('/me/disability', {
      schema: {
        tags: ['candidates'],
        operationId: 'recordDisability',
        summary: 'Record whether a disability is recognised, with explicit consent',
        description:
          'Health data: stored apart, only "recognised: yes/no", only with `consent: true`, used only for the age limit (rule age-max: the day ' +
          'before the 31st birthday instead of the 26th), never shown to structures. DELETE withdraws the consent and erases it.',
        security: secured,
        body: disabilityBody,
        response: { 200: disabilitySchema, ...problemResponses(400, 401, 403) },
      },
      onRequest: app.authorize('candidate'),
      handler: async (request) => recordDisability(deps, actorOf(request), request.body.recognised),
    });

    app.delete('/me/disability', {
      schema: {
        tags: ['candidates'],
        operationId: 'eraseDisability',
        summary: 'Withdraw the consent: the disability record is erased',
        security: secured,
        response: { 204: z.undefined().describe('Erased'), ...problemResponses(401, 403, 404) },
      },
      onRequest: app.authorize('candidate'),
      handler: async (request, reply) => {
        await withdrawDisability(deps, actorOf(request));
        return reply.code(204).send();
      },
    });
  };
}
