import { type Expression, type ExpressionBuilder, expressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Scope } from './access.js';

/**
 * Who sees what: one table, entity by entity and scope by scope, and the condition that says it
 * in a query. Repositories never decide it themselves; they add `visible(entity, scope)` to
 * their query:
 *
 *   db.selectFrom('missions').selectAll().where('missions.id', '=', id).where(visible('missions', scope))
 *
 * The scopes are those of `scopeOf` (access.ts), one per role:
 *   all        an admin
 *   operator   a coordinator, of their operator
 *   structure  a structure member, of their structure (and of its operator)
 *   self       a candidate, themselves
 *
 * The condition is written on the entity's own columns (and subqueries from them), never on a
 * table the repository happens to join: a query needs no join to be scoped, and the joins it
 * makes for its columns stay its own. Someone else's object is then not found (a 404, access.ts).
 *
 * The table is closed: each entity states every kind of scope (`RulesOf`), so that a new kind of
 * scope, or a new entity, does not compile until someone has said who sees it.
 */

/**
 * The entities, each as its repositories' queries name its table: `applications as a`,
 * `placement_runs as r`, the others by the table's own name. The condition refers to that name.
 */
interface Rows {
  operators: Row<'operators'>;
  programmes: Row<'programmes'>;
  editions: Row<'editions'>;
  structures: Row<'structures'>;
  partnerships: Row<'partnerships'>;
  invitations: Row<'invitations'>;
  missions: Row<'missions'>;
  applications: Row<'applications', 'a'>;
  forums: Row<'forums'>;
  binomes: Row<'binomes'>;
  placements: Row<'placements'>;
  placement_runs: Row<'placement_runs', 'r'>;
  mediation_projects: Row<'mediation_projects'>;
  outings: Row<'outings'>;
  info_sessions: Row<'info_sessions'>;
  volunteer_trainings: Row<'volunteer_trainings'>;
  tutor_checkins: Row<'tutor_checkins'>;
  early_ends: Row<'early_ends'>;
}
type Row<T extends keyof Database, As extends string = T> = ExpressionBuilder<Database & { [K in As]: Database[T] }, As>;

export type Entity = keyof Rows;

interface Rule<E extends Entity, S extends Scope> {
  /** Who sees the entity, in words. */
  readonly who: string;
  /** true: every one; false: none; otherwise the rows seen. */
  readonly where: boolean | ((eb: Rows[E], scope: S) => Expression<SqlBool>);
}

type RulesOf<E extends Entity> = { readonly [K in Scope['kind']]: Rule<E, Extract<Scope, { kind: K }>> };

const admin = { who: 'an admin: every one', where: true } as const;

// Subqueries shared by several entities, not correlated. The few ids of an operator's
// programmes and editions are compared as an array (`= any(array(…))`): PostgreSQL runs the
// subquery once (an InitPlan) and filters on the column, with its index, leaving the query's
// join order as it was; as a semi-join (`in`) it made PostgreSQL scan every mission to list an
// edition's binômes (45,000 missions: 4 ms became 16 ms). The others are `in` subqueries.
const tables = expressionBuilder<Database>();

const anyOf = (ids: Expression<{ id: string }>) => tables.fn.any(tables.fn<string[]>('array', [ids]));

/** The programmes of the operator, for `= programmesOf(…)`. */
const programmesOf = (operatorId: string) => anyOf(tables.selectFrom('programmes as p').select('p.id').where('p.operator_id', '=', operatorId));

/** The editions of the operator's programmes, for `= editionsOf(…)`. */
const editionsOf = (operatorId: string) =>
  anyOf(tables.selectFrom('editions as e').innerJoin('programmes as p', 'p.id', 'e.programme_id').select('e.id').where('p.operator_id', '=', operatorId));

/** The structures of the operator. */
const structuresOf = (operatorId: string) => tables.selectFrom('structures as s').select('s.id').where('s.operator_id', '=', operatorId);

/** The binômes the scope sees: a placement is seen as its binôme is. */
const binomesSeenBy = (scope: Scope) => tables.selectFrom('binomes').select('binomes.id').where(visible('binomes', scope));

/** The mediation projects the scope sees: an outing is seen as its project is. */
const projectsSeenBy = (scope: Scope) => tables.selectFrom('mediation_projects').select('mediation_projects.id').where(visible('mediation_projects', scope));

