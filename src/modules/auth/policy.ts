/**
 * Lifetimes and limits of authentication, in one place (docs/rules.md, "API security"; RFC 8725).
 */
export const JWT_ALGORITHM = 'HS256';
export const JWT_ISSUER = 'binome';
export const JWT_AUDIENCE = 'binome-api';
/** Access tokens live 15 minutes at most. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** A refresh token may be used once, within 30 days; each use issues the next one. */
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;
/** A session (one login) ends after 90 days whatever the refreshes: then log in again. */
export const SESSION_TTL_MS = 90 * 24 * 3600 * 1000;
/** Invitations are one-time and expire after 7 days. */
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

/** Failed logins allowed per window before 429, per account and per client address. */
export interface LoginThrottle {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}
export const LOGIN_THROTTLE: LoginThrottle = { perAccount: 5, perAddress: 20, windowMs: 15 * 60 * 1000 };

/**
 * Unauthenticated routes that cost a password hash or a token lookup, limited per address
 * (IPv4, or IPv6 /64). Generous enough for a room of candidates signing up together at an
 * information meeting behind one address.
 */
export const ADDRESS_LIMITS = {
  register: { max: 30, timeWindow: 15 * 60 * 1000 },
  acceptInvitation: { max: 20, timeWindow: 15 * 60 * 1000 },
  refresh: { max: 60, timeWindow: 60 * 1000 },
} as const;
