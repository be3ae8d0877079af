import { fastifyCookie } from '@fastify/cookie';
import fastifyJwt from '@fastify/jwt';
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../../db/database.js';
import type { AccessClaims, Clock } from '../deps.js';
import { TooManyRequests, Unauthorized, Unavailable } from '../errors.js';
import { text } from '../i18n/index.js';
import { type Actor, assertRole } from '../lib/access.js';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  JWT_ALGORITHM,
  JWT_AUDIENCE,
  JWT_ISSUER,
  type LoginThrottle,
} from '../modules/auth/policy.js';
import { findSessionActor } from '../modules/auth/sessions.repository.js';
import { readCookieSession } from '../web/session.js';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Route guard: authenticates the bearer token (401) and, when roles are given, checks the
     * caller has one of them (403). Sets `request.actor`.
     */
    authorize(...roles: Role[]): onRequestAsyncHookHandler;
    /** Route guard of public routes: authenticates a bearer token if one is sent. */
    identify(): onRequestAsyncHookHandler;
    /** Throttling of failed sign-ins: `check` before the attempt, `count` after the answer. */
    loginThrottle: FailureThrottle;
    /** The same for a wrong current password on POST /me/password. */
    passwordChangeThrottle: FailureThrottle;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /**
     * The route answers a document a person opens as a plain link (printable HTML, CSV,
     * iCalendar): without an Authorization header, `authorize` accepts the console's session
     * cookie too, with the same role and scope checks. GET only. A function decides per request
     * (a route that answers JSON as well: only its document).
     */
    documentLink?: true | ((request: FastifyRequest) => boolean);
  }
}

export interface FailureThrottle {
  /**
   * 429 when the counted failures reached the limit; otherwise holds a place, waiting for one
   * when attempts in flight hold every place left.
   */
  check(request: FastifyRequest): Promise<void>;
  /** Gives the place back, and counts a failure when the answer has the failure status. */
  count(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims;
    user: AccessClaims;
  }
}

export interface AuthOptions {
  db: Kysely<Database>;
  clock: Clock;
  jwtSecret: string;
  throttle: LoginThrottle;
  /** The name of the console's session cookie (src/web/session.ts). */
  sessionCookie: string;
}

