import type { Db, UserRow } from '../../../db/database.js';
import type { Deps, RequestMeta } from '../../deps.js';
import { Conflict, Invalid, Unauthorized } from '../../errors.js';
import { text } from '../../i18n/index.js';
import type { Actor } from '../../lib/access.js';
import { assertPasswordFits } from '../../lib/password-policy.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../lib/passwords.js';
import { hashToken, newOpaqueToken } from '../../lib/tokens.js';
import { findUserByEmail, findUserById, insertUser, touchLastLogin, updatePasswordHash } from '../accounts/accounts.repository.js';
import { type Account, toAccount } from '../accounts/accounts.service.js';
import { recordAudit } from '../audit/audit.repository.js';
import { composeEmail } from '../outbox/compose.js';
import { enqueueEmail } from '../outbox/outbox.repository.js';
import { passwordChangedEmail } from '../password-reset/password-changed.email.js';
import { accountCreatedEmail } from './account-created.email.js';
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_MS, SESSION_TTL_MS } from './policy.js';
import {
  findRefreshTokenForUpdate,
  insertRefreshToken,
  insertSession,
  markRefreshTokenUsed,
  revokeSession,
  revokeUserSessions,
} from './sessions.repository.js';

export interface Tokens {
  tokenType: 'Bearer';
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
}

export interface SignedIn extends Tokens {
  user: Account;
}

const INVALID_CREDENTIALS = text('auth.invalidCredentials');

/** Opens a session for the user and issues its first refresh token, inside `db`'s transaction. */
export async function openSession(deps: Deps, db: Db, user: UserRow, meta: RequestMeta): Promise<SignedIn> {
  const now = deps.clock();
  const sessionId = await insertSession(db, {
    userId: user.id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  const refreshToken = newOpaqueToken();
  await insertRefreshToken(db, {
    sessionId,
    tokenHash: hashToken(refreshToken),
    createdAt: now,
    expiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_MS),
  });
  return { ...issueTokens(deps, user, sessionId, refreshToken), user: toAccount(user) };
}

function issueTokens(deps: Deps, user: Pick<UserRow, 'id' | 'role'>, sessionId: string, refreshToken: string): Tokens {
  return {
    tokenType: 'Bearer',
    accessToken: deps.signAccessToken({ sub: user.id, sid: sessionId, role: user.role }),
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    refreshToken,
  };
}

/** Candidates sign themselves up; every other role comes through an invitation. */
export async function register(
  deps: Deps,
  input: { email: string; password: string; fullName?: string | undefined },
  meta: RequestMeta,
): Promise<SignedIn> {
  return createCandidateAccount(deps, input, (trx, user) => openSession(deps, trx, user, meta));
}

/**
 * The account of a candidate who signs up; `signIn` opens their first session in the same
 * transaction (a token session for the API, a cookie session for the console).
 */
export async function createCandidateAccount<T>(
  deps: Deps,
  input: { email: string; password: string; fullName?: string | undefined },
  signIn: (trx: Db, user: UserRow) => Promise<T>,
): Promise<T> {
  assertPasswordFits(input.password, [input.email, input.fullName]);
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, input.email)) {
      throw new Conflict(text('auth.emailTaken'), { field: 'email' });
    }
    const user = await insertUser(trx, {
      email: input.email,
      password_hash: passwordHash,
      role: 'candidate',
      full_name: input.fullName ?? null,
      created_at: deps.clock(),
      updated_at: deps.clock(),
    });
    await enqueueEmail(
      trx,
      { userId: user.id, to: user.email, kind: 'account.created', ...composeEmail(accountCreatedEmail({ firstName: input.fullName?.trim().split(/\s+/)[0] || null })) },
      deps.clock(),
    );
    await recordAudit(trx, {
      actorId: user.id,
      action: 'user.registered',
      entityType: 'user',
      entityId: user.id,
      after: toAccount(user),
    });
    return signIn(trx, user);
  });
}

/**
 * Same work, same answer for an unknown e-mail and a wrong password: both verify one Argon2id
 * hash and end in the same 401 (docs/rules.md). Throttling failed attempts is the route's job.
 */
export async function login(deps: Deps, input: { email: string; password: string }, meta: RequestMeta): Promise<SignedIn> {
  return signInWith(deps, input, (trx, user) => openSession(deps, trx, user, meta));
}

