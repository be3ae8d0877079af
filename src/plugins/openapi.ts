import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/** The `security` of a route that needs an access token (see `app.authorize`). */
export const secured = [{ bearerAuth: [] }];

/**
 * OpenAPI 3.1 generated from the routes' zod schemas; `/docs` is the browsable page and
 * `/docs/json` the document. `npm run openapi` writes the same document to openapi.yaml.
 */
async function openapiPlugin(app: FastifyInstance) {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Binôme API',
        version: '0.1.0',
        description:
          'Recruitment and matching for service civique programmes: candidates, partner structures and coordinators. ' +
          'Every error is an RFC 9457 problem (application/problem+json).',
        license: { name: 'UNLICENSED', identifier: 'LicenseRef-Proprietary' },
      },
      // Relative: resolved against the address the document was fetched from (OpenAPI 3.1, §4.8.5),
      // so that « Try it out » calls the same origin whatever the host and port, as the CSP requires.
      servers: [{ url: '/', description: 'This server (the origin the documentation was loaded from)' }],
      tags: [
        { name: 'auth', description: 'Sign up, sign in, tokens and sessions' },
        { name: 'accounts', description: 'The signed-in account' },
        { name: 'invitations', description: 'Invitations of coordinators and structure members' },
        { name: 'operators', description: 'Accredited organisations that run programmes' },
        { name: 'programmes', description: 'Programmes (dispositifs) of an operator' },
        { name: 'editions', description: 'Editions (promotions) of a programme, with their territory and status' },
        { name: 'structures', description: 'Partner structures' },
        { name: 'partnerships', description: 'Proximity ↔ first-circle pairs of an edition' },
        { name: 'missions', description: 'Missions: drafts, publication, search' },
        { name: 'territory', description: 'Official communes and EPCIs (@etalab/decoupage-administratif)' },
        { name: 'candidates', description: 'Candidate profiles and the disability record (health data)' },
        { name: 'applications', description: 'Eligibility, applications, their review and lifecycle' },
        { name: 'forums', description: 'Speed-dating recruitment forums: participants, requests, schedule, evaluations' },
        { name: 'placement', description: 'Placement runs, binômes and their placements (tutors, indemnity, the placement sheet)' },
        { name: 'outbox', description: 'E-mails written by the platform, and their delivery' },
        { name: 'operations', description: 'Health and readiness' },
      ],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from /auth/login' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
}

export default fp(openapiPlugin, { name: 'openapi' });
