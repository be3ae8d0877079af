import { randomUUID } from 'node:crypto';
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Config } from './config.js';
import type { Clock, Deps } from './deps.js';
import { TooManyRequests, Unavailable } from './errors.js';
import { text } from './i18n/index.js';
import { warmUpDummyHash } from './lib/passwords.js';
import { accountRoutes } from './modules/accounts/accounts.routes.js';
import { applicationRoutes } from './modules/applications/applications.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { candidateRoutes } from './modules/candidates/candidates.routes.js';
import { LOGIN_THROTTLE, type LoginThrottle } from './modules/auth/policy.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { invitationRoutes } from './modules/invitations/invitations.routes.js';
import { operatorRoutes } from './modules/operators/operators.routes.js';
import { outboxRoutes } from './modules/outbox/outbox.routes.js';
import { editionRoutes } from './modules/editions/editions.routes.js';
import { forumRoutes } from './modules/forums/forums.routes.js';
import { scheduleRoutes } from './modules/forums/schedule.routes.js';
import { binomeRoutes } from './modules/binomes/binomes.routes.js';
import { missionRoutes } from './modules/missions/missions.routes.js';
import { placementRunRoutes } from './modules/placement-runs/runs.routes.js';
import { type PlacementSolver, placementSolver } from './modules/placement-runs/runs.solver.js';
import { placementRoutes } from './modules/placements/placements.routes.js';
import { projectRoutes } from './modules/projects/projects.routes.js';
import { infoSessionRoutes } from './modules/info-sessions/info-sessions.routes.js';
import { followUpRoutes } from './modules/follow-up/follow-up.routes.js';
import { reportRoutes } from './modules/report/report.routes.js';
import { partnershipRoutes } from './modules/partnerships/partnerships.routes.js';
import { passwordResetRoutes } from './modules/password-reset/password-reset.routes.js';
import { passwordResetRequests } from './modules/password-reset/password-reset.service.js';
import { privacyRoutes } from './modules/privacy/privacy.routes.js';
import { programmeRoutes } from './modules/programmes/programmes.routes.js';
import { structureRoutes } from './modules/structures/structures.routes.js';
import { territoryRoutes } from './modules/territory/territory.routes.js';
import authPlugin, { addressKey } from './plugins/auth.js';
import openapiPlugin from './plugins/openapi.js';
import drainPlugin from './plugins/drain.js';
import problemPlugin, { clientErrorHandler, frameworkErrorHandler } from './plugins/problem.js';
import { HELMET_OPTIONS } from './plugins/security-headers.js';
import { webConsole, webNotFound } from './web/plugin.js';
import { sessionCookieName } from './web/session.js';

export interface BuildOptions {
  config: Config;
  db: Kysely<Database>;
  jwtSecret: string;
  /** A pino logger (server.ts), or none (tests, scripts). */
  logger?: FastifyBaseLogger;
  clock?: Clock;
  loginThrottle?: LoginThrottle;
  /** Where placement runs compute (tests wrap the real one); by default a worker pool the app makes. Closed with the app. */
  placementSolver?: PlacementSolver;
}

/** JSON request bodies above this are refused with 413: nothing in the API needs more. */
export const BODY_LIMIT_BYTES = 256 * 1024;

// A client may name its request (x-request-id) to follow it in our logs; anything else than a
// short token is replaced, so that a header cannot inject text into the logs.
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Fastify's trustProxy: a number of hops becomes proxy-addr's "trust the first n" function. */
function trustProxyOption(trust: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return typeof trust === 'boolean' ? trust : [...trust];
}

