import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Role } from '../../db/database.js';
import type { Deps } from '../deps.js';
import type { PasswordResetRequests } from '../modules/password-reset/password-reset.service.js';
import type { PlacementSolver } from '../modules/placement-runs/runs.solver.js';
import { DomainError, Forbidden, NotFound, TooManyRequests, Unauthorized } from '../errors.js';
import { statusOf } from './forms.js';
import { ErrorPage, type ErrorPageKind } from './errors.pages.js';
import { renderToString } from 'preact-render-to-string';
import { type PageContext, pageContext, sendPage } from './render.js';
import { COOKIE_SESSION_POLICY, type WebUser } from './session.js';

/** What the pages' route files get from the console plugin, and the guards they use. */

/** What the pages' route files receive. */
export interface Web {
  readonly deps: Deps;
  readonly passwordResets: PasswordResetRequests;
  /** The app's placement solver (its worker pool), shared with the API's runs. */
  readonly solver: PlacementSolver;
  /** Where people reach the console (config.publicUrl): the start of every link sent out. */
  readonly publicUrl: string;
  readonly session: {
    readonly cookie: string;
    readonly secure: boolean;
  };
}

/**
 * Route guard of a page for signed-in people: without a session, to the sign-in page (coming
 * back afterwards); with a role not given, the 403 page. `request.actor` is then set.
 */
export function signedIn(...roles: Role[]): onRequestAsyncHookHandler {
  return async (request, reply) => {
    const session = request.webSession;
    if (!session) return redirectToSignIn(request, reply);
    if (roles.length > 0 && !roles.includes(session.actor.role)) return sendErrorPage(request, reply, 403, 'forbidden');
  };
}

/** The guard of the staff's pages (/gestion): structure members, coordinators, admins. */
export const staffOnly = (): onRequestAsyncHookHandler => signedIn('structure_member', 'coordinator', 'admin');
/** The guard of the coordination's pages: coordinators and admins. */
export const coordinationOnly = (): onRequestAsyncHookHandler => signedIn('coordinator', 'admin');
/** The guard of the admin's pages (/admin). */
export const adminOnly = (): onRequestAsyncHookHandler => signedIn('admin');

/**
 * The 404 page outside the console's scope, for an address nobody serves: with the menu of the
 * person signed in (`user`), but no CSRF token there (the menu links to the sign-out page).
 */
export function notFoundPageHtml(requestId: string, user: WebUser | null): string {
  const ctx: PageContext = { user, csrfToken: '', path: '', flash: undefined, requestId };
  return `<!doctype html>${renderToString(<ErrorPage ctx={ctx} kind="not-found" />)}`;
}

export function acceptsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

/** Sends the French page of a refusal or a failure. */
export function sendErrorPage(request: FastifyRequest, reply: FastifyReply, status: number, kind: ErrorPageKind, detail?: string): FastifyReply {
  let ctx: PageContext;
  try {
    ctx = pageContext(request, reply);
  } catch {
    ctx = { user: null, csrfToken: '', path: request.url, flash: undefined, requestId: String(request.id) };
  }
  return sendPage(reply, <ErrorPage ctx={ctx} kind={kind} detail={detail} />, status);
}

/**
 * The pages' error handler. A form that a service refuses is sent back by its own route (with
 * what was typed); what reaches here is a page that cannot be shown at all.
 */
export function pageErrorHandler(this: FastifyInstance, error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
    return sendErrorPage(request, reply, 403, 'csrf');
  }
  if (error instanceof Unauthorized) return redirectToSignIn(request, reply);
  if (error instanceof NotFound) return sendErrorPage(request, reply, 404, 'not-found');
  if (error instanceof Forbidden) return sendErrorPage(request, reply, 403, 'forbidden', error.message);
  if (error instanceof TooManyRequests) {
    reply.header('retry-after', String(error.retryAfterSeconds));
    return sendErrorPage(request, reply, 429, 'too-many', error.message);
  }
  // A refusal outside a form (a closed forum's page, say): the API's status for the same error.
  if (error instanceof DomainError) return sendErrorPage(request, reply, statusOf(error), 'other', error.message);
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return sendErrorPage(request, reply, status, status === 404 ? 'not-found' : 'other');
  request.log.error({ err: error }, 'unhandled error on a page');
  return sendErrorPage(request, reply, 500, 'internal');
}

/** To the sign-in page, coming back here afterwards (a GET; after a POST, to the sign-in alone). */
export function redirectToSignIn(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const location = request.method === 'GET' ? `/connexion?next=${encodeURIComponent(request.url)}` : '/connexion';
  if (request.headers['hx-request'] === 'true') return reply.code(204).header('hx-redirect', location).send();
  return reply.redirect(location, request.method === 'GET' ? 302 : 303);
}

/** The session cookie: HttpOnly, SameSite=Lax, Secure outside development and test; dropped by the browser at the absolute expiry. */
export function setSessionCookie(web: Web, reply: FastifyReply, token: string): void {
  reply.setCookie(web.session.cookie, token, {
    path: '/',
    httpOnly: true,
    secure: web.session.secure,
    sameSite: 'lax',
    maxAge: Math.floor(COOKIE_SESSION_POLICY.absoluteMs / 1000),
  });
}

export function clearSessionCookie(web: Web, reply: FastifyReply): void {
  reply.clearCookie(web.session.cookie, { path: '/', httpOnly: true, secure: web.session.secure, sameSite: 'lax' });
}
