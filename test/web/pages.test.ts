import fastifyCookie from '@fastify/cookie';
import Fastify from 'fastify';
import t, { type Test } from 'tap';
import { signedIn } from '../../src/web/pages.js';
import { setup } from '../helpers/app.js';
import { createMission, createUser } from '../helpers/factories.js';
import { textOf, Visitor } from './helpers.js';

const ctx = await setup(t);

/** What the CSP (script-src 'self', script-src-attr 'none') would refuse: inline scripts, handlers, style attributes. */
function assertNoInlineCode(t: Test, html: string) {
  t.notMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/, 'no inline script');
  t.notMatch(html, /<[^>]*\son[a-z]+=/i, 'no inline event handler');
  t.notMatch(html, /<[^>]*\sstyle=/, 'no style attribute');
  t.notMatch(html, /<[^>]*\shx-on/, 'no hx-on attribute');
}

t.test('the home page shows the programme, the open missions and the two ways in', async (t) => {
  const mission = await createMission(ctx.db, { title: 'Ambassadeur du Louvre-Lens', startsOn: '2027-10-01', places: 2 });
  await createMission(ctx.db, { title: 'Mission en brouillon', status: 'draft' });
  const res = await new Visitor(ctx).get('/');
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/html; charset=utf-8/);
  t.equal(res.headers['cache-control'], 'no-store');
  t.match(res.headers['content-security-policy'], "script-src 'self'");
  const text = textOf(res.body);
  t.match(text, 'service civique');
  t.match(text, mission.title);
  t.match(text, 'vendredi 1er octobre 2027', 'the start date as people write it');
  t.match(text, '2 places');
  t.notMatch(text, 'Mission en brouillon', 'drafts are not public');
  t.match(res.body, '<a class="button" href="/inscription">Je me crée un compte</a>');
  t.match(res.body, 'href="/connexion">Se connecter</a>');
  t.match(res.body, '<html lang="fr">');
  t.match(res.body, '<a class="skip-link" href="#contenu">');
  t.match(res.body, '<main id="contenu"');
  assertNoInlineCode(t, res.body);
});

t.test('hostile text stays text', async (t) => {
  await createMission(ctx.db, { title: '<script>alert("mission")</script>' });
  const home = await new Visitor(ctx).get('/');
  t.notMatch(home.body, '<script>alert', 'no script from a mission title');
  t.match(home.body, '&lt;script>alert(&quot;mission&quot;)&lt;/script>');
  const user = await createUser(ctx.db, 'candidate', { fullName: '<script>alert("nom")</script><img src=x onerror=alert(1)>' });
  const visitor = new Visitor(ctx);
  await visitor.signIn(user.email);
  const account = await visitor.get('/compte');
  t.equal(account.statusCode, 200);
  t.notMatch(account.body, '<script>alert');
  t.notMatch(account.body, '<img src=x');
  t.match(textOf(account.body), '<script>alert("nom")</script><img src=x onerror=alert(1)>', 'shown as typed');
  assertNoInlineCode(t, account.body);
});

t.test('the menu depends on who is signed in', async (t) => {
  const anonymous = await new Visitor(ctx).get('/');
  t.match(anonymous.body, 'href="/connexion"');
  t.notMatch(anonymous.body, 'action="/deconnexion"');
  for (const role of ['candidate', 'structure_member', 'coordinator', 'admin'] as const) {
    const user = await createUser(ctx.db, role);
    const visitor = new Visitor(ctx);
    await visitor.signIn(user.email);
    const home = await visitor.get('/');
    t.match(home.body, 'href="/compte"', role);
    t.match(home.body, 'action="/deconnexion"', `${role}: a sign-out button`);
    t.notMatch(home.body, '<a href="/connexion"', `${role}: no sign-in link`);
    const account = await visitor.get('/compte');
    t.equal(account.statusCode, 200, `${role}: my account`);
    t.match(account.body, 'aria-current="page"');
    t.equal((await visitor.get('/compte/mot-de-passe')).statusCode, 200, `${role}: change password`);
    t.equal((await visitor.get('/connexion')).statusCode, 302, `${role}: already signed in`);
  }
});

t.test('signed-in pages send anonymous visitors to the sign-in page', async (t) => {
  const visitor = new Visitor(ctx);
  for (const url of ['/compte', '/compte/mot-de-passe']) {
    const res = await visitor.get(url);
    t.equal(res.statusCode, 302, url);
    t.equal(res.headers.location, `/connexion?next=${encodeURIComponent(url)}`);
  }
  await visitor.get('/connexion');
  const post = await visitor.post('/compte/mot-de-passe', { currentPassword: 'x', newPassword: 'y', confirmPassword: 'y' });
  t.equal(post.statusCode, 303);
  t.equal(post.headers.location, '/connexion');
  const htmx = await visitor.get('/compte', { 'hx-request': 'true' });
  t.equal(htmx.statusCode, 204);
  t.equal(htmx.headers['hx-redirect'], '/connexion?next=%2Fcompte');
});

