import type { Db, InvitationRow, UserRow } from '../../../db/database.js';
import type { Deps, RequestMeta } from '../../deps.js';
import { Conflict, Forbidden, Gone, NotFound } from '../../errors.js';
import { text } from '../../i18n/index.js';
import { type Actor, scopeOf } from '../../lib/access.js';
import { type Position, toPage } from '../../lib/pagination.js';
import { assertPasswordFits } from '../../lib/password-policy.js';
import { hashPassword } from '../../lib/passwords.js';
import { hashToken, newOpaqueToken } from '../../lib/tokens.js';
import { findUserByEmail, insertUser } from '../accounts/accounts.repository.js';
import { toAccount } from '../accounts/accounts.service.js';
import { recordAudit } from '../audit/audit.repository.js';
import { openSession, type SignedIn } from '../auth/auth.service.js';
import { INVITATION_TTL_MS } from '../auth/policy.js';
import { findOperator } from '../operators/operators.repository.js';
import { composeEmail, consoleLink } from '../outbox/compose.js';
import { enqueueEmail } from '../outbox/outbox.repository.js';
import { findStructure } from '../structures/structures.repository.js';
import { INVITATION_LINK_PATH, invitationEmail } from './invitations.emails.js';
import {
  findInvitation,
  findInvitationByToken,
  findInvitationByTokenForUpdate,
  findOpenInvitationsFor,
  insertInvitation,
  type InvitationStatus,
  listInvitations,
  listInvitationsOf,
  markInvitationAccepted,
  markInvitationRevoked,
  revokeInvitations,
} from './invitations.repository.js';

export type NewInvitation =
  | { role: 'coordinator'; operatorId: string; email: string; fullName?: string | undefined }
  | { role: 'structure_member'; structureId: string; email: string; fullName?: string | undefined };

function statusOf(row: InvitationRow, now: Date): InvitationStatus {
  if (row.accepted_at) return 'accepted';
  if (row.revoked_at) return 'revoked';
  return row.expires_at <= now ? 'expired' : 'pending';
}

/**
 * Who may withdraw or replace an invitation: an admin any; a coordinator those of members of
 * their operator's structures — not a coordinator's, which only an admin may issue.
 */
function mayManage(actor: Actor, invitation: Pick<InvitationRow, 'role'> & { structure_operator_id: string | null }): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'coordinator' && invitation.role === 'structure_member' && invitation.structure_operator_id === actor.operatorId;
}

/** Refuses an invitation that can no longer be accepted, saying why. */
function assertUsable(invitation: InvitationRow | undefined, now: Date): asserts invitation is InvitationRow {
  if (!invitation) throw new NotFound('invitation');
  switch (statusOf(invitation, now)) {
    case 'accepted':
      throw new Gone(text('invitation.used'));
    case 'revoked':
      throw new Gone(text('invitation.revoked'));
    case 'expired':
      throw new Gone(text('invitation.expired'));
    case 'pending':
      return;
  }
}

function toInvitation(row: InvitationRow, now: Date) {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    fullName: row.full_name,
    operatorId: row.operator_id,
    structureId: row.structure_id,
    status: statusOf(row, now),
    invitedBy: row.invited_by,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    acceptedAt: row.accepted_at?.toISOString() ?? null,
  };
}

/** Where the invitation's e-mail sends the invitee: the console's page, made absolute when the message is sent. */
export function invitationLink(token: string): string {
  return consoleLink(`${INVITATION_LINK_PATH}?jeton=${encodeURIComponent(token)}`);
}

/**
 * An admin invites coordinators of an operator; a coordinator invites members of their
 * operator's structures (an admin may too). The token is stored hashed; it is returned once
 * and e-mailed to the invitee (through the outbox, in the same transaction) in a link to the
 * console's acceptance page (`consoleLink`: the worker makes it absolute with PUBLIC_URL).
 */
export async function createInvitation(deps: Deps, actor: Actor, input: NewInvitation) {
  if (input.role === 'coordinator' && actor.role !== 'admin') {
    throw new Forbidden(text('invitation.adminInvitesCoordinators'));
  }
  const now = deps.clock();
  const token = newOpaqueToken();
  const row = await deps.db.transaction().execute(async (trx) => {
    const scope = scopeOf(actor);
    const where =
      input.role === 'coordinator' ? (await findOperator(trx, input.operatorId, scope))?.name : (await findStructure(trx, input.structureId, scope))?.name;
    if (where === undefined) throw input.role === 'coordinator' ? new NotFound('operator') : new NotFound('structure');
    if (await findUserByEmail(trx, input.email)) {
      throw new Conflict(text('auth.emailTakenShort'), { field: 'email' });
    }
    // Inviting again replaces the open invitations the caller manages. Those of others (another
    // operator's, an admin's invitation of a coordinator) stand beside the new one, and the
    // answer is the same as for a free address: refusing would tell the caller that someone
    // else invited this person. The invitee receives both and chooses.
    const open = await findOpenInvitationsFor(trx, input.email);
    const replaced = open.filter((invitation) => mayManage(actor, invitation)).map((invitation) => invitation.id);
    await revokeInvitations(trx, replaced, now);
    const invitation = await insertInvitation(trx, {
      email: input.email,
      role: input.role,
      fullName: input.fullName ?? null,
      operatorId: input.role === 'coordinator' ? input.operatorId : null,
      structureId: input.role === 'structure_member' ? input.structureId : null,
      tokenHash: hashToken(token),
      invitedBy: actor.userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    });
    await recordAudit(trx, {
      actorId: actor.userId,
      action: 'invitation.created',
      entityType: 'invitation',
      entityId: invitation.id,
      after: { ...toInvitation(invitation, now), replaces: replaced },
    });
    const email = invitationEmail({ link: invitationLink(token), role: input.role, where, expiresAt: invitation.expires_at });
    await enqueueEmail(trx, { userId: null, to: invitation.email, kind: 'invitation', ...composeEmail(email) }, now);
    return invitation;
  });
  return { ...toInvitation(row, now), token, acceptPath: `/invitations/${token}/accept` };
}

