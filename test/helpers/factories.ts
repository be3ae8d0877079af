import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApplicationStatus, Database, EarlierServiceCivique, MissionStatus, Nationality, Role, StructureKind, UserRow, WorkflowEntity } from '../../db/database.js';
import { hashPassword } from '../../src/lib/passwords.js';
import type { TestContext } from './app.js';

/**
 * Factories: short fixtures written straight to the database, with traits by role. They use
 * the same tables as the app; the behaviour under test always goes through HTTP.
 */
export const TEST_PASSWORD = 'a long and unusual test passphrase';
let testPasswordHash: Promise<string> | undefined;

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}.${randomBytes(5).toString('hex')}@example.fr`;
}

export function uniqueName(prefix: string): string {
  return `${prefix} ${randomBytes(4).toString('hex')}`;
}

export async function createOperator(db: Kysely<Database>, values: { name?: string } = {}) {
  return db.insertInto('operators').values({ name: values.name ?? uniqueName('Operator') }).returningAll().executeTakeFirstOrThrow();
}

/** A structure; by default a proximity structure in Lens. Traits: `kind` (with its reach). */
export async function createStructure(
  db: Kysely<Database>,
  values: { operatorId?: string; name?: string; kind?: StructureKind; communeCode?: string } = {},
) {
  const operatorId = values.operatorId ?? (await createOperator(db)).id;
  const kind = values.kind ?? 'proximity';
  return db
    .insertInto('structures')
    .values({
      operator_id: operatorId,
      name: values.name ?? uniqueName('Structure'),
      kind,
      reach: kind === 'first_circle' ? 'regional' : null,
      commune_code: values.communeCode ?? '62498',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A user of the given role, with the operator or structure the role needs (made if not given). */
export async function createUser(
  db: Kysely<Database>,
  role: Role,
  values: { email?: string; operatorId?: string; structureId?: string; fullName?: string } = {},
): Promise<UserRow & { password: string }> {
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  const operatorId = role === 'coordinator' ? (values.operatorId ?? (await createOperator(db)).id) : null;
  const structureId =
    role === 'structure_member' ? (values.structureId ?? (await createStructure(db, values.operatorId ? { operatorId: values.operatorId } : {})).id) : null;
  const user = await db
    .insertInto('users')
    .values({
      email: values.email ?? uniqueEmail(role),
      password_hash: await testPasswordHash,
      role,
      full_name: values.fullName ?? null,
      operator_id: operatorId,
      structure_id: structureId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...user, password: TEST_PASSWORD };
}

export interface SignedInUser {
  user: UserRow;
  accessToken: string;
  refreshToken: string;
}

/** Signs the user in through POST /auth/login. */
export async function signIn(ctx: TestContext, user: { email: string; password?: string }): Promise<SignedInUser & { user: UserRow }> {
  const res = await ctx.call('POST', '/auth/login', { body: { email: user.email, password: user.password ?? TEST_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${user.email} failed: ${res.statusCode} ${res.body}`);
  const body = res.json();
  return { user: user as UserRow, accessToken: body.accessToken, refreshToken: body.refreshToken };
}

/** A user of the role, signed in. */
export async function signedIn(ctx: TestContext, role: Role, values: Parameters<typeof createUser>[2] = {}) {
  const user = await createUser(ctx.db, role, values);
  const tokens = await signIn(ctx, user);
  return { ...tokens, user };
}

