import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
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
        { name: 'projects', description: 'Mediation projects of the binômes with public partners, their outings and attendance' },
        { name: 'info-sessions', description: 'Information meetings of an edition: sessions, registrations (with or without an account), the waiting list, attendance' },
        { name: 'follow-up', description: 'The placed volunteers’ follow-up: trainings (FCC, PSC1), tutors’ check-ins, early ends, certificates' },
        { name: 'report', description: 'An edition’s report (« bilan »): figures computed from the data, as JSON and CSV' },
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
  docsPage(app);
}

// What a browser may send that changes swagger-ui's answer (its files are served with ETags).
const FORWARDED_REQUEST_HEADERS = ['accept', 'accept-encoding', 'if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since', 'if-range', 'range'];
// Headers of the connection or the body, which this app's own answer sets.
const CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date']);

/**
 * `/docs` and everything under it: @fastify/swagger-ui's page, its files and `/docs/json`,
 * `/docs/yaml`. swagger-ui (with @fastify/static, which serves its files, and yaml) is loaded on
 * the first request under `/docs`, not at start: it was a tenth of the time a start spent loading
 * modules. It runs in a Fastify instance of its own, reading the document of this app
 * (`app.swagger()`, generated on the first call and kept), and these routes pass its answers on,
 * so that they go through this app's hooks (security headers, request id) and its problem+json
 * errors as every other answer.
 */
function docsPage(app: FastifyInstance) {
  let ui: Promise<FastifyInstance> | undefined;
  const load = () =>
    (ui ??= (async () => {
      const { default: fastifySwaggerUi } = await import('@fastify/swagger-ui');
      const page = Fastify({ logger: false });
      // swagger-ui depends on a plugin of this name that decorates `swagger`: this app's document.
      await page.register(
        fp(
          async (instance) => {
            instance.decorate('swagger', ((options?: { yaml?: boolean }) => app.swagger(options as { yaml: true })) as FastifyInstance['swagger']);
          },
          { name: '@fastify/swagger' },
        ),
      );
      await page.register(fastifySwaggerUi, { routePrefix: '/docs' });
      await page.ready();
      return page;
    })().catch((err: unknown) => {
      ui = undefined;
      throw err;
    }));

  app.addHook('onClose', async () => {
    await (await ui?.catch(() => undefined))?.close();
  });

  const forward = async (request: FastifyRequest, reply: FastifyReply) => {
    const page = await load();
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const answer = await page.inject({ method: request.method as 'GET' | 'HEAD', url: request.url, headers });
    if (answer.statusCode === 404) return reply.callNotFound();
    if (answer.statusCode >= 400) {
      const { message } = JSON.parse(answer.body || '{}') as { message?: string };
      throw Object.assign(new Error(message ?? answer.statusMessage), { statusCode: answer.statusCode });
    }
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined && !CONNECTION_HEADERS.has(name)) reply.header(name, value);
    }
    return reply.code(answer.statusCode).send(answer.rawPayload);
  };
  app.get('/docs', { schema: { hide: true } }, forward);
  app.get('/docs/*', { schema: { hide: true } }, forward);
}

export default fp(openapiPlugin, { name: 'openapi' });
