import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Role, StructureKind, UserRow } from '../../db/database.js';
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
