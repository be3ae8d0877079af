import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import t, { type Extra } from 'tap';
import { SECURITY_HEADERS } from '../../src/plugins/security-headers.js';
import { type Asserter, expectAccessible } from './axe.js';
import { DESKTOP, launchBrowser, openPage, pageErrorsOf } from './harness.js';

// The harness's checks themselves, on tiny pages this file serves with the app's own security
// headers (its CSP included): the axe check must fail on a serious or critical violation, pass
// a clean page, and run without weakening the CSP; the page-error check must catch a
// stylesheet that does not load, and not a 404 page the test went to.

const page = (body: string) =>
  `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Essai</title></head><body>${body}</body></html>`;

const PAGES: Record<string, string> = {
  // A text field without a label: axe's `label` rule, critical.
  '/unlabelled': page('<main><h1>Inscription</h1><form><input type="text" name="nom"><button>Envoyer</button></form></main>'),
  '/clean': page('<main><h1>Inscription</h1><form><label for="nom">Nom</label><input type="text" id="nom" name="nom"><button>Envoyer</button></form></main>'),
  // Content outside any landmark: axe's `region` rule, moderate — reported, not blocking.
  '/moderate': page('<h1>Inscription</h1><p>Hors de tout repère.</p>'),
  // An inline script, which the app's CSP refuses.
  '/inline-script': page('<main><h1>Inscription</h1><script>document.title = "ran"</script></main>'),
  '/missing-stylesheet': page('<link rel="stylesheet" href="/missing.css"><main><h1>Inscription</h1></main>'),
};

const server = createServer((request, response) => {
  const html = PAGES[request.url ?? ''];
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
  if (request.url === '/cookie') response.setHeader('set-cookie', 'probe=1; Path=/; Secure; HttpOnly; SameSite=Lax');
  response.writeHead(html || request.url === '/cookie' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
  response.end(html ?? page('<main><h1>Cookie</h1></main>'));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
t.teardown(() => new Promise((resolve) => server.close(resolve)));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await launchBrowser(t);

/** Stands in for `t`: records what expectAccessible asserts instead of asserting it. */
function recorder() {
  const oks: { value: unknown; message: string; extra: Extra }[] = [];
  const comments: string[] = [];
  const asserter: Asserter = {
    ok: (value, message, extra) => (oks.push({ value, message, extra }), Boolean(value)),
    comment: (...args) => void comments.push(args.join(' ')),
  };
  return { asserter, oks, comments };
}

t.test('a field without a label fails, naming the rule, its target and its help page', async (t) => {
  const p = await openPage(t, browser, url, DESKTOP);
  await p.goto('/unlabelled');
  const { asserter, oks } = recorder();
  await expectAccessible(asserter, p);
  t.equal(oks.length, 1, 'one assertion');
  t.equal(oks[0]!.value, false, 'which fails');
  t.match(oks[0]!.message, /^axe on \/unlabelled: .*label \(critical\)/);
  t.match(oks[0]!.extra, {
    violations: [{ rule: 'label', impact: 'critical', targets: ['input'], helpUrl: /^https:\/\/dequeuniversity\.com\/rules\/axe\/.*\/label/ }],
    summary: [/^label \(critical\): .* — input \(https:/],
  });
});

t.test('a clean page passes', async (t) => {
  const p = await openPage(t, browser, url, DESKTOP);
  await p.goto('/clean');
  const { asserter, oks, comments } = recorder();
  await expectAccessible(asserter, p);
  t.same(
    oks.map((o) => [o.value, o.message]),
    [[true, 'axe: no serious or critical violation on /clean']],
  );
  t.same(comments, []);
  // And the real thing, on tap's own `t`.
  await expectAccessible(t, p);
});

t.test('a moderate violation is listed, not failed', async (t) => {
  const p = await openPage(t, browser, url, DESKTOP);
  await p.goto('/moderate');
  const { asserter, oks, comments } = recorder();
  await expectAccessible(asserter, p);
  t.equal(oks[0]!.value, true);
  t.match(comments, [/^axe on \/moderate, not blocking: .*region \(moderate\)/]);
});

t.test("axe runs under the app's CSP, which stays in force", async (t) => {
  const p = await openPage(t, browser, url, DESKTOP);
  const response = await p.goto('/inline-script');
  t.match(response!.headers()['content-security-policy'], /script-src 'self'/);
  await expectAccessible(t, p);
  t.equal(await p.title(), 'Essai', 'the inline script did not run');
  t.match(pageErrorsOf(p), [/^console error: .*Content Security Policy/], 'and its refusal is recorded for expectNoPageErrors');
});

t.test('Chromium keeps a Secure cookie set over http://127.0.0.1 (the console sets its session cookie Secure)', async (t) => {
  const p = await openPage(t, browser, url, DESKTOP);
  await p.goto('/cookie');
  t.match(await p.context().cookies(), [{ name: 'probe', value: '1', secure: true, httpOnly: true, sameSite: 'Lax' }]);
});

t.test('a resource that does not load is a page error; the status of the page the test went to is not', async (t) => {
  const p = await openPage(t, browser, url, DESKTOP);
  t.equal((await p.goto('/no-such-page'))?.status(), 404);
  t.same(pageErrorsOf(p), [], 'a 404 page is what the test asked for (and /favicon.ico is not ours to count)');
  await p.goto('/missing-stylesheet');
  await p.waitForLoadState('load');
  // Chromium says it as a refused stylesheet (the 404's type is not text/css, and the app's
  // headers forbid sniffing) or as a failed load: either way, it names it.
  const errors = pageErrorsOf(p);
  t.ok(errors.length > 0 && errors.every((e) => e.startsWith('console error: ') && e.includes('/missing.css')), 'the missing stylesheet is reported', { errors });
});