/** How far ahead of our clock a token's `iat` may be (another server's clock). */
const MAX_CLOCK_SKEW_MS = 60_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function authPlugin(app: FastifyInstance, opts: AuthOptions) {
  // RFC 8725: one algorithm, pinned on both sides (fast-jwt accepts every algorithm by
  // default); issuer and audience set and checked; expiry, subject and session required.
  await app.register(fastifyJwt, {
    secret: opts.jwtSecret,
    sign: { algorithm: JWT_ALGORITHM, iss: JWT_ISSUER, aud: JWT_AUDIENCE, expiresIn: ACCESS_TOKEN_TTL_SECONDS },
    verify: {
      algorithms: [JWT_ALGORITHM],
      allowedIss: JWT_ISSUER,
      allowedAud: JWT_AUDIENCE,
      maxAge: ACCESS_TOKEN_TTL_SECONDS,
      requiredClaims: ['exp', 'iat', 'sub', 'sid', 'iss', 'aud'],
    },
  });
  app.decorateRequest('actor', null);

  // A browser cannot send a bearer token when it follows a link, so the routes of documents
  // (flag `documentLink`) also take the console's session cookie, read as the console reads it.
  // Only these, and only GET: they change nothing, so a link from another site (the cookie is
  // SameSite=Lax, sent on a top-level navigation) can make the browser open a document but
  // never act, and their answer goes to the browser's own window (CORS grants no credentials).
  // Every JSON route keeps bearer tokens alone: a cookie there would need CSRF protection.
  const isDocumentLink = (request: FastifyRequest) => {
    const flag = request.routeOptions.config.documentLink;
    return Boolean(flag) && (request.method === 'GET' || request.method === 'HEAD') && (flag === true || flag!(request));
  };
  async function cookieActor(request: FastifyRequest): Promise<Actor | undefined> {
    if (!isDocumentLink(request)) return undefined;
    const token = request.headers.cookie ? fastifyCookie.parse(request.headers.cookie)[opts.sessionCookie] : undefined;
    return token ? (await readCookieSession(opts, token))?.actor : undefined;
  }

  async function authenticate(request: FastifyRequest): Promise<Actor> {
    if (!request.headers.authorization) {
      const actor = await cookieActor(request);
      if (actor) return actor;
      throw new Unauthorized(text('auth.required'));
    }
    let claims: AccessClaims;
    try {
      claims = await request.jwtVerify<AccessClaims>();
    } catch (err) {
      // Every verification failure is the client's: a foreign algorithm (which fast-jwt
      // reports as a 500), no signature, a bad audience, an expired token… all are a 401.
      const code = (err as { code?: string }).code ?? '';
      throw new Unauthorized(code.includes('EXPIRED') ? text('auth.tokenExpired') : text('auth.tokenInvalid'));
    }
    if (!UUID.test(String(claims.sid)) || !UUID.test(String(claims.sub))) {
      throw new Unauthorized(text('auth.tokenInvalid'));
    }
    // fast-jwt checks the age from `iat` but not that `iat` is in the past: a token issued
    // "later" would outlive its 15 minutes. A minute of clock skew is allowed.
    const issuedAt = Number((claims as AccessClaims & { iat?: unknown }).iat);
    if (!(issuedAt * 1000 <= opts.clock().getTime() + MAX_CLOCK_SKEW_MS)) throw new Unauthorized(text('auth.tokenInvalid'));
    const row = await findSessionActor(opts.db, claims.sid, claims.sub);
    if (!row || row.revoked_at || row.expires_at <= opts.clock()) {
      throw new Unauthorized(text('auth.sessionEnded'));
    }
    // Role and scope come from the database, not the token: a change applies at once.
    return {
      userId: row.user_id,
      role: row.role,
      sessionId: claims.sid,
      operatorId: row.operator_id ?? row.structure_operator_id,
      structureId: row.structure_id,
    };
  }

  // For routes open to everyone that show more to some: an Authorization header, when sent,
  // must be valid (401 otherwise); without one the caller is anonymous (request.actor null).
  app.decorate('identify', (): onRequestAsyncHookHandler => {
    return async (request) => {
      if (request.headers.authorization) request.actor = await authenticate(request);
    };
  });

  app.decorate('authorize', (...roles: Role[]): onRequestAsyncHookHandler => {
    return async (request, reply) => {
      try {
        request.actor = await authenticate(request);
      } catch (error) {
        // A browser following a document's link without a session: to the sign-in page, and back.
        if (error instanceof Unauthorized && !request.headers.authorization && isDocumentLink(request) && (request.headers.accept ?? '').includes('text/html')) {
          return reply.redirect(`/connexion?next=${encodeURIComponent(request.url)}`, 302);
        }
        throw error;
      }
      if (roles.length > 0) assertRole(request.actor, roles, (role) => text('access.roleMayNotCall', { role, method: request.method, url: request.routeOptions.url ?? '' }));
    };
  });

  // Failed sign-ins (and wrong current passwords) are limited per address and per account with
  // @fastify/rate-limit's manual limiters: a peek before the attempt, an increment only when it
  // failed, so that a person who types their password right is never slowed down for long and
  // never refused. An attempt still running holds a place in the allowance that is left, or 30
  // simultaneous guesses would all pass the peek before the first one is counted. When every
  // place left is held, the next attempt does not fail: it waits for one to be given back (a
  // correct password gives it back; a failure turns it into a counted failure) and looks again.
  // Only counted failures refuse (429).
  const inFlight = new Map<string, number>();
  const held = new WeakMap<FastifyRequest, string[]>();
  // Bumped at every place given back: a peek taken across a release may be stale.
  let generation = 0;
  let waiters: (() => void)[] = [];
  const release = (request: FastifyRequest) => {
    const keys = held.get(request);
    if (!keys) return;
    for (const key of keys) {
      const n = (inFlight.get(key) ?? 1) - 1;
      if (n > 0) inFlight.set(key, n);
      else inFlight.delete(key);
    }
    held.delete(request);
    generation++;
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  };

  function failureThrottle(keys: { label: string; max: number; key: (request: FastifyRequest) => string }[], failureStatus: number): FailureThrottle {
    const limiters = keys.map(({ label, max, key }) => ({
      label,
      key,
      limit: app.createRateLimit({ max, timeWindow: opts.throttle.windowMs, keyGenerator: key }),
    }));
    return {
      async check(request) {
        for (;;) {
          const seen = generation;
          const statuses = [];
          for (const limiter of limiters) statuses.push({ ...limiter, status: await limiter.limit(request, { increment: false }) });
          // A release happened while reading: the counts may predate a failure; read again.
          if (seen !== generation) continue;
          // From here to the reservation nothing awaits, so no other attempt can interleave.
          let full = false;
          for (const { label, key, status } of statuses) {
            if (status.isAllowed) continue;
            if (status.remaining <= 0) {
              const retryAfter = Math.max(1, status.ttlInSeconds || Math.ceil(opts.throttle.windowMs / 1000));
              throw new TooManyRequests(text('auth.tooManyFailures', { label, seconds: retryAfter }), retryAfter);
            }
            if (status.remaining - (inFlight.get(key(request)) ?? 0) <= 0) full = true;
          }
          if (!full) break;
          await new Promise<void>((wake) => waiters.push(wake));
          // A client that gave up while waiting is not judged (and holds no place for ever:
          // its abort hook has already run).
          if (request.raw.destroyed) throw new Unavailable(text('auth.abandoned'));
        }
        const taken = limiters.map(({ key }) => key(request));
        for (const key of taken) inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
        held.set(request, taken);
      },
      async count(request, reply) {
        if (!held.has(request)) return;
        // Count the failure before giving the place back, so that an attempt woken by the
        // release reads it.
        try {
          if (reply.statusCode === failureStatus) for (const { limit } of limiters) await limit(request);
        } finally {
          release(request);
        }
      },
    };
  }

  const perAddress = { label: 'this address', max: opts.throttle.perAddress, key: (r: FastifyRequest) => `fail-ip:${addressKey(r.ip)}` };
  app.decorate(
    'loginThrottle',
    failureThrottle(
      [
        {
          label: 'this account',
          max: opts.throttle.perAccount,
          key: (r) => `fail-account:${(r.body as { email?: string } | undefined)?.email ?? ''}`,
        },
        perAddress,
      ],
      401,
    ),
  );
  app.decorate(
    'passwordChangeThrottle',
    failureThrottle(
      [{ label: 'this account', max: opts.throttle.perAccount, key: (r) => `fail-user:${r.actor?.userId ?? ''}` }, perAddress],
      422,
    ),
  );
  // An aborted request never reaches onSend: give its place back.
  app.addHook('onRequestAbort', async (request) => release(request));
}

/** One key per IPv4 address and per IPv6 /64 (one host's usual allocation). */
export function addressKey(ip: string): string {
  return normalizeIP(ip, 64);
}

export default fp(authPlugin, { name: 'auth', dependencies: ['@fastify/rate-limit'] });
