import { type Kysely, type Selectable, sql, type UpdateObject } from 'kysely';
import type { Database, Db, Role, TransitionActorRole, WorkflowEntity } from '../../db/database.js';
import { Conflict, Forbidden, PreconditionFailed } from '../errors.js';
import { text } from '../i18n/index.js';
import type { Actor } from './access.js';

/**
 * The transition engine: every status change of every workflow goes through `move`.
 *
 * A workflow is data, declared in its module's `*.workflow.ts`: a table of transitions (name,
 * from-states, to-state, who may make it), the columns a move stamps, and the consequences it
 * declares within its own concept (`after`, e.g. the candidate's e-mail). `move` locks the row,
 * checks the table for the mover — a person by role, or the platform, an explicit mover that no
 * request can be — makes a guarded `UPDATE … WHERE status = from`, writes one row of the generic
 * log (`status_transitions`), then runs the hooks, all in the caller's transaction. Consequences
 * that cross concepts (an acceptance confirming a binôme) are not hooks: the process that starts
 * the move applies them (modules/recruitment), so that no concept calls back the one that called it.
 *
 * A test (test/lib/workflow-writes.test.ts) fails when a status column is written anywhere else.
 */

/** The tables that hold a workflow's `status`. */
export type WorkflowTable = 'applications' | 'missions' | 'editions' | 'forums' | 'binomes' | 'mediation_projects';
export type StatusOf<T extends WorkflowTable> = Selectable<Database[T]> extends { status: infer S extends string } ? S : never;
/** Columns of the workflow's table, with values or SQL expressions (`version + 1`). */
export type Columns<T extends WorkflowTable> = UpdateObject<Database, T>;

/** The platform's own mover: jobs, and the consequences of someone else's move. */
export const PLATFORM = { role: 'platform' } as const;
export type Mover = Actor | typeof PLATFORM;
export type MoverRole = Role | typeof PLATFORM.role;

export interface Transition<S extends string> {
  readonly name: string;
  readonly from: readonly S[];
  readonly to: S;
  /** Who may make the move: roles of people, or `platform` for the system's own moves. */
  readonly by: readonly MoverRole[];
}

/** A move made, as the hooks and the caller see it. */
export interface Move<S extends string> {
  readonly id: string;
  readonly from: S;
  readonly to: S;
  readonly transition: Transition<S>;
  readonly by: Mover;
  readonly at: Date;
}

export type AfterMove<S extends string, C> = (trx: Db, move: Move<S>, context: C) => Promise<void>;

export interface Workflow<T extends WorkflowTable, C = undefined> {
  readonly entity: WorkflowEntity;
  readonly table: T;
  /** The entity in messages: "The mission is draft; it cannot become filled". */
  readonly what: string;
  readonly transitions: readonly Transition<StatusOf<T>>[];
  /** What every move writes besides the status (updated_at, the version that is the ETag…). */
  readonly stamp: (at: Date) => Columns<T>;
  /** The workflow's own consequences, run in order after the log row, same transaction. */
  readonly after?: readonly AfterMove<StatusOf<T>, C>[];
}

/** Declares a workflow (the identity function, there for the types). */
export function workflow<T extends WorkflowTable, C = undefined>(definition: Workflow<T, C>): Workflow<T, C> {
  return definition;
}

/**
 * The transition that takes `current` to `to` for this mover, or the refusal: 403 for a role
 * the table never lets move (or not this move), 409 naming the current state and the moves the
 * caller could make from it. A platform move may name its transition, when two share the states.
 */
export function allowedMove<S extends string>(
  table: readonly Transition<S>[],
  what: string,
  current: S,
  to: S,
  by: Mover,
  name?: string,
): Transition<S> {
  const role = by.role;
  // A role that moves nothing in this table hears so first, whatever the state.
  if (!table.some((t) => t.by.includes(role))) {
    throw new Forbidden(text('workflow.roleMovesNothing', { role, what }));
  }
  const fits = (t: Transition<S>) => t.to === to && t.from.includes(current) && (name === undefined || t.name === name);
  // Among the moves that fit, the mover's own first (two may share states: a person's and the platform's).
  const transition = table.find((t) => fits(t) && t.by.includes(role)) ?? table.find(fits);
  if (!transition) {
    // The moves this caller could make from here (not the platform's own, nor other roles').
    const possible = [...new Set(table.filter((t) => t.from.includes(current) && t.by.includes(role)).map((t) => t.to))];
    throw new Conflict(text('workflow.impossible', { what, current, to, possible }), { currentState: current, possible });
  }
  if (!transition.by.includes(role)) {
    throw new Forbidden(text('workflow.roleMayNot', { role, action: transition.name, what }));
  }
  return transition;
}

/** 412 when the caller read another version (If-Match) than the row's. */
export function assertVersion(wf: { what: string }, read: number | undefined, current: number) {
  if (read !== undefined && read !== current) {
    throw new PreconditionFailed(text('version.stale', { what: wf.what, read, current }));
  }
}

/** Whether the platform has a move from `current` to `to` (jobs check before they move). */
export function platformCan<S extends string>(table: readonly Transition<S>[], current: S, to: S, name?: string): boolean {
  return table.some((t) => t.by.includes(PLATFORM.role) && t.to === to && t.from.includes(current) && (name === undefined || t.name === name));
}