/** A programme and its edition for the operator (made if not given). */
export async function createEdition(db: Kysely<Database>, values: { operatorId?: string; startsOn?: string; endsOn?: string } = {}) {
  const operatorId = values.operatorId ?? (await createOperator(db)).id;
  const programme = await db
    .insertInto('programmes')
    .values({ operator_id: operatorId, name: uniqueName('Programme'), theme: 'culture-loisirs' })
    .returningAll()
    .executeTakeFirstOrThrow();
  return db
    .insertInto('editions')
    .values({
      programme_id: programme.id,
      label: uniqueName('Édition'),
      starts_on: values.startsOn ?? '2027-01-01',
      ends_on: values.endsOn ?? '2027-12-31',
      planned_volunteers: 10,
      status: 'recruiting',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A mission, published by default, hosted by a proximity structure with a first-circle partner
 * (each made if not given), in an edition of their operator.
 */
export async function createMission(
  db: Kysely<Database>,
  values: {
    operatorId?: string;
    editionId?: string;
    hostId?: string;
    /** The first-circle partner; by default one made for the mission. */
    firstCircleId?: string;
    title?: string;
    startsOn?: string;
    durationMonths?: number;
    weeklyHours?: number;
    places?: number;
    openToMinors?: boolean;
    status?: MissionStatus;
    communeCode?: string;
  } = {},
) {
  const operatorId = values.operatorId ?? (await createOperator(db)).id;
  const editionId = values.editionId ?? (await createEdition(db, { operatorId })).id;
  const hostId = values.hostId ?? (await createStructure(db, { operatorId, kind: 'proximity' })).id;
  const firstCircleId = values.firstCircleId ?? (await createStructure(db, { operatorId, kind: 'first_circle' })).id;
  const user = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  const creator = user?.id ?? (await createUser(db, 'admin')).id;
  return db
    .insertInto('missions')
    .values({
      edition_id: editionId,
      host_structure_id: hostId,
      first_circle_structure_id: firstCircleId,
      title: values.title ?? uniqueName('Mission'),
      description: 'Médiation culturelle auprès des publics éloignés',
      theme: 'culture-loisirs',
      places: values.places ?? 2,
      starts_on: values.startsOn ?? '2027-02-01',
      duration_months: values.durationMonths ?? 6,
      weekly_hours: values.weeklyHours ?? 24,
      open_to_minors: values.openToMinors ?? false,
      commune_code: values.communeCode ?? '62498',
      status: values.status ?? 'published',
      created_by: creator,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A candidate's complete profile, written straight to the table (the API's PUT is tested on its own). */
export async function createProfile(
  db: Kysely<Database>,
  userId: string,
  values: { birthDate?: string; nationality?: Nationality; earlierServiceCivique?: EarlierServiceCivique; firstName?: string; lastName?: string; stayInPool?: boolean } = {},
) {
  return db
    .insertInto('candidate_profiles')
    .values({
      user_id: userId,
      first_name: values.firstName ?? 'Camille',
      last_name: values.lastName ?? uniqueName('Martin'),
      birth_date: values.birthDate ?? '2005-03-10',
      commune_code: '62498',
      driving_licence: true,
      interests: ['theatre', 'music'],
      presentation: 'Passionnée de spectacle vivant',
      nationality: values.nationality ?? 'french',
      earlier_service_civique: values.earlierServiceCivique ?? 'none',
      statement_sworn_at: new Date(),
      stay_in_pool: values.stayInPool ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A candidate with a profile, signed in. */
export async function signedInCandidate(ctx: TestContext, values: Parameters<typeof createProfile>[2] = {}) {
  const candidate = await signedIn(ctx, 'candidate');
  const profile = await createProfile(ctx.db, candidate.user.id, values);
  return { ...candidate, profile };
}

/** An application in any status (trait), written straight to the table with its first history line. */
export async function createApplication(
  db: Kysely<Database>,
  values: { missionId: string; candidateId: string; status?: ApplicationStatus; changedAt?: Date; motivation?: string },
) {
  const at = values.changedAt ?? new Date();
  const status = values.status ?? 'submitted';
  const application = await db
    .insertInto('applications')
    .values({
      mission_id: values.missionId,
      candidate_id: values.candidateId,
      motivation: values.motivation ?? 'J’aimerais faire découvrir le théâtre à de nouveaux publics.',
      status,
      status_changed_at: at,
      created_at: at,
      updated_at: at,
      ...(status === 'refused' ? { refusal_reason: 'other' as const } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('status_transitions')
    .values({ entity: 'application', entity_id: application.id, at, actor_id: values.candidateId, actor_role: 'candidate', transition: 'submit', from_status: null, to_status: status })
    .execute();
  return application;
}

/** A row's status changes as the engine logged them, in the order written: "from → to (transition) by role". */
export async function loggedMoves(db: Kysely<Database>, entity: WorkflowEntity, id: string): Promise<string[]> {
  const rows = await db.selectFrom('status_transitions').selectAll().where('entity', '=', entity).where('entity_id', '=', id).orderBy('id').execute();
  return rows.map((r) => `${r.from_status ?? '∅'} → ${r.to_status} (${r.transition}) by ${r.actor_role}${r.reason ? `: ${r.reason}` : ''}`);
}
