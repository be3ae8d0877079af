import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { WebUser } from './session.js';

/**
 * What every page needs from the request: who is signed in (the header's menu), the CSRF token
 * (every form, and htmx's header through the <meta>), the path (the menu's current item) and
 * the one-shot message left by the previous page (« Vous êtes connecté »).
 */
export interface PageContext {
  readonly user: WebUser | null;
  readonly csrfToken: string;
  readonly path: string;
  readonly flash: FlashKey | undefined;
  readonly requestId: string;
}

/** One-shot messages a redirect leaves for the next page; their text is in layout.tsx. */
export const FLASH_KEYS = ['signed-in', 'signed-out', 'signed-up', 'password-changed', 'password-reset', 'application-sent', 'application-withdrawn', 'offer-accepted', 'offer-declined'] as const;
export type FlashKey = (typeof FLASH_KEYS)[number];

export const FLASH_COOKIE = 'binome_flash';

export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  const session = request.webSession;
  let flash: FlashKey | undefined;
  const raw = request.cookies[FLASH_COOKIE];
  if (raw) {
    const value = reply.unsignCookie(raw);
    if (value.valid && (FLASH_KEYS as readonly string[]).includes(value.value ?? '')) flash = value.value as FlashKey;
    reply.clearCookie(FLASH_COOKIE, { path: '/' });
  }
  return {
    user: session?.user ?? null,
    csrfToken: reply.generateCsrf({ userInfo: csrfUserInfo(request) }),
    path: request.url.split('?')[0] ?? '/',
    flash,
    requestId: String(request.id),
  };
}

/** Leaves a one-shot message for the page the redirect leads to. */
export function setFlash(reply: FastifyReply, key: FlashKey): void {
  reply.setCookie(FLASH_COOKIE, key, { path: '/', httpOnly: true, sameSite: 'lax', signed: true, maxAge: 60 });
}

/**
 * Sends a page. preact-render-to-string escapes every text and attribute value, so a name
 * holding `<script>` stays text. Pages are never cached: they carry a CSRF token and, once
 * signed in, personal data.
 */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(`<!doctype html>${renderToString(page)}`);
}

/** After a POST: the browser GETs the next page (303), or htmx navigates there. */
export function redirectAfterPost(request: FastifyRequest, reply: FastifyReply, location: string): FastifyReply {
  if (request.headers['hx-request'] === 'true') return reply.code(204).header('hx-redirect', location).send();
  return reply.redirect(location, 303);
}

/**
 * A `next` parameter made safe to redirect to: a path of this site (never `//host`, a scheme or
 * a backslash trick), or undefined.
 */
export function localPath(next: unknown): string | undefined {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined;
  if ([...next].some((c) => c.charCodeAt(0) < 32 || c === '\\')) return undefined;
  const base = 'http://binome.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return undefined;
  }
  if (url.origin !== base) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** What a CSRF token is bound to: the session, or the anonymous visitor (the library refuses an empty value). */
export function csrfUserInfo(request: FastifyRequest): string {
  return request.webSession?.id ?? 'anonymous';
}
