import type { FastifyRequest } from 'fastify';
import type { Role } from '../../db/database.js';
import { Forbidden, Unauthorized } from '../errors.js';

/**
 * Who is calling, and the helpers every module uses to decide what they may reach.
 *
 * Function-level authorisation (may this role call the route at all?) is declared on the
 * route with `app.authorize(...roles)` and answers 403. Object-level authorisation (may this
 * caller see this object?) scopes queries with `scopeOf` and answers 404 for someone else's
 * object, so that its existence is not revealed (OWASP API1:2023).
 */
export interface Actor {
  readonly userId: string;
  readonly role: Role;
  readonly sessionId: string;
  /** The coordinator's operator, or the operator of a structure member's structure. */
  readonly operatorId: string | null;
  /** The structure member's structure. */
  readonly structureId: string | null;
}

/** Narrowing of a query to what the actor may see; an empty scope means everything (admin). */
export interface Scope {
  readonly operatorId?: string;
  readonly structureId?: string;
  readonly userId?: string;
}

export const ALL: Scope = Object.freeze({});

export function scopeOf(actor: Actor): Scope {
  switch (actor.role) {
    case 'admin':
      return ALL;
    case 'coordinator':
      return { operatorId: actor.operatorId! };
    case 'structure_member':
      return { operatorId: actor.operatorId!, structureId: actor.structureId! };
    case 'candidate':
      return { userId: actor.userId };
  }
}

/** The authenticated caller of a route declared with `app.authorize(...)`. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Unauthorized('Authentication required');
  return request.actor;
}

export function assertRole(actor: Actor, roles: readonly Role[], what = 'do this'): void {
  if (!roles.includes(actor.role)) {
    throw new Forbidden(`A ${actor.role.replace('_', ' ')} may not ${what}`);
  }
}