export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { config, db } = options;
  const clock = options.clock ?? (() => new Date());
  // Computed now rather than on the first unknown-e-mail login, which would otherwise be slower.
  void warmUpDummyHash();
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: BODY_LIMIT_BYTES,
    // Slow clients are cut off (408 problem+json, then the connection closes): the whole
    // request within requestTimeout, its headers within headersTimeout. Node checks the
    // connections every connectionsCheckingInterval, so the limits hold to within a second.
    requestTimeout: config.requestTimeoutSeconds * 1000,
    keepAliveTimeout: config.keepAliveTimeoutSeconds * 1000,
    http: { headersTimeout: config.headersTimeoutSeconds * 1000, connectionsCheckingInterval: 1000 },
    trustProxy: trustProxyOption(config.trustProxy),
    requestIdHeader: false,
    // Requests arriving once the app closes (after app.drain, see server.ts) get our
    // problem+json 503 (hook below), not Fastify's.
    return503OnClosing: false,
    // Errors raised before any hook (router, HTTP parser, timeouts) answer problem+json too.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(problemPlugin);
  await app.register(drainPlugin);
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    throw new Unavailable(text('problem.shuttingDown'));
  });
  await app.register(fastifyHelmet, {
    global: true,
    ...HELMET_OPTIONS,
  });
  await app.register(fastifyCors, {
    origin: config.corsOrigins.length > 0 ? [...config.corsOrigins] : false,
    credentials: false,
    exposedHeaders: ['x-request-id', 'retry-after', 'etag', 'location'],
  });
  await app.register(fastifyRateLimit, {
    // Only the routes that say so are limited (config.rateLimit), plus the failure throttles.
    global: false,
    keyGenerator: (request) => addressKey(request.ip),
    // Room for many addresses, so that a flood of new ones cannot push a victim's count out.
    cache: 100_000,
    errorResponseBuilder: (_request, context) =>
      new TooManyRequests(text('problem.tooManyFromAddress', { seconds: Math.max(1, Math.ceil(context.ttl / 1000)) }), Math.max(1, Math.ceil(context.ttl / 1000))),
  });
  await app.register(openapiPlugin);
  await app.register(authPlugin, {
    db,
    clock,
    jwtSecret: options.jwtSecret,
    throttle: options.loginThrottle ?? LOGIN_THROTTLE,
    sessionCookie: sessionCookieName(config.env === 'production'),
  });

  const deps: Deps = {
    db,
    clock,
    signAccessToken: (claims) => app.jwt.sign(claims),
  };
  await app.register(healthRoutes(deps));
  await app.register(authRoutes(deps));
  const passwordResets = passwordResetRequests(deps);
  app.decorate('passwordResets', passwordResets);
  await app.register(passwordResetRoutes(deps, passwordResets));
  await app.register(accountRoutes(deps));
  await app.register(invitationRoutes(deps));
  await app.register(operatorRoutes(deps));
  await app.register(structureRoutes(deps));
  await app.register(territoryRoutes(deps));
  await app.register(programmeRoutes(deps));
  await app.register(editionRoutes(deps));
  await app.register(partnershipRoutes(deps));
  await app.register(missionRoutes(deps));
  await app.register(candidateRoutes(deps));
  await app.register(applicationRoutes(deps));
  await app.register(privacyRoutes(deps));
  await app.register(outboxRoutes(deps, { publicUrl: config.publicUrl }));
  await app.register(forumRoutes(deps));
  await app.register(scheduleRoutes(deps));
  // Placement runs compute in a worker thread, made on the first run; closing the app lets a
  // run under way finish, then ends the thread.
  const solver = options.placementSolver ?? placementSolver();
  app.addHook('onClose', () => solver.close());
  await app.register(placementRunRoutes({ ...deps, solver }));
  await app.register(binomeRoutes(deps));
  await app.register(placementRoutes(deps));
  // The programme after placement (issue 16).
  await app.register(projectRoutes(deps));
  await app.register(infoSessionRoutes(deps));
  await app.register(followUpRoutes(deps));
  await app.register(reportRoutes(deps));
  // The console's pages (src/web): cookie sessions, forms and CSRF in their own scope.
  await app.register(webConsole(deps, { config, jwtSecret: options.jwtSecret, passwordResets, placementSolver: solver }));
  await app.register(webNotFound(deps, config));
  return app;
}
