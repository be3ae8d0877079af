import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import type { Test } from 'tap';
import { setup, type TestContext } from '../helpers/app.js';
import { findChromium, HOW_TO_RUN } from './chromium.js';

/**
 * The browser tests' harness: the real app listening on a random port over this file's own
 * fresh database (test/helpers/app.ts: PGlite from the run's migrated template, or a PostgreSQL
 * database of its own when DATABASE_URL is set), headless Chromium driven by playwright-core,
 * a page per test and viewport, screenshots. The recipe is in the README (Tests → Browser tests).
 *
 * The app runs in the test's process (buildApp + listen), not as a spawned `npm start`: a page
 * test seeds its data with test/helpers/factories.ts on `suite.db`, moves `suite.clock` (an
 * offer's deadline, a forum's rounds) and reads the e-mails the app wrote in the outbox table —
 * none of which a separate process allows — and the file's database is a copy of the template
 * in about a second where a fresh server would create and migrate its own. The process itself
 * (environment, migrations at start, first admin, signals) is tested by test/server.test.ts.
 */

/** Where screenshots go (git-ignored): test-results/screenshots/<name>-<viewport>.png. */
export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

export interface Viewport {
  name: 'desktop' | 'mobile';
  width: number;
  height: number;
  isMobile: boolean;
  hasTouch: boolean;
}

export const DESKTOP: Viewport = { name: 'desktop', width: 1280, height: 800, isMobile: false, hasTouch: false };
/** A small phone (the candidates' first-class layout): 360 px wide, the meta viewport honoured, touch. */
export const MOBILE: Viewport = { name: 'mobile', width: 360, height: 740, isMobile: true, hasTouch: true };
export const VIEWPORTS: readonly Viewport[] = [DESKTOP, MOBILE];

/**
 * Chromium's flags for a container: /dev/shm is often 64 MB there, too small for Chromium's
 * shared memory (it then crashes tabs), so it writes to /tmp instead; no GPU. Playwright
 * already passes --no-sandbox (its `chromiumSandbox` is off by default), which Chromium
 * requires when it runs as root, as CI does.
 */
export const CHROMIUM_ARGS = ['--disable-dev-shm-usage', '--disable-gpu'];

/** How long an action or an expectation waits before failing (Playwright's own default is 30 s). */
export const ACTION_TIMEOUT_MS = 15_000;

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** Headless Chromium for this file, closed when the file ends. */
export async function launchBrowser(t: Teardown): Promise<Browser> {
  const lookup = findChromium();
  if (!lookup.found) throw new Error(`the browser tests need Chromium: ${lookup.reason}; ${HOW_TO_RUN}`);
  const browser = await chromium.launch({ executablePath: lookup.path, headless: true, args: CHROMIUM_ARGS });
  t.teardown(() => browser.close());
  return browser;
}

export interface BrowserSuite extends TestContext {
  /** http://127.0.0.1:PORT — pages' relative URLs (`page.goto('/')`) resolve against it. */
  url: string;
  browser: Browser;
  /** A new page (in a context of its own: no cookie shared) at this viewport, closed when `t` ends. */
  page(t: Test, viewport: Viewport, options?: BrowserContextOptions): Promise<Page>;
  /**
   * `fn` once per viewport, each in a subtest `<name> (desktop)` / `<name> (mobile)` with a page of
   * its own; then asserts the page logged no uncaught exception, console error or CSP refusal.
   */
  atViewports(t: Test, name: string, fn: (t: Test, page: Page, viewport: Viewport) => Promise<void>, viewports?: readonly Viewport[]): void;
}

/**
 * The real app on a fresh database, listening on 127.0.0.1 and a random port, and Chromium.
 * Call once at the top of a test file (`const suite = await browserSuite(t)`); options are
 * test/helpers/app.ts's (env, loginThrottle…).
 */
export async function browserSuite(t: Test, options?: Parameters<typeof setup>[1]): Promise<BrowserSuite> {
  const ctx = await setup(t, options);
  const url = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchBrowser(t);
  const page = (t: Test, viewport: Viewport, options?: BrowserContextOptions) => openPage(t, browser, url, viewport, options);
  return {
    ...ctx,
    url,
    browser,
    page,
    atViewports(t, name, fn, viewports = VIEWPORTS) {
      for (const viewport of viewports) {
        void t.test(`${name} (${viewport.name})`, async (t) => {
          const opened = await page(t, viewport);
          await fn(t, opened, viewport);
          expectNoPageErrors(t, opened);
        });
      }
    },
  };
}

