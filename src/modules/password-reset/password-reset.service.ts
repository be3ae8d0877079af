import type { Deps } from '../../deps.js';
import { Gone } from '../../errors.js';
import { text } from '../../i18n/index.js';
import { assertPasswordFits } from '../../lib/password-policy.js';
import { hashPassword } from '../../lib/passwords.js';
import { hashToken, newOpaqueToken } from '../../lib/tokens.js';
import { findUserByEmail, findUserById, updatePasswordHash } from '../accounts/accounts.repository.js';
import { recordAudit } from '../audit/audit.repository.js';
import { revokeUserSessions } from '../auth/sessions.repository.js';
import { composeEmail, consoleLink } from '../outbox/compose.js';
import { enqueueEmail } from '../outbox/outbox.repository.js';
import { passwordChangedEmail } from './password-changed.email.js';
import { passwordResetEmail } from './password-reset.emails.js';
import {
  countRecentResetTokens,
  findResetTokenForUpdate,
  insertResetToken,
  lockUserForReset,
  markResetTokenUsed,
  retireResetTokens,
} from './password-reset.repository.js';

/**
 * Forgotten passwords: a one-time link by e-mail, valid one hour, stored hashed. The request
 * answers the same whether an account has the address or not, and in the same time (no account
 * enumeration): the answer does not wait for the work (`PasswordResetRequests`), and the e-mail
 * goes through the outbox.
 */
export const PASSWORD_RESET_POLICY = {
  ttlMs: 60 * 60 * 1000,
  /** At most this many links per account per `ttlMs`: more requests are answered alike but send nothing. */
  maxPerAccount: 3,
} as const;

/** The console's page the link opens (src/web/account); the token goes in `?jeton=`. */
export const RESET_LINK_PATH = '/nouveau-mot-de-passe';

/**
 * Password-reset requests, worked on after the answer: writing a token and an e-mail takes
 * measurably longer than finding no account (twice as long on PGlite), so an answer that
 * waited for it would tell who has an account. Closing the app waits for the requests under
 * way. One per app (app.ts), shared by the API's route and the console's page.
 */
export interface PasswordResetRequests {
  /** Starts the work for this address and returns at once; a failure is logged. */
  start(input: { email: string }, log: { error(obj: object, msg: string): void }): void;
  /** Resolves when no request is under way (closing the app, tests). */
  idle(): Promise<void>;
}

export function passwordResetRequests(deps: Deps): PasswordResetRequests {
  const running = new Set<Promise<void>>();
  return {
    start(input, log) {
      // After the answer is written: on PGlite the queries run on this thread, and started
      // at once they would hold the answer back by as long as they take.
      const work = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => requestPasswordReset(deps, input))
        .catch((err: unknown) => log.error({ err }, 'a password reset request failed'))
        .finally(() => running.delete(work));
      running.add(work);
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

export async function requestPasswordReset(deps: Deps, input: { email: string }): Promise<void> {
  const user = await findUserByEmail(deps.db, input.email);
  // An anonymised account has an address nobody holds; it gets nothing either.
  if (!user || user.anonymised_at) return;
  const now = deps.clock();
  const token = newOpaqueToken();
  await deps.db.transaction().execute(async (trx) => {
    // One request of an account at a time: the cap and "only the newest link works" hold
    // under concurrent requests.
    await lockUserForReset(trx, user.id);
    const recent = await countRecentResetTokens(trx, user.id, new Date(now.getTime() - PASSWORD_RESET_POLICY.ttlMs));
    if (recent >= PASSWORD_RESET_POLICY.maxPerAccount) return;
    await retireResetTokens(trx, user.id, now);
    await insertResetToken(trx, { userId: user.id, tokenHash: hashToken(token), createdAt: now, expiresAt: new Date(now.getTime() + PASSWORD_RESET_POLICY.ttlMs) });
    const link = consoleLink(`${RESET_LINK_PATH}?jeton=${encodeURIComponent(token)}`);
    const email = passwordResetEmail({ link, validMinutes: PASSWORD_RESET_POLICY.ttlMs / 60_000 });
    await enqueueEmail(trx, { userId: user.id, to: user.email, kind: 'password-reset', ...composeEmail(email) }, now);
    await recordAudit(trx, { actorId: user.id, action: 'user.password-reset-requested', entityType: 'user', entityId: user.id });
  });
}

/**
 * Sets the new password with the link's token: once, within the hour. Every session of the
 * account ends (whoever knew the old password is signed out) and the account's other links die.
 */
export async function confirmPasswordReset(deps: Deps, input: { token: string; password: string }): Promise<void> {
  const tokenHash = hashToken(input.token);
  // The hash is computed before the transaction: Argon2 takes tens of milliseconds, and the
  // row lock should not be held meanwhile. A bad token costs it too, which hides nothing.
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock();
  const done = await deps.db.transaction().execute(async (trx) => {
    const row = await findResetTokenForUpdate(trx, tokenHash);
    if (!row || row.used_at || row.expires_at <= now || row.anonymised_at) return false;
    // Only now is the account known: a password built on its name or e-mail is refused, and the
    // transaction, rolled back, leaves the link usable for a better one.
    const user = await findUserById(trx, row.user_id);
    assertPasswordFits(input.password, [user?.email, user?.full_name]);
    if (!(await markResetTokenUsed(trx, row.id, now))) return false;
    await updatePasswordHash(trx, row.user_id, passwordHash, now);
    await retireResetTokens(trx, row.user_id, now);
    const ended = await revokeUserSessions(trx, row.user_id, 'password-changed', now);
    // Whoever holds the mailbox learns of it, and how to take the account back.
    await enqueueEmail(trx, { userId: row.user_id, to: row.email, kind: 'password-changed', ...composeEmail(passwordChangedEmail({ firstName: null, at: now, how: 'reset' })) }, now);
    await recordAudit(trx, { actorId: row.user_id, action: 'user.password-reset', entityType: 'user', entityId: row.user_id, after: { sessionsEnded: ended } });
    return true;
  });
  if (!done) throw new Gone(text('passwordReset.linkGone'));
}

/** Per address (IPv4, or IPv6 /64), for the API's routes and the console's pages alike. */
export const PASSWORD_RESET_LIMITS = {
  request: { max: 20, timeWindow: 15 * 60 * 1000 },
  confirm: { max: 20, timeWindow: 15 * 60 * 1000 },
} as const;