export async function listInvitationsFor(
  deps: Deps,
  actor: Actor,
  query: { status?: InvitationStatus | undefined; q?: string | undefined; limit: number; cursor?: Position | undefined },
) {
  const now = deps.clock();
  const rows = await listInvitations(deps.db, scopeOf(actor), {
    limit: query.limit,
    after: query.cursor,
    status: query.status,
    q: query.q,
    now,
  });
  return toPage(rows, query.limit, (r) => [r.cursor_at, r.id], (r) => toInvitation(r, now));
}

export async function revokeInvitation(deps: Deps, actor: Actor, id: string) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const row = await findInvitation(trx, id, scopeOf(actor));
    if (!row) throw new NotFound('invitation');
    if (!mayManage(actor, row)) throw new Forbidden(text('invitation.adminWithdrawsCoordinators'));
    const before = toInvitation(row, now);
    if (!(await markInvitationRevoked(trx, id, now))) {
      throw new Conflict(text('invitation.notWithdrawable', { status: before.status }), {
        currentState: before.status,
      });
    }
    const after = { ...before, status: 'revoked' as const };
    await recordAudit(trx, { actorId: actor.userId, action: 'invitation.revoked', entityType: 'invitation', entityId: id, before, after });
    return after;
  });
}

/**
 * The invitee sets a password: the account is created with the invited role and scope, and
 * signed in by `open` in the same transaction (by default an API session; the console opens a
 * cookie session).
 */
export async function acceptInvitation<T = SignedIn>(
  deps: Deps,
  token: string,
  input: { password: string; fullName?: string | undefined },
  meta: RequestMeta,
  open?: (trx: Db, user: UserRow) => Promise<T>,
): Promise<T> {
  const now = deps.clock();
  const tokenHash = hashToken(token);
  // Checked before the (deliberately costly) password hash, so that a stranger's guesses cost
  // a lookup only; checked again below under a row lock, for a concurrent acceptance.
  const pending = await findInvitationByToken(deps.db, tokenHash);
  assertUsable(pending, now);
  assertPasswordFits(input.password, [pending.email, input.fullName ?? pending.full_name]);
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    const invitation = await findInvitationByTokenForUpdate(trx, tokenHash);
    assertUsable(invitation, now);
    if (await findUserByEmail(trx, invitation.email)) {
      throw new Conflict(text('auth.emailTaken'));
    }
    const user = await insertUser(trx, {
      email: invitation.email,
      password_hash: passwordHash,
      role: invitation.role,
      full_name: input.fullName ?? invitation.full_name,
      operator_id: invitation.operator_id,
      structure_id: invitation.structure_id,
      created_at: now,
      updated_at: now,
    });
    if (!(await markInvitationAccepted(trx, invitation.id, user.id, now))) {
      throw new Gone(text('invitation.used'));
    }
    await recordAudit(trx, {
      actorId: user.id,
      action: 'invitation.accepted',
      entityType: 'invitation',
      entityId: invitation.id,
      before: toInvitation(invitation, now),
      after: { status: 'accepted', user: toAccount(user) },
    });
    return open ? open(trx, user) : (openSession(deps, trx, user, meta) as Promise<T>);
  });
}

/** The invitations of a structure's members (the structure as the actor may see it), newest first, at most 100. */
export async function listStructureInvitations(deps: Deps, actor: Actor, structureId: string) {
  if (!(await findStructure(deps.db, structureId, scopeOf(actor)))) throw new NotFound('structure');
  const now = deps.clock();
  return (await listInvitationsOf(deps.db, { structureId }, 100)).map((row) => toInvitation(row, now));
}

/** The invitations of coordinators, every operator's (admins only), newest first, at most 100. */
export async function listCoordinatorInvitations(deps: Deps, actor: Actor) {
  if (actor.role !== 'admin') throw new Forbidden(text('invitation.adminInvitesCoordinators'));
  const now = deps.clock();
  return (await listInvitationsOf(deps.db, { role: 'coordinator' }, 100)).map((row) => ({ ...toInvitation(row, now), operatorName: row.operator_name }));
}

/**
 * What the link's holder is invited to, for the acceptance page: the address, the role, the
 * operator or structure by name. A used, withdrawn or expired token is a 410 saying which, an
 * unknown one a 404 (as accepting it would).
 */
export async function describeInvitation(deps: Deps, token: string) {
  const invitation = await findInvitationByToken(deps.db, hashToken(token));
  assertUsable(invitation, deps.clock());
  const where =
    invitation.role === 'coordinator'
      ? (await deps.db.selectFrom('operators').select('name').where('id', '=', invitation.operator_id!).executeTakeFirst())?.name
      : (await deps.db.selectFrom('structures').select('name').where('id', '=', invitation.structure_id!).executeTakeFirst())?.name;
  return { email: invitation.email, role: invitation.role, fullName: invitation.full_name, where: where ?? '', expiresAt: invitation.expires_at.toISOString() };
}
