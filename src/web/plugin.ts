import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fastifyCookie } from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import type { Deps } from '../deps.js';
import type { PasswordResetRequests } from '../modules/password-reset/password-reset.service.js';
import type { PlacementSolver } from '../modules/placement-runs/runs.solver.js';
import { accountPages } from './account/account.routes.js';
import { adminPages } from './admin/admin.routes.js';
import { forumDayPages } from './forum-day/forum-day.routes.js';
import { missionEditorPages } from './mission-editor/mission-editor.routes.js';
import { placementPages } from './placement/placement.routes.js';
import { reviewPages } from './review/review.routes.js';
import { setupPages } from './setup/setup.routes.js';
import { staffPages } from './staff/staff.routes.js';
import { applicationPages } from './applications/applications.routes.js';
import { forumPages } from './forum/forum.routes.js';
import { printoutPages } from './printouts/printouts.routes.js';
import { homePages } from './home/home.routes.js';
import { missionPages } from './missions/missions.routes.js';
import { privacyPages } from './privacy/privacy.routes.js';
import { profilePages } from './profile/profile.routes.js';
import { projectPages } from './projects/projects.routes.js';
import { infoSessionPages } from './info-sessions/info-sessions.routes.js';
import { followUpPages } from './follow-up/follow-up.routes.js';
import { reportPages } from './report/report.routes.js';
import { acceptsHtml, notFoundPageHtml, pageErrorHandler, type Web } from './pages.js';
import { csrfUserInfo } from './render.js';
import { readCookieSession, sessionCookieName, type WebSession } from './session.js';

/**
 * The console: pages in French for people with a browser, served by the same app as the API,
 * beside it. Everything here is encapsulated in this plugin's scope — cookies, form bodies,
 * CSRF, the cookie session and the pages' error handler — so the JSON API keeps its bearer
 * tokens, its JSON bodies and its problem+json errors. Pages call the services directly.
 */

declare module 'fastify' {
  interface FastifyRequest {
    /** The console session of the cookie, when valid (then `request.actor` is its actor). */
    webSession: WebSession | null;
  }
}

export interface WebOptions {
  readonly config: Config;
  /** The app's signing key; the cookie and CSRF keys are derived from it. */
  readonly jwtSecret: string;
  /** The app's password-reset requests, shared with the API's route. */
  readonly passwordResets: PasswordResetRequests;
  /** The app's placement solver, shared with the API's routes. */
  readonly placementSolver: PlacementSolver;
}

const derive = (secret: string, purpose: string) => createHmac('sha256', secret).update(`binome:web:${purpose}`).digest('base64url');

/** The stylesheet and the script: read from src/web/static, also when running dist/ (the build compiles only TypeScript). */
function staticRoot(): string {
  const beside = fileURLToPath(new URL('./static/', import.meta.url));
  if (existsSync(beside)) return beside;
  return fileURLToPath(new URL('../../../src/web/static/', import.meta.url));
}
const HTMX_DIR = dirname(createRequire(import.meta.url).resolve('htmx.org/dist/htmx.min.js'));

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function webConsole(deps: Deps, options: WebOptions): FastifyPluginAsync {
  return async (app) => {
    // Secure cookies outside development and test (plain http on a laptop). With Secure, the
    // __Host- prefix also makes browsers refuse the cookie from a subdomain or another path.
    const secure = options.config.env === 'production';
    const prefix = secure ? '__Host-' : '';
    const web: Web = {
      deps,
      passwordResets: options.passwordResets,
      solver: options.placementSolver,
      publicUrl: options.config.publicUrl,
      session: { cookie: sessionCookieName(secure), secure },
    };

    await app.register(fastifyCookie, { secret: derive(options.jwtSecret, 'cookies') });
    await app.register(fastifyFormbody);
    // The CSRF secret lives in a signed cookie of the browser; each token is also bound to the
    // session (its id, or '' before signing in), so that a token from before a sign-in or a
    // sign-out, or from another person's session, is refused.
    await app.register(fastifyCsrf, {
      sessionPlugin: '@fastify/cookie',
      cookieKey: `${prefix}binome_csrf`,
      cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure, signed: true },
      getUserInfo: csrfUserInfo,
      csrfOpts: { hmacKey: derive(options.jwtSecret, 'csrf') },
    });

    await app.register(async (files) => {
      await files.register(fastifyStatic, { root: staticRoot(), prefix: '/static/', maxAge: '1h' });
      files.get('/static/htmx.min.js', { schema: { hide: true } }, (_request, reply) => reply.sendFile('htmx.min.js', HTMX_DIR, { maxAge: '1d' }));
    });

    app.decorateRequest('webSession', null);
    await app.register(async (pages) => {
      // Pages are not part of the API's OpenAPI document.
      pages.addHook('onRoute', (route) => {
        route.schema = { ...route.schema, hide: true };
      });
      pages.addHook('onRequest', async (request, reply) => {
        const token = request.cookies[web.session.cookie];
        if (!token) return;
        const session = await readCookieSession(deps, token);
        if (!session) {
          reply.clearCookie(web.session.cookie, { path: '/' });
          return;
        }
        request.webSession = session;
        // The services' authorisation works unchanged on the cookie's actor.
        request.actor = session.actor;
      });
      pages.addHook('preHandler', (request, reply, done) => {
        if (UNSAFE_METHODS.has(request.method)) pages.csrfProtection(request, reply, done);
        else done();
      });
      pages.setErrorHandler(pageErrorHandler);

      await pages.register(homePages(web));
      await pages.register(accountPages(web));
      await pages.register(applicationPages(web));
      await pages.register(profilePages(web, derive(options.jwtSecret, 'profile-draft')));
      await pages.register(privacyPages(web));
      await pages.register(missionPages(web));
      await pages.register(forumPages(web));
      await pages.register(printoutPages(web));
      // The staff's console (issue 14): one area per folder.
      await pages.register(staffPages());
      await pages.register(missionEditorPages(web));
      await pages.register(reviewPages(web));
      await pages.register(forumDayPages(web));
      await pages.register(placementPages(web));
      await pages.register(setupPages(web));
      await pages.register(adminPages(web));
      // The programme after placement (issue 16).
      await pages.register(projectPages(web));
      await pages.register(infoSessionPages(web));
      await pages.register(followUpPages(web));
      await pages.register(reportPages(web));
    });
  };
}


/**
 * The French 404 page for an unknown address a browser asks for (GET, `Accept: text/html`); any
 * other client keeps the API's problem+json. Registered at the root, beside `webConsole`: the
 * not-found handler is the root's (src/plugins/problem.ts), so the page replaces its answer.
 */
export function webNotFound(deps: Deps, config: Config) {
  const cookie = sessionCookieName(config.env === 'production');
  return fp(
    async (app) => {
      app.addHook('onSend', async (request, reply, payload) => {
        if (!request.is404 || reply.statusCode !== 404 || (request.method !== 'GET' && request.method !== 'HEAD') || !acceptsHtml(request)) return payload;
        reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
        // The cookie plugin lives in the console's scope: the header is read here. The menu is
        // the person's own, so that a mistyped address does not look like being signed out.
        const token = fastifyCookie.parse(request.headers.cookie ?? '')[cookie];
        const session = token ? await readCookieSession(deps, token) : undefined;
        return notFoundPageHtml(String(request.id), session?.user ?? null);
      });
    },
    { name: 'web-not-found' },
  );
}