/**
 * Checks the credentials (the same way for the API and the console) and, when they are right,
 * records the sign-in and lets `open` open the session in the same transaction.
 */
export async function signInWith<T>(deps: Deps, input: { email: string; password: string }, open: (trx: Db, user: UserRow) => Promise<T>): Promise<T> {
  const user = await findUserByEmail(deps.db, input.email);
  const ok = user ? await verifyPassword(user.password_hash, input.password) : await verifyAgainstDummy(input.password);
  if (!user || !ok) throw new Unauthorized(INVALID_CREDENTIALS);
  return deps.db.transaction().execute(async (trx) => {
    await touchLastLogin(trx, user.id, deps.clock());
    return open(trx, user);
  });
}

/**
 * Rotates a refresh token: each one works once. Presenting one that was already used means it
 * was copied — by the user's other tab at best, by a thief at worst — so the whole session
 * (the token family, and the access tokens that carry its id) is revoked (OAuth 2.0 Security
 * BCP, RFC 9700 §4.14.2).
 */
export async function refresh(deps: Deps, refreshToken: string): Promise<Tokens> {
  const now = deps.clock();
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const token = await findRefreshTokenForUpdate(trx, hashToken(refreshToken));
    if (!token) return { kind: 'refused', detail: text('auth.refreshInvalid') } as const;
    if (token.session_revoked_at) return { kind: 'refused', detail: text('auth.sessionEnded') } as const;
    if (token.used_at || !(await markRefreshTokenUsed(trx, token.id, now))) {
      await revokeSession(trx, token.session_id, 'refresh-token-reuse', now);
      await recordAudit(trx, {
        actorId: token.user_id,
        action: 'session.revoked',
        entityType: 'session',
        entityId: token.session_id,
        after: { reason: 'refresh-token-reuse' },
      });
      return { kind: 'reused' } as const;
    }
    if (token.expires_at <= now || token.session_expires_at <= now) {
      return { kind: 'refused', detail: text('auth.refreshExpired') } as const;
    }
    const user = await findUserById(trx, token.user_id);
    const next = newOpaqueToken();
    await insertRefreshToken(trx, {
      sessionId: token.session_id,
      tokenHash: hashToken(next),
      createdAt: now,
      expiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_MS),
    });
    return { kind: 'rotated', tokens: issueTokens(deps, user!, token.session_id, next) } as const;
  });
  // The revocation above must be committed before answering, hence the error after the transaction.
  if (outcome.kind === 'reused') {
    throw new Unauthorized(text('auth.refreshReused'));
  }
  if (outcome.kind === 'refused') throw new Unauthorized(outcome.detail);
  return outcome.tokens;
}

/** Ends the caller's session, or all their sessions; their access tokens stop working at once. */
export async function logout(deps: Deps, actor: Actor, input: { allSessions: boolean }): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    if (input.allSessions) await revokeUserSessions(trx, actor.userId, 'logout-all', now);
    else await revokeSession(trx, actor.sessionId, 'logout', now);
    await recordAudit(trx, {
      actorId: actor.userId,
      action: input.allSessions ? 'user.logged-out-everywhere' : 'session.revoked',
      entityType: input.allSessions ? 'user' : 'session',
      entityId: input.allSessions ? actor.userId : actor.sessionId,
      after: { reason: input.allSessions ? 'logout-all' : 'logout' },
    });
  });
}

/** Changes the password after checking the current one; the other sessions are ended. */
export async function changePassword(
  deps: Deps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await findUserById(deps.db, actor.userId);
  if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new Invalid(text('auth.currentPasswordWrong'), [{ path: 'currentPassword', message: text('field.wrong') }]);
  }
  assertPasswordFits(input.newPassword, [user.email, user.full_name], 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await updatePasswordHash(trx, user.id, passwordHash, now);
    // The current session stays; every other one (another device, a thief) ends.
    const ended = await revokeUserSessions(trx, user.id, 'password-changed', now, actor.sessionId);
    // A thief who knew the old password may be the one who changed it: the mailbox hears of it.
    await enqueueEmail(trx, { userId: user.id, to: user.email, kind: 'password-changed', ...composeEmail(passwordChangedEmail({ firstName: null, at: now, how: 'changed' })) }, now);
    await recordAudit(trx, {
      actorId: user.id,
      action: 'user.password-changed',
      entityType: 'user',
      entityId: user.id,
      after: { otherSessionsEnded: ended },
    });
  });
}