const pageViewports = new WeakMap<Page, Viewport>();
interface PageLog {
  errors: { text: string; url: string }[];
  /** The URLs the page navigated to: an error status there is the test's to assert, not a fault. */
  documents: Set<string>;
}
const pageLogs = new WeakMap<Page, PageLog>();

/**
 * A page at `viewport`, in a browser context of its own (cookies, storage) set as a French
 * visitor's: fr-FR, Europe/Paris, light scheme, reduced motion. When `t` ends the context
 * closes, after a full-page screenshot `FAILED-<test>.png` if `t` failed.
 */
export async function openPage(t: Test, browser: Browser, baseURL: string, viewport: Viewport, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: viewport.width, height: viewport.height },
    isMobile: viewport.isMobile,
    hasTouch: viewport.hasTouch,
    deviceScaleFactor: 1,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    colorScheme: 'light',
    reducedMotion: 'reduce',
    ...options,
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const page = await context.newPage();
  const log: PageLog = { errors: [], documents: new Set() };
  page.on('pageerror', (err) => log.errors.push({ text: `uncaught exception: ${err.message}`, url: page.url() }));
  // CSP refusals (an inline script or style, a script from elsewhere) are console errors too,
  // and so is every resource answered with an error status.
  page.on('console', (message) => {
    if (message.type() === 'error') log.errors.push({ text: `console error: ${message.text()}`, url: message.location().url });
  });
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) log.documents.add(request.url());
  });
  pageViewports.set(page, viewport);
  pageLogs.set(page, log);
  t.teardown(async () => {
    if (!t.passing() && !page.isClosed()) {
      const path = join(SCREENSHOTS, `FAILED-${slug(t.name)}.png`);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path, fullPage: true }).then(
        () => console.error(`the page when "${t.name}" failed (${page.url()}): ${path}`),
        () => {},
      );
    }
    await context.close();
  });
  return page;
}

/** The viewport a page was opened at (openPage). */
export function viewportOf(page: Page): Viewport {
  const viewport = pageViewports.get(page);
  if (!viewport) throw new Error('this page was not opened by the harness (suite.page or openPage)');
  return viewport;
}

const FAILED_LOAD = /^console error: Failed to load resource: the server responded with a status of \d+/;

/**
 * What the page logged so far as errors: uncaught exceptions, console errors, CSP refusals, a
 * stylesheet or script that did not load — each with the URL it came from. Not counted: the
 * error status of a page the test navigated to (a 404 page, a 403 page: the test asserts the
 * status it expects) and of /favicon.ico, which Chromium asks for by itself.
 */
export function pageErrorsOf(page: Page): string[] {
  const log = pageLogs.get(page);
  if (!log) return [];
  return log.errors
    .filter(({ text, url }) => !(FAILED_LOAD.test(text) && (log.documents.has(url) || url.endsWith('/favicon.ico'))))
    .map(({ text, url }) => `${text} (${url})`);
}

export function expectNoPageErrors(t: Pick<Test, 'same'>, page: Page): void {
  t.same(pageErrorsOf(page), [], `no uncaught exception, console error or CSP refusal on ${new URL(page.url()).pathname}`);
}

/**
 * A full-page PNG of the page as it is now: test-results/screenshots/<name>-<viewport>.png
 * (`name` defaults to the test's name; names are shared by every file, so prefix them with the
 * journey's). Returns the path.
 */
export async function screenshot(t: Pick<Test, 'name'>, page: Page, name: string = t.name): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const viewport = viewportOf(page).name;
  // atViewports's subtests are named `<name> (desktop)`: the viewport is not written twice.
  const path = join(SCREENSHOTS, `${slug(name).replace(new RegExp(`-${viewport}$`), '')}-${viewport}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

/** The README's pictures (committed), written only when BINOME_DOCS_SCREENSHOTS=1. */
export const DOCS_SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/**
 * The README's picture `docs/screenshots/<name>.png` of what the screen shows now (the viewport,
 * not the whole page: it stays small), when the run was asked for them (BINOME_DOCS_SCREENSHOTS=1).
 */
export async function docsPicture(page: Page, name: string): Promise<void> {
  if (process.env.BINOME_DOCS_SCREENSHOTS !== '1') return;
  mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(DOCS_SCREENSHOTS, `${name}.png`), animations: 'disabled' });
}

/** « Mes candidatures (mobile) » → mes-candidatures-mobile */
export function slug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'page'
  );
}
