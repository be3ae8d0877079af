import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Role, UserRow } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { NotFound } from '../../errors.js';
import type { Actor } from '../../lib/access.js';
import { hashPassword } from '../../lib/passwords.js';
import { recordAudit } from '../audit/audit.repository.js';
import { anyAdminExists, findUserByEmail, findUserProfile, insertUser } from './accounts.repository.js';

/** An account as the API shows it; never the password hash. */
export interface Account {
  id: string;
  email: string;
  role: Role;
  fullName: string | null;
  operatorId: string | null;
  structureId: string | null;
  createdAt: string;
}

export function toAccount(row: UserRow): Account {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    fullName: row.full_name,
    operatorId: row.operator_id,
    structureId: row.structure_id,
    createdAt: row.created_at.toISOString(),
  };
}

export async function getMe(deps: Deps, actor: Actor) {
  const row = await findUserProfile(deps.db, actor.userId);
  if (!row) throw new NotFound('account');
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    fullName: row.full_name,
    operator: row.operator_id ? { id: row.operator_id, name: row.operator_name! } : null,
    structure: row.structure_id ? { id: row.structure_id, name: row.structure_name! } : null,
    createdAt: row.created_at.toISOString(),
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
  };
}

export const GENERATED_ADMIN_EMAIL = 'admin@binome.local';

export type AdminBootstrap =
  | { kind: 'configured-created'; email: string }
  | { kind: 'configured-exists'; email: string; role: Role }
  | { kind: 'generated'; email: string; password: string }
  | { kind: 'nothing-to-do' };

/**
 * The first admin: from ADMIN_EMAIL/ADMIN_PASSWORD when set (created if absent, never
 * overwritten), otherwise — only while no admin exists at all — one with a generated password
 * that the caller prints once. Runs at start, after the migrations.
 */
export async function bootstrapAdmin(
  db: Kysely<Database>,
  configured: { email: string; password: string } | undefined,
  now: Date,
): Promise<AdminBootstrap> {
  if (configured) {
    const existing = await findUserByEmail(db, configured.email);
    if (existing) return { kind: 'configured-exists', email: existing.email, role: existing.role };
    await createAdmin(db, configured.email, await hashPassword(configured.password), now);
    return { kind: 'configured-created', email: configured.email };
  }
  if (await anyAdminExists(db)) return { kind: 'nothing-to-do' };
  const password = randomBytes(18).toString('base64url');
  await createAdmin(db, GENERATED_ADMIN_EMAIL, await hashPassword(password), now);
  return { kind: 'generated', email: GENERATED_ADMIN_EMAIL, password };
}

async function createAdmin(db: Kysely<Database>, email: string, passwordHash: string, now: Date) {
  await db.transaction().execute(async (trx) => {
    const user = await insertUser(trx, { email, password_hash: passwordHash, role: 'admin', created_at: now, updated_at: now });
    await recordAudit(trx, { actorId: null, action: 'user.bootstrapped', entityType: 'user', entityId: user.id, after: toAccount(user) });
  });
}
