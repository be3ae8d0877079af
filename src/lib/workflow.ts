import type { Role } from '../../db/database.js';
import { Conflict, Forbidden } from '../errors.js';
import type { Actor } from './access.js';

/**
 * Statuses as data: a table of transitions (name, from-states, to-state, who may do it) and
 * one function that applies it. Each module declares its table; an impossible move is a 409
 * naming the current state and the moves that are possible from it.
 */
export interface Transition<S extends string> {
  readonly name: string;
  readonly from: readonly S[];
  readonly to: S;
  readonly roles: readonly Role[];
}

export function transitionTo<S extends string>(
  table: readonly Transition<S>[],
  what: string,
  current: S,
  to: S,
  actor: Actor,
): Transition<S> {
  // A role that moves nothing in this table hears so first, whatever the state.
  if (!table.some((t) => t.roles.includes(actor.role))) {
    throw new Forbidden(`A ${actor.role.replace('_', ' ')} may not change the status of a ${what}`);
  }
  const transition = table.find((t) => t.to === to && t.from.includes(current));
  if (!transition) {
    // The moves this caller could make from here (not the platform's own, nor other roles').
    const possible = [...new Set(table.filter((t) => t.from.includes(current) && t.roles.includes(actor.role)).map((t) => t.to))];
    throw new Conflict(
      `The ${what} is ${current}; it cannot become ${to}` + (possible.length ? ` (possible: ${possible.join(', ')})` : ''),
      { currentState: current, possible },
    );
  }
  if (!transition.roles.includes(actor.role)) {
    throw new Forbidden(`A ${actor.role.replace('_', ' ')} may not ${transition.name} a ${what}`);
  }
  return transition;
}
