import { createHash, randomBytes } from 'node:crypto';

/**
 * Opaque one-time secrets (refresh tokens, invitation tokens): 256 random bits, base64url.
 * Only their SHA-256 is stored; with that much entropy a fast hash is enough (no dictionary
 * to try), and a leaked table holds nothing that can be replayed.
 */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