export const visibility: { readonly [E in Entity]: RulesOf<E> } = {
  operators: {
    all: admin,
    operator: { who: 'a coordinator of the operator', where: (eb, s) => eb('operators.id', '=', s.operatorId) },
    structure: { who: 'a member of one of its structures', where: (eb, s) => eb('operators.id', '=', s.operatorId) },
    self: { who: 'no candidate (a candidate’s records hold no operator data)', where: false },
  },
  programmes: {
    all: admin,
    operator: { who: 'a coordinator of its operator', where: (eb, s) => eb('programmes.operator_id', '=', s.operatorId) },
    structure: { who: 'a member of one of its operator’s structures', where: (eb, s) => eb('programmes.operator_id', '=', s.operatorId) },
    self: { who: 'no candidate', where: false },
  },
  editions: {
    all: admin,
    operator: { who: 'a coordinator of its programme’s operator', where: (eb, s) => eb('editions.programme_id', '=', programmesOf(s.operatorId)) },
    structure: { who: 'a member of one of that operator’s structures', where: (eb, s) => eb('editions.programme_id', '=', programmesOf(s.operatorId)) },
    self: { who: 'no candidate', where: false },
  },
  structures: {
    all: admin,
    operator: { who: 'a coordinator of its operator', where: (eb, s) => eb('structures.operator_id', '=', s.operatorId) },
    structure: { who: 'its own members (not those of the operator’s other structures)', where: (eb, s) => eb('structures.id', '=', s.structureId) },
    self: { who: 'no candidate', where: false },
  },
  partnerships: {
    all: admin,
    operator: { who: 'a coordinator of its edition’s operator', where: (eb, s) => eb('partnerships.edition_id', '=', editionsOf(s.operatorId)) },
    structure: {
      who: 'a member of either partner (the proximity structure or the first circle)',
      where: (eb, s) => eb.or([eb('partnerships.proximity_structure_id', '=', s.structureId), eb('partnerships.first_circle_structure_id', '=', s.structureId)]),
    },
    self: { who: 'no candidate', where: false },
  },
  invitations: {
    all: admin,
    operator: {
      who: 'a coordinator of the operator it invites to, or of the operator of the structure it invites to',
      where: (eb, s) => eb.or([eb('invitations.operator_id', '=', s.operatorId), eb('invitations.structure_id', 'in', structuresOf(s.operatorId))]),
    },
    structure: { who: 'a member of the structure it invites to', where: (eb, s) => eb('invitations.structure_id', '=', s.structureId) },
    self: { who: 'no candidate', where: false },
  },
  missions: {
    all: admin,
    operator: { who: 'a coordinator of its edition’s operator', where: (eb, s) => eb('missions.edition_id', '=', editionsOf(s.operatorId)) },
    structure: {
      // A draft is for those who may edit it.
      who: 'a member of the host structure, in every status; of the first-circle partner, once published or filled',
      where: (eb, s) =>
        eb.or([
          eb('missions.host_structure_id', '=', s.structureId),
          eb.and([eb('missions.first_circle_structure_id', '=', s.structureId), eb('missions.status', 'in', ['published', 'filled'])]),
        ]),
    },
    // Anyone, a candidate included, reads a public mission: `publicMission` below.
    self: { who: 'no candidate as such (they read the public missions, as anyone does)', where: false },
  },
  applications: {
    all: admin,
    // By the mission's host, looked up for each row (missions_pkey) rather than joined in a
    // semi-join: the applications' queries join six tables for their columns and each is narrowed
    // already (by id, host structure or candidate), so the lookup runs for a few rows, where one
    // relation more in the join order doubled their planning time.
    // The operator is the host structure's, which is the edition's (a mission's host is a
    // structure of its edition's operator, missions.service.ts).
    operator: {
      who: 'a coordinator of the operator of its mission’s host structure',
      where: (eb, s) =>
        eb(
          eb.selectFrom('missions as m').innerJoin('structures as h', 'h.id', 'm.host_structure_id').select('h.operator_id').whereRef('m.id', '=', 'a.mission_id').$asScalar(),
          '=',
          s.operatorId,
        ),
    },
    structure: {
      who: 'a member of its mission’s host structure (not of the first-circle partner)',
      where: (eb, s) => eb(eb.selectFrom('missions as m').select('m.host_structure_id').whereRef('m.id', '=', 'a.mission_id').$asScalar(), '=', s.structureId),
    },
    self: { who: 'the candidate themselves', where: (eb, s) => eb('a.candidate_id', '=', s.userId) },
  },
  forums: {
    all: admin,
    operator: { who: 'a coordinator of its edition’s operator', where: (eb, s) => eb('forums.edition_id', '=', editionsOf(s.operatorId)) },
    structure: {
      who: 'a member of a structure seated at it',
      where: (eb, s) =>
        eb.exists(eb.selectFrom('forum_structures as fs').select('fs.forum_id').whereRef('fs.forum_id', '=', 'forums.id').where('fs.structure_id', '=', s.structureId)),
    },
    self: {
      who: 'a candidate invited to it',
      where: (eb, s) =>
        eb.exists(eb.selectFrom('forum_candidates as fc').select('fc.forum_id').whereRef('fc.forum_id', '=', 'forums.id').where('fc.candidate_id', '=', s.userId)),
    },
  },
  binomes: {
    all: admin,
    operator: { who: 'a coordinator of its edition’s operator', where: (eb, s) => eb('binomes.edition_id', '=', editionsOf(s.operatorId)) },
    structure: {
      // The host and its first-circle partner both work with the binôme.
      who: 'a member of its mission’s host structure or first-circle partner',
      where: (eb, s) =>
        eb(
          'binomes.mission_id',
          'in',
          tables
            .selectFrom('missions as m')
            .select('m.id')
            .where((w) => w.or([w('m.host_structure_id', '=', s.structureId), w('m.first_circle_structure_id', '=', s.structureId)])),
        ),
    },
    self: {
      who: 'an active member (a candidate who left it no longer sees it)',
      where: (eb, s) =>
        eb.exists(
          eb
            .selectFrom('binome_members as own')
            .select('own.binome_id')
            .whereRef('own.binome_id', '=', 'binomes.id')
            .where('own.candidate_id', '=', s.userId)
            .where('own.active', '=', true),
        ),
    },
  },
  placements: {
    all: admin,
    operator: { who: 'as its binôme: a coordinator of its edition’s operator', where: (eb, s) => eb('placements.binome_id', 'in', binomesSeenBy(s)) },
    structure: { who: 'as its binôme: a member of the host structure or first-circle partner', where: (eb, s) => eb('placements.binome_id', 'in', binomesSeenBy(s)) },
    self: { who: 'as its binôme: an active member', where: (eb, s) => eb('placements.binome_id', 'in', binomesSeenBy(s)) },
  },
  placement_runs: {
    all: admin,
    operator: { who: 'a coordinator of its edition’s operator', where: (eb, s) => eb('r.edition_id', '=', editionsOf(s.operatorId)) },
    structure: { who: 'no structure member', where: false },
    self: { who: 'no candidate', where: false },
  },
  // The programme after placement (issue 16).
  mediation_projects: {
    all: admin,
    operator: { who: 'a coordinator of its edition’s operator', where: (eb, s) => eb('mediation_projects.edition_id', '=', editionsOf(s.operatorId)) },
    structure: { who: 'as its binôme: a member of the host structure or first-circle partner', where: (eb, s) => eb('mediation_projects.binome_id', 'in', binomesSeenBy(s)) },
    self: { who: 'as its binôme: an active member (the two volunteers who write it)', where: (eb, s) => eb('mediation_projects.binome_id', 'in', binomesSeenBy(s)) },
  },
  outings: {
    all: admin,
    operator: { who: 'as its project', where: (eb, s) => eb('outings.project_id', 'in', projectsSeenBy(s)) },
    structure: { who: 'as its project', where: (eb, s) => eb('outings.project_id', 'in', projectsSeenBy(s)) },
    self: { who: 'as its project', where: (eb, s) => eb('outings.project_id', 'in', projectsSeenBy(s)) },
  },
  info_sessions: {
    all: admin,
    operator: { who: 'a coordinator of its edition’s operator (the public reads upcoming sessions through their own query)', where: (eb, s) => eb('info_sessions.edition_id', '=', editionsOf(s.operatorId)) },
    structure: { who: 'no structure member: the operator runs them', where: false },
    self: { who: 'no candidate (a candidate sees the public list and their own registrations)', where: false },
  },
  volunteer_trainings: {
    all: admin,
    operator: { who: 'as its binôme: a coordinator of its edition’s operator', where: (eb, s) => eb('volunteer_trainings.binome_id', 'in', binomesSeenBy(s)) },
    structure: { who: 'as its binôme: a member of the host structure or first-circle partner', where: (eb, s) => eb('volunteer_trainings.binome_id', 'in', binomesSeenBy(s)) },
    self: { who: 'the volunteer themselves', where: (eb, s) => eb('volunteer_trainings.candidate_id', '=', s.userId) },
  },
  tutor_checkins: {
    all: admin,
    operator: { who: 'as its binôme: a coordinator of its edition’s operator', where: (eb, s) => eb('tutor_checkins.binome_id', 'in', binomesSeenBy(s)) },
    structure: { who: 'as its binôme: a member of the host structure or first-circle partner', where: (eb, s) => eb('tutor_checkins.binome_id', 'in', binomesSeenBy(s)) },
    self: { who: 'no volunteer: the tutors’ and the coordination’s notes', where: false },
  },
  early_ends: {
    all: admin,
    operator: { who: 'as its binôme: a coordinator of its edition’s operator', where: (eb, s) => eb('early_ends.binome_id', 'in', binomesSeenBy(s)) },
    structure: { who: 'as its binôme: a member of the host structure or first-circle partner', where: (eb, s) => eb('early_ends.binome_id', 'in', binomesSeenBy(s)) },
    self: { who: 'the volunteer themselves', where: (eb, s) => eb('early_ends.candidate_id', '=', s.userId) },
  },
};

/**
 * The condition on the entity's rows that the scope sees, for `.where(...)` in a query that
 * names the entity's table as `Rows` says.
 */
export function visible<E extends Entity>(entity: E, scope: Scope): (eb: Rows[E]) => Expression<SqlBool> {
  // The rule of the scope's own kind: TypeScript does not relate the two lookups by itself.
  const { where } = visibility[entity][scope.kind] as Rule<E, Scope>;
  return (eb) => (typeof where === 'boolean' ? eb.lit(where) : where(eb, scope));
}

/** Anyone, without an account: a mission once published, and while filled. Drafts and closed missions stay with their editors. */
export function publicMission(eb: Rows['missions']): Expression<SqlBool> {
  return eb('missions.status', 'in', ['published', 'filled']);
}
