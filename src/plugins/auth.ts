import fastifyJwt from '@fastify/jwt';
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../../db/database.js';
import type { AccessClaims, Clock } from '../deps.js';
import { TooManyRequests, Unauthorized } from '../errors.js';
import { type Actor, assertRole } from '../lib/access.js';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  JWT_ALGORITHM,
  JWT_AUDIENCE,
  JWT_ISSUER,
  type LoginThrottle,
} from '../modules/auth/policy.js';
import { findSessionActor } from '../modules/auth/sessions.repository.js';

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
}

export interface FailureThrottle {
  /** 429 when the failures (counted and in flight) reached the limit; otherwise holds a place. */
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
}

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

  async function authenticate(request: FastifyRequest): Promise<Actor> {
    if (!request.headers.authorization) throw new Unauthorized('Authentication required: send an Authorization: Bearer token');
    let claims: AccessClaims;
    try {
      claims = await request.jwtVerify<AccessClaims>();
    } catch (err) {
      // Every verification failure is the client's: a foreign algorithm (which fast-jwt
      // reports as a 500), no signature, a bad audience, an expired token… all are a 401.
      const code = (err as { code?: string }).code ?? '';
      throw new Unauthorized(code.includes('EXPIRED') ? 'The access token has expired; refresh it' : 'The access token is not valid');
    }
    if (!UUID.test(String(claims.sid)) || !UUID.test(String(claims.sub))) {
      throw new Unauthorized('The access token is not valid');
    }
    const row = await findSessionActor(opts.db, claims.sid, claims.sub);
    if (!row || row.revoked_at || row.expires_at <= opts.clock()) {
      throw new Unauthorized('The session has ended; sign in again');
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
    return async (request) => {
      request.actor = await authenticate(request);
      if (roles.length > 0) assertRole(request.actor, roles, `call ${request.method} ${request.routeOptions.url}`);
    };
  });

  // Failed sign-ins (and wrong current passwords) are limited per address and per account with
  // @fastify/rate-limit's manual limiters: a peek before the attempt, an increment only when it
  // failed, so that a person who types their password right is never slowed down. Attempts
  // still running count as failures-to-be: otherwise 30 simultaneous guesses would all pass
  // the peek before the first one is counted.
  const inFlight = new Map<string, number>();
  const held = new WeakMap<FastifyRequest, string[]>();
  const release = (request: FastifyRequest) => {
    for (const key of held.get(request) ?? []) {
      const n = (inFlight.get(key) ?? 1) - 1;
      if (n > 0) inFlight.set(key, n);
      else inFlight.delete(key);
    }
    held.delete(request);
  };

  function failureThrottle(keys: { label: string; max: number; key: (request: FastifyRequest) => string }[], failureStatus: number): FailureThrottle {
    const limiters = keys.map(({ label, max, key }) => ({
      label,
      key,
      limit: app.createRateLimit({ max, timeWindow: opts.throttle.windowMs, keyGenerator: key }),
    }));
    return {
      async check(request) {
        for (const { label, key, limit } of limiters) {
          const status = await limit(request, { increment: false });
          if (status.isAllowed) continue;
          if (status.remaining - (inFlight.get(key(request)) ?? 0) <= 0) {
            const retryAfter = Math.max(1, status.ttlInSeconds || Math.ceil(opts.throttle.windowMs / 1000));
            throw new TooManyRequests(`Too many failed attempts for ${label}; try again in ${retryAfter} seconds`, retryAfter);
          }
        }
        const taken = limiters.map(({ key }) => key(request));
        for (const key of taken) inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
        held.set(request, taken);
      },
      async count(request, reply) {
        if (!held.has(request)) return;
        release(request);
        if (reply.statusCode === failureStatus) for (const { limit } of limiters) await limit(request);
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
