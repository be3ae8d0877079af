import type { FastifyRequest } from 'fastify';
import type { Role } from '../../db/database.js';
import { Forbidden, Unauthorized } from '../errors.js';
import { type Text, text } from '../i18n/index.js';

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

/**
 * What a caller may see, as a closed set of cases. visibility.ts states, for every entity, what
 * each kind sees, so that a new role or a new kind of scope fails to compile there instead of
 * silently seeing everything.
 */
export type Scope =
  | { readonly kind: 'all' }
  | { readonly kind: 'operator'; readonly operatorId: string }
  | { readonly kind: 'structure'; readonly operatorId: string; readonly structureId: string }
  | { readonly kind: 'self'; readonly userId: string };

export function scopeOf(actor: Actor): Scope {
  switch (actor.role) {
    case 'admin':
      return { kind: 'all' };
    case 'coordinator':
      return { kind: 'operator', operatorId: required(actor.operatorId, 'coordinator without an operator') };
    case 'structure_member':
      return {
        kind: 'structure',
        operatorId: required(actor.operatorId, 'structure member without an operator'),
        structureId: required(actor.structureId, 'structure member without a structure'),
      };
    case 'candidate':
      return { kind: 'self', userId: actor.userId };
  }
}

// The users_role_scope constraint makes these impossible; if one ever happens, fail closed.
function required(id: string | null, what: string): string {
  if (!id) throw new Error(`inconsistent account: ${what}`);
  return id;
}

/** The authenticated caller of a route declared with `app.authorize(...)`. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Unauthorized(text('auth.requiredShort'));
  return request.actor;
}

/** 403 unless the actor has one of the roles; `refusal` says what they may not do (it names their role). */
export function assertRole(actor: Actor, roles: readonly Role[], refusal: (role: Role) => Text = (role) => text('access.roleMayNot', { role })): void {
  if (!roles.includes(actor.role)) {
    throw new Forbidden(refusal(actor.role));
  }
}