export interface MoveRequest<T extends WorkflowTable, C> {
  readonly to: StatusOf<T>;
  readonly by: Mover;
  readonly at: Date;
  /** Names the transition when two share the states (platform moves). */
  readonly name?: string | undefined;
  /** The version the caller read (If-Match): 412 when the row has moved on since. */
  readonly version?: number | undefined;
  /** Columns this move writes besides the workflow's stamp (a refusal's reason, an end date). */
  readonly set?: Columns<T>;
  /** The log row's why: a reason code or text, a message, whether the person concerned sees it. */
  readonly why?: { readonly reason?: string | null | undefined; readonly message?: string | null | undefined; readonly shared?: boolean | undefined };
  readonly context?: C;
}

// The engine is one function for five tables: it speaks to them untyped, and each workflow's
// declaration (`Workflow<T>`) types what callers pass in.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const untyped = (trx: Db) => trx as unknown as Kysely<any>;

/**
 * Applies a move in the caller's transaction (see the header): lock, check, guarded update,
 * log row, hooks. The row must exist — callers find it in the actor's scope first (404) — so a
 * missing row is a bug, not a client error.
 */
export async function move<T extends WorkflowTable, C>(trx: Db, wf: Workflow<T, C>, id: string, request: MoveRequest<T, C>): Promise<Move<StatusOf<T>>> {
  const db = untyped(trx);
  const table: string = wf.table;
  const row = await db
    .selectFrom(table)
    .select(request.version === undefined ? ['status'] : ['status', 'version'])
    .where('id', '=', id)
    // Not FOR UPDATE: rows that reference this one (a member's application, a mission's) may
    // still be inserted meanwhile; only another status change waits.
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!row) throw new Error(`${wf.entity} ${id} not found for a move to ${request.to}`);
  const from: StatusOf<T> = row.status;
  const transition = allowedMove(wf.transitions, wf.what, from, request.to, request.by, request.name);
  assertVersion(wf, request.version, row.version);
  const updated = await db
    .updateTable(table)
    .set({ ...(wf.stamp(request.at) as object), ...(request.set as object | undefined), status: request.to })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  // The row is locked: only a write outside the engine could have moved it.
  if (updated.numUpdatedRows !== 1n) throw new Conflict(text('version.changedMeanwhile', { what: wf.what }), { currentState: from });
  await logMove(trx, wf.entity, id, { from, to: request.to, transition: transition.name, by: request.by, at: request.at, why: request.why });
  const done: Move<StatusOf<T>> = { id, from, to: request.to, transition, by: request.by, at: request.at };
  for (const hook of wf.after ?? []) await hook(trx, done, request.context as C);
  return done;
}

/** Moves each row in turn (each its own log row and hooks), in the caller's transaction. */
export async function moveEach<T extends WorkflowTable, C>(trx: Db, wf: Workflow<T, C>, ids: readonly string[], request: MoveRequest<T, C>) {
  const moves = [];
  for (const id of ids) moves.push(await move(trx, wf, id, request));
  return moves;
}

/** Logs the status a row is created in (an application's `submit`), in the caller's transaction. */
export async function logCreation<T extends WorkflowTable, C>(trx: Db, wf: Workflow<T, C>, id: string, status: StatusOf<T>, by: Actor, at: Date, name: string) {
  await logMove(trx, wf.entity, id, { from: null, to: status, transition: name, by, at });
}

async function logMove(
  trx: Db,
  entity: WorkflowEntity,
  id: string,
  entry: { from: string | null; to: string; transition: string; by: Mover; at: Date; why?: MoveRequest<WorkflowTable, unknown>['why'] },
) {
  const person = entry.by.role === PLATFORM.role ? null : (entry.by as Actor);
  await trx
    .insertInto('status_transitions')
    .values({
      entity,
      entity_id: id,
      at: entry.at,
      actor_id: person?.userId ?? null,
      actor_role: (person?.role ?? 'system') satisfies TransitionActorRole,
      transition: entry.transition,
      from_status: entry.from,
      to_status: entry.to,
      reason: entry.why?.reason ?? null,
      message: entry.why?.message ?? null,
      reason_shared: entry.why?.shared ?? false,
    })
    .execute();
}

/** A row's history, oldest first, with the names of the people who moved it. */
export async function historyOf<T extends WorkflowTable, C>(db: Db, wf: Workflow<T, C>, id: string) {
  const rows = await db
    .selectFrom('status_transitions as t')
    .leftJoin('users as u', 'u.id', 't.actor_id')
    .selectAll('t')
    .select('u.full_name as actor_name')
    .where('t.entity', '=', wf.entity)
    .where('t.entity_id', '=', id)
    .orderBy('t.at')
    .orderBy('t.id')
    .execute();
  // Only the engine writes the log, with the workflow's own statuses.
  return rows.map((r) => ({ ...r, from_status: r.from_status as StatusOf<T> | null, to_status: r.to_status as StatusOf<T> }));
}

/** Whether the row went through the named transition (its history says so). */
export async function wentThrough(db: Db, entity: WorkflowEntity, id: string, transition: string): Promise<boolean> {
  const row = await db
    .selectFrom('status_transitions')
    .select('id')
    .where('entity', '=', entity)
    .where('entity_id', '=', id)
    .where('transition', '=', transition)
    .executeTakeFirst();
  return row !== undefined;
}

/** `version + 1`, for the workflows whose version is their ETag. */
export const nextVersion = sql<number>`version + 1`;