t.test('the role guard: other roles get the French 403 page', async (t) => {
  // A bare app with only the guard: the console has no role-restricted page of its own yet.
  const app = Fastify();
  await app.register(fastifyCookie);
  app.decorateRequest('webSession', null);
  app.addHook('onRequest', async (request) => {
    const role = request.headers['x-role'];
    if (typeof role === 'string') {
      const actor = { userId: 'u', role: role as 'candidate', sessionId: 's', operatorId: null, structureId: null };
      request.webSession = { id: 's', actor, user: { id: 'u', email: 'e@example.fr', fullName: null, role: actor.role } };
    }
  });
  app.get('/coordination', { onRequest: signedIn('coordinator') }, async () => 'ok');
  t.teardown(() => app.close());
  t.equal((await app.inject({ url: '/coordination', headers: { 'x-role': 'coordinator' } })).body, 'ok');
  const refused = await app.inject({ url: '/coordination', headers: { 'x-role': 'candidate' } });
  t.equal(refused.statusCode, 403);
  t.match(textOf(refused.body), 'Accès refusé');
  const anonymous = await app.inject({ url: '/coordination' });
  t.equal(anonymous.statusCode, 302);
  t.equal(anonymous.headers.location, '/connexion?next=%2Fcoordination');
});

t.test('an unknown page is a French 404 page for a browser, the API’s problem otherwise', async (t) => {
  const page = await new Visitor(ctx).get('/cette-page-n-existe-pas');
  t.equal(page.statusCode, 404);
  t.match(page.headers['content-type'], /text\/html/);
  t.match(textOf(page.body), 'Page introuvable');
  const api = await ctx.call('GET', '/cette-page-n-existe-pas');
  t.equal(api.statusCode, 404);
  t.match(api.headers['content-type'], /application\/problem\+json/);
  const post = await ctx.call('POST', '/cette-page-n-existe-pas', { body: {} });
  t.match(post.headers['content-type'], /application\/problem\+json/);
});

t.test('the 404 page keeps the menu of the person signed in; its sign-out link asks before signing out', async (t) => {
  const user = await createUser(ctx.db, 'candidate', { fullName: 'Léa Martin' });
  const visitor = new Visitor(ctx);
  await visitor.signIn(user.email);
  const page = await visitor.get('/mes-candidatures-mal-tapees');
  t.equal(page.statusCode, 404);
  const text = textOf(page.body);
  t.match(text, 'Page introuvable');
  t.match(text, 'Connecté·e : Léa Martin');
  t.match(page.body, 'href="/mes-candidatures"', 'the candidate’s menu');
  t.notMatch(page.body, 'href="/connexion"', 'not the anonymous menu');
  t.match(page.body, '<a href="/deconnexion">Se déconnecter</a>', 'no CSRF token here: a link, not a form');
  const confirm = await visitor.get('/deconnexion');
  t.equal(confirm.statusCode, 200);
  t.match(textOf(confirm.body), 'Vous êtes connecté·e en tant que Léa Martin.');
  const out = await visitor.post('/deconnexion', {});
  t.equal(out.statusCode, 303);
  t.notOk(visitor.cookies.has('binome_session'), 'signed out by the button of that page');
  const anonymous = await visitor.get('/deconnexion');
  t.equal(anonymous.statusCode, 302, 'signed out already: back home');
  t.equal(anonymous.headers.location, '/');
  const after = await visitor.get('/mes-candidatures-mal-tapees');
  t.match(after.body, 'href="/connexion"', 'the anonymous menu once signed out');
});

t.test('a signed-in person’s long menu has a « Menu » button for phones; a visitor’s short one does not', async (t) => {
  const toggle = '<button type="button" class="menu-toggle" aria-expanded="false" aria-controls="menu-principal" hidden>';
  const visitor = new Visitor(ctx);
  const anonymous = await visitor.get('/');
  t.notMatch(anonymous.body, toggle);
  t.match(anonymous.body, '<ul class="nav" id="menu-principal">');
  const user = await createUser(ctx.db, 'candidate');
  await visitor.signIn(user.email);
  const home = await visitor.get('/');
  t.match(home.body, toggle, 'hidden until the script shows it: without it the menu stays open');
  t.match(home.body, '<span class="menu-arrow" aria-hidden="true">▾</span>', 'the arrow is not read as part of the name');
});

t.test('the stylesheet, the script and htmx are served from this site', async (t) => {
  const css = await ctx.call('GET', '/static/binome.css');
  t.equal(css.statusCode, 200);
  t.match(css.headers['content-type'], /text\/css/);
  t.match(css.body, '@media print');
  const js = await ctx.call('GET', '/static/binome.js');
  t.equal(js.statusCode, 200);
  t.match(js.headers['content-type'], /javascript/);
  t.match(js.body, 'x-csrf-token');
  const htmx = await ctx.call('GET', '/static/htmx.min.js');
  t.equal(htmx.statusCode, 200);
  t.match(htmx.headers['content-type'], /javascript/);
  t.match(htmx.body, 'htmx');
  t.equal((await ctx.call('GET', '/static/../package.json')).statusCode, 404);
  t.equal((await ctx.call('GET', '/static/htmx.js')).statusCode, 404, 'only the minified htmx');
});

t.test('the pages stay out of the OpenAPI document, and the JSON API keeps its bodies', async (t) => {
  const doc = (await ctx.call('GET', '/docs/json')).json() as { paths: Record<string, unknown> };
  for (const path of ['/', '/connexion', '/inscription', '/deconnexion', '/compte', '/compte/mot-de-passe']) t.notOk(doc.paths[path], path);
  const form = await ctx.app.inject({
    method: 'POST',
    url: '/auth/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'email=a%40example.fr&password=x',
  });
  t.equal(form.statusCode, 415, 'the API takes no form bodies');
});
