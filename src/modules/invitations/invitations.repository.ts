import type { Db, InvitationRow, InvitedRole } from '../../../db/database.js';
import type { Scope } from '../../lib/access.js';
import type { Position } from '../../lib/pagination.js';
import { createdAtText, createdBefore, escapeLike } from '../../lib/sql.js';
import { visible } from '../../lib/visibility.js';

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export async function insertInvitation(
  db: Db,
  values: {
    email: string;
    role: InvitedRole;
    fullName: string | null;
    operatorId: string | null;
    structureId: string | null;
    tokenHash: string;
    invitedBy: string;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<InvitationRow> {
  return db
    .insertInto('invitations')
    .values({
      email: values.email,
      role: values.role,
      full_name: values.fullName,
      operator_id: values.operatorId,
      structure_id: values.structureId,
      token_hash: values.tokenHash,
      invited_by: values.invitedBy,
      created_at: values.createdAt,
      expires_at: values.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The open (neither accepted nor withdrawn) invitations of an address, with their operator. */
export async function findOpenInvitationsFor(db: Db, email: string) {
  return db
    .selectFrom('invitations')
    .leftJoin('structures', 'structures.id', 'invitations.structure_id')
    .selectAll('invitations')
    .select('structures.operator_id as structure_operator_id')
    .where('invitations.email', '=', email)
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .forUpdate('invitations')
    .execute();
}

export async function revokeInvitations(db: Db, ids: string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('invitations')
    .set({ revoked_at: at })
    .where('id', 'in', ids)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function findInvitationByToken(db: Db, tokenHash: string): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function findInvitationByTokenForUpdate(db: Db, tokenHash: string): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).forUpdate().executeTakeFirst();
}

/** Guarded: false when the invitation was accepted or withdrawn meanwhile. */
export async function markInvitationAccepted(db: Db, id: string, userId: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ accepted_at: at, accepted_user_id: userId })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Guarded: false when the invitation was accepted or withdrawn meanwhile. */
export async function markInvitationRevoked(db: Db, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Invitations the scope may see (visibility.ts): a coordinator's are those of their operator,
 * whether they invite a coordinator of it or a member of one of its structures.
 */
function scoped(db: Db, scope: Scope) {
  return db
    .selectFrom('invitations')
    .leftJoin('structures', 'structures.id', 'invitations.structure_id')
    .selectAll('invitations')
    .select('structures.operator_id as structure_operator_id')
    .where(visible('invitations', scope));
}

export async function findInvitation(db: Db, id: string, scope: Scope) {
  return scoped(db, scope).where('invitations.id', '=', id).executeTakeFirst();
}

export async function listInvitations(
  db: Db,
  scope: Scope,
  filter: { limit: number; after?: Position | undefined; status?: InvitationStatus | undefined; q?: string | undefined; now: Date },
) {
  let query = scoped(db, scope).select(createdAtText('invitations').as('cursor_at'));
  if (filter.q) query = query.where('invitations.email', 'ilike', `%${escapeLike(filter.q)}%`);
  switch (filter.status) {
    case 'accepted':
      query = query.where('invitations.accepted_at', 'is not', null);
      break;
    case 'revoked':
      query = query.where('invitations.revoked_at', 'is not', null);
      break;
    case 'expired':
    case 'pending':
      query = query
        .where('invitations.accepted_at', 'is', null)
        .where('invitations.revoked_at', 'is', null)
        .where('invitations.expires_at', filter.status === 'pending' ? '>' : '<=', filter.now);
      break;
  }
  if (filter.after) query = query.where(createdBefore('invitations', filter.after));
  return query.orderBy('invitations.created_at', 'desc').orderBy('invitations.id', 'desc').limit(filter.limit + 1).execute();
}

/** The invitations of one structure's members, or of coordinators (every operator's), newest first. */
export async function listInvitationsOf(db: Db, filter: { structureId: string } | { role: 'coordinator' }, limit: number) {
  let query = db
    .selectFrom('invitations')
    .leftJoin('operators', 'operators.id', 'invitations.operator_id')
    .selectAll('invitations')
    .select('operators.name as operator_name');
  query = 'structureId' in filter ? query.where('invitations.structure_id', '=', filter.structureId) : query.where('invitations.role', '=', 'coordinator');
  return query.orderBy('invitations.created_at', 'desc').orderBy('invitations.id', 'desc').limit(limit).execute();
}
