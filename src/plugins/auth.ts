import fastifyJwt from '@fastify/jwt';
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
    /** Throttling of failed logins: `check` before the attempt, `count` after a 401. */
    loginThrottle: {
      check(request: FastifyRequest): Promise<void>;
      count(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    };
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
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

  app.decorate('authorize', (...roles: Role[]): onRequestAsyncHookHandler => {
    return async (request) => {
      request.actor = await authenticate(request);
      if (roles.length > 0) assertRole(request.actor, roles, `call ${request.method} ${request.routeOptions.url}`);
    };
  });

  // Failed logins are limited per address and per account with @fastify/rate-limit's manual
  // limiters: a peek (no increment) before the attempt, an increment only when it failed,
  // so that a person who types their password right is never slowed down.
  const perAddress = app.createRateLimit({
    max: opts.throttle.perAddress,
    timeWindow: opts.throttle.windowMs,
    keyGenerator: (request) => `login-ip:${request.ip}`,
  });
  const perAccount = app.createRateLimit({
    max: opts.throttle.perAccount,
    timeWindow: opts.throttle.windowMs,
    keyGenerator: (request) => `login-account:${(request.body as { email?: string } | undefined)?.email ?? ''}`,
  });

  app.decorate('loginThrottle', {
    async check(request: FastifyRequest) {
      for (const [limiter, what] of [[perAccount, 'this account'], [perAddress, 'this address']] as const) {
        const status = await limiter(request, { increment: false });
        // A peek reports the count so far; refuse once the window's failures reached the max.
        if (!status.isAllowed && status.remaining === 0) {
          throw new TooManyRequests(
            `Too many failed sign-in attempts for ${what}; try again in ${status.ttlInSeconds} seconds`,
            Math.max(1, status.ttlInSeconds),
          );
        }
      }
    },
    async count(request: FastifyRequest, reply: FastifyReply) {
      if (reply.statusCode !== 401) return;
      await perAccount(request);
      await perAddress(request);
    },
  });
}

export default fp(authPlugin, { name: 'auth', dependencies: ['@fastify/rate-limit'] });
