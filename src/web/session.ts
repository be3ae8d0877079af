import type { Db, Role, UserRow } from '../../db/database.js';
import type { Deps, RequestMeta } from '../deps.js';
import type { Actor } from '../lib/access.js';
import { hashToken, newOpaqueToken } from '../lib/tokens.js';
import { findCookieSession, insertSession, touchCookieSession } from '../modules/auth/sessions.repository.js';

/**
 * The console's sessions. The browser holds an opaque 256-bit secret in an HttpOnly cookie; the
 * server keeps its SHA-256 on a row of `sessions`, the table of the API's sessions, so that a
 * sign-out, a password change or an account's anonymisation ends console sessions as it ends
 * API ones (they revoke the user's rows). A session ends after `idleMs` without a request or
 * `absoluteMs` after the sign-in, whichever comes first.
 */
export const COOKIE_SESSION_POLICY = {
  idleMs: 2 * 3600 * 1000,
  absoluteMs: 12 * 3600 * 1000,
  /** `last_seen_at` is written at most this often: not one write per page. */
  touchEveryMs: 60 * 1000,
} as const;

/** The session cookie's name: `__Host-` when it is Secure (the browser then refuses it from a subdomain or another path). */
export function sessionCookieName(secure: boolean): string {
  return `${secure ? '__Host-' : ''}binome_session`;
}

/** Who is signed in, as the pages show it. */
export interface WebUser {
  readonly id: string;
  readonly email: string;
  readonly fullName: string | null;
  readonly role: Role;
}

export interface WebSession {
  readonly id: string;
  readonly actor: Actor;
  readonly user: WebUser;
}

/** Opens a console session for the user in `db`'s transaction; returns the cookie's secret. */
export async function openCookieSession(deps: Pick<Deps, 'clock'>, db: Db, user: UserRow, meta: RequestMeta): Promise<string> {
  const now = deps.clock();
  const token = newOpaqueToken();
  await insertSession(db, {
    userId: user.id,
    cookieTokenHash: hashToken(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + COOKIE_SESSION_POLICY.absoluteMs),
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  return token;
}

/** The open session a cookie's secret names, or undefined (unknown, revoked, expired, idle too long). */
export async function readCookieSession(deps: Pick<Deps, 'db' | 'clock'>, token: string): Promise<WebSession | undefined> {
  // A secret is 43 base64url characters: anything else is not worth a query.
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const row = await findCookieSession(deps.db, hashToken(token));
  const now = deps.clock();
  if (!row || row.revoked_at || row.expires_at <= now || !row.last_seen_at) return undefined;
  const idleFor = now.getTime() - row.last_seen_at.getTime();
  if (idleFor >= COOKIE_SESSION_POLICY.idleMs) return undefined;
  if (idleFor >= COOKIE_SESSION_POLICY.touchEveryMs) await touchCookieSession(deps.db, row.session_id, now);
  return {
    id: row.session_id,
    // Role and scope come from the database at every request: a change applies at once.
    actor: {
      userId: row.user_id,
      role: row.role,
      sessionId: row.session_id,
      operatorId: row.operator_id ?? row.structure_operator_id,
      structureId: row.structure_id,
    },
    user: { id: row.user_id, email: row.email, fullName: row.full_name, role: row.role },
  };
}
