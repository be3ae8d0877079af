import t from 'tap';
import { redactUrl } from '../../src/logger.js';
import { setup } from '../helpers/app.js';
import { createOperator, createProfile, createUser, signedIn, signIn, TEST_PASSWORD } from '../helpers/factories.js';
import { forumDay } from './forum-fixtures.js';
import { textOf, Visitor } from './helpers.js';

/** « Mon planning »: the candidate's forums, the ICS download, the subscription link, « Mon avis »; documents opened with the console's cookie. */
const ctx = await setup(t);
const ligue = await createOperator(ctx.db);
const coordinator = await signedIn(ctx, 'coordinator', { operatorId: ligue.id });
const token = coordinator.accessToken;

async function candidate(firstName: string) {
  const user = await createUser(ctx.db, 'candidate');
  await createProfile(ctx.db, user.id, { firstName, lastName: 'Test' });
  const visitor = new Visitor(ctx);
  await visitor.signIn(user.email);
  return { user, visitor };
}

const ana = await candidate('Ana');
const bilal = await candidate('Bilal');
// Held on 14 October 2026, before the test clock (real time): every meeting is past.
const past = await forumDay(ctx, {
  operatorId: ligue.id,
  coordinatorToken: token,
  heldOn: '2026-10-14',
  title: 'Forum de Lens',
  structures: ['Service Culturel de Carvin', 'Louvre-Lens & Co'],
  candidates: [ana.user, bilal.user],
});
const anaMeetings = past.meetings.filter((m) => m.candidate.id === ana.user.id).sort((a, b) => a.round - b.round);
const bilalMeetings = past.meetings.filter((m) => m.candidate.id === bilal.user.id);
const ROUND_TIMES = ['14 h 00 – 14 h 07', '14 h 08 – 14 h 15'];

const feedOf = (body: string) => /\/agenda\.ics\?jeton=([A-Za-z0-9_-]{43})/.exec(body)?.[1];
const feed = (jeton: string) => ctx.app.inject({ method: 'GET', url: `/agenda.ics?jeton=${jeton}` });

t.test('the planning: the venue with its address, the date, each round with its time, table and structure', async (t) => {
  t.equal(anaMeetings.length, 2);
  const res = await ana.visitor.get('/mon-planning');
  t.equal(res.statusCode, 200);
  t.equal(res.headers['cache-control'], 'no-store');
  const text = textOf(res.body);
  t.match(text, 'Forum de Lens');
  t.match(text, 'mercredi 14 octobre 2026, de 14 h 00 à 15 h 00', 'the date as people write it');
  t.match(text, 'Maison syndicale 62300 Lens', 'the venue and its address');
  t.match(res.body, '<address>');
  for (const m of anaMeetings) {
    t.match(text, `Tour ${m.round} · ${ROUND_TIMES[m.round - 1]} Structure ${m.structure.name} Table ${m.table}`, `round ${m.round}`);
  }
  t.match(text, 'Mes rencontres (2 rencontres)');
  t.match(res.body, `href="/mon-planning/${past.forum.id}/agenda.ics"`);
  t.match(text, 'Ajouter à mon agenda');
  t.match(res.body, 'href="/mon-planning" aria-current="page">Mon planning</a>', 'the menu entry');
  t.notMatch(text, 'Bilal', 'nobody else’s agenda');
});

t.test('empty states: no forum yet, and a forum whose grid is not published', async (t) => {
  const nobody = await candidate('Chloé');
  const none = textOf((await nobody.visitor.get('/mon-planning')).body);
  t.match(none, 'Vous n’êtes invité·e à aucun forum de recrutement pour l’instant.');
  t.notMatch(none, 'Ajouter à mon agenda');

  const waiting = await candidate('Dimitri');
  await forumDay(ctx, { operatorId: ligue.id, coordinatorToken: token, heldOn: '2027-03-17', title: 'Forum de Béthune', structures: ['Médiathèque'], candidates: [waiting.user], schedule: false });
  const res = await waiting.visitor.get('/mon-planning');
  t.equal(res.statusCode, 200);
  const text = textOf(res.body);
  t.match(text, 'Forum de Béthune');
  t.match(text, 'mercredi 17 mars 2027');
  t.match(text, 'Le planning de ce forum n’est pas encore publié.');
  t.notMatch(text, 'Ajouter à mon agenda', 'nothing to download yet');
  t.equal((await waiting.visitor.get(`/mon-planning/${past.forum.id}/agenda.ics`)).statusCode, 404, 'not another forum’s agenda');
});

t.test('« Ajouter à mon agenda »: the forum’s agenda as an iCalendar file, in Europe/Paris', async (t) => {
  const res = await ana.visitor.get(`/mon-planning/${past.forum.id}/agenda.ics`);
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-type'], 'text/calendar; charset=utf-8');
  t.equal(res.headers['content-disposition'], 'attachment; filename="mon-planning.ics"');
  const body = res.body;
  t.ok(body.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n') && body.endsWith('END:VCALENDAR\r\n'));
  t.match(body, /BEGIN:VTIMEZONE\r\nTZID:Europe\/Paris/);
  t.equal(body.match(/BEGIN:VEVENT/g)?.length, 2, 'one event per meeting');
  t.match(body, 'DTSTART;TZID=Europe/Paris:20261014T140000');
  t.match(body, 'DTSTART;TZID=Europe/Paris:20261014T140800');
  t.match(body, 'LOCATION:Maison syndicale\\, 62300 Lens');
  t.match(body, 'X-WR-CALNAME:Forum de Lens — mes rencontres');
  t.notMatch(body, 'Bilal');
  const anonymous = await new Visitor(ctx).get(`/mon-planning/${past.forum.id}/agenda.ics`);
  t.equal(anonymous.statusCode, 302, 'signed in only');
});

t.test('the subscription link: shown once, works without a cookie, revoked by a new one', async (t) => {
  const before = textOf((await ana.visitor.get('/mon-planning')).body);
  t.match(before, 'Vous n’avez pas encore de lien d’abonnement.');
  const made = await ana.visitor.post('/mon-planning/abonnement', {});
  t.equal(made.statusCode, 303);
  t.equal(made.headers.location, '/mon-planning#abonnement');
  const page = await ana.visitor.get('/mon-planning');
  const jeton = feedOf(page.body);
  t.ok(jeton, 'the link is on the page');
  t.match(page.body, `value="http://127.0.0.1:3000/agenda.ics?jeton=${jeton}"`, 'the address to copy, from PUBLIC_URL');
  t.match(page.body, `href="webcal://127.0.0.1:3000/agenda.ics?jeton=${jeton}"`, 'and its webcal:// variant');
  t.match(textOf(page.body), 'Copiez-le maintenant');
  t.match(page.body, '<label for="lien-abonnement">');
  const row = await ctx.db.selectFrom('calendar_feeds').selectAll().where('user_id', '=', ana.user.id).executeTakeFirstOrThrow();
  t.not(row.token_hash, jeton, 'only its hash is stored');
  t.equal(row.token_hash.length, 64);

  const res = await feed(jeton!);
  t.equal(res.statusCode, 200, 'no cookie, no token: the link alone');
  t.equal(res.headers['content-type'], 'text/calendar; charset=utf-8');
  t.equal(res.body.match(/BEGIN:VEVENT/g)?.length, 2, 'the person’s meetings');
  t.match(res.body, 'DTSTART;TZID=Europe/Paris:20261014T140000');
  t.match(res.body, 'X-WR-CALNAME:Binôme — mon planning');
  t.notMatch(res.body, 'Bilal', 'nobody else’s');
  t.match(redactUrl(`/agenda.ics?jeton=${jeton}`), '/agenda.ics?jeton=[redacted]', 'the logs never hold the secret');

  const again = await ana.visitor.get('/mon-planning');
  t.notOk(feedOf(again.body), 'shown once: only its hash is kept');
  t.match(textOf(again.body), 'Vous avez créé votre lien d’abonnement le');
  t.match(textOf(again.body), 'Révoquer ce lien');

  t.equal((await ana.visitor.post('/mon-planning/abonnement', {})).statusCode, 303, 'revoked: a new one');
  const renewed = feedOf((await ana.visitor.get('/mon-planning')).body);
  t.ok(renewed && renewed !== jeton);
  t.equal((await feed(jeton!)).statusCode, 404, 'the old link is gone');
  t.equal((await feed(renewed!)).statusCode, 200, 'the new one works');
});

t.test('another person’s link never gives this person’s data; a wrong secret is a 404', async (t) => {
  await bilal.visitor.get('/mon-planning');
  await bilal.visitor.post('/mon-planning/abonnement', {});
  const jeton = feedOf((await bilal.visitor.get('/mon-planning')).body)!;
  const res = await feed(jeton);
  t.equal(res.body.match(/BEGIN:VEVENT/g)?.length, bilalMeetings.length);
  t.match(res.body, 'Bilal');
  t.notMatch(res.body, 'Ana', 'Bilal’s link: Bilal’s meetings only');
  for (const wrong of ['', 'x', 'a'.repeat(43), `${jeton.slice(0, 42)}A` === jeton ? `${jeton.slice(0, 42)}B` : `${jeton.slice(0, 42)}A`, `${jeton}x`]) {
    t.equal((await feed(encodeURIComponent(wrong))).statusCode, 404, `secret ${JSON.stringify(wrong.slice(0, 8))}…`);
  }
  t.equal((await ctx.app.inject({ method: 'GET', url: '/agenda.ics' })).statusCode, 404, 'no secret');
  // A link whose owner is anonymised opens nothing.
  await ctx.db.updateTable('users').set({ anonymised_at: new Date() }).where('id', '=', bilal.user.id).execute();
  t.equal((await feed(jeton)).statusCode, 404, 'an anonymised account’s link');
  await ctx.db.updateTable('users').set({ anonymised_at: null }).where('id', '=', bilal.user.id).execute();
});

t.test('« Mon avis »: a fieldset of five radio buttons per past meeting, saved and editable', async (t) => {
  const [first] = anaMeetings;
  const page = await ana.visitor.get('/mon-planning');
  t.match(page.body, `action="/mon-planning/rencontres/${first!.id}/avis"`);
  t.match(page.body, /<fieldset class="choices" id="avis-[^"]+" aria-describedby="avis-[^"]+-aide"><legend>Mon avis : mon intérêt pour /);
  t.match(page.body, `<label for="avis-${first!.id}-5">5 — Très intéressé·e</label>`, 'labels in words');
  t.match(page.body, `<label for="avis-${first!.id}-1">1 — Pas intéressé·e</label>`);

  const saved = await ana.visitor.post(`/mon-planning/rencontres/${first!.id}/avis`, { interest: '4' });
  t.equal(saved.statusCode, 303);
  t.equal(saved.headers.location, `/mon-planning#rencontre-${first!.id}`);
  const after = await ana.visitor.get('/mon-planning');
  t.match(textOf(after.body), 'Votre avis est enregistré.');
  t.match(after.body, new RegExp(`id="avis-${first!.id}-4" name="interest" value="4" checked`), 'the choice is checked');
  t.match(textOf(after.body), 'Avis donné : 4 sur 5 — Intéressé·e.');
  t.match(textOf(after.body), 'Modifier mon avis');
  const row = async () =>
    ctx.db.selectFrom('forum_evaluations').select('candidate_interest').where('forum_id', '=', past.forum.id).where('candidate_id', '=', ana.user.id).where('structure_id', '=', first!.structure.id).executeTakeFirstOrThrow();
  t.equal((await row()).candidate_interest, 4);
  t.notMatch(textOf((await ana.visitor.get('/mon-planning')).body), 'Votre avis est enregistré.', 'the notice shows once');

  await ana.visitor.post(`/mon-planning/rencontres/${first!.id}/avis`, { interest: '2' });
  t.equal((await row()).candidate_interest, 2, 'edited while the forum is open');
  const api = await ctx.call('GET', `/forums/${past.forum.id}/evaluations`, { token });
  t.ok(api.json().items.some((e: { candidate: { id: string }; candidateInterest: number }) => e.candidate.id === ana.user.id && e.candidateInterest === 2), 'the coordinators read it');
});

t.test('« Mon avis » refused: the service’s message beside the field, what was chosen kept', async (t) => {
  const [, second] = anaMeetings;
  const none = await ana.visitor.post(`/mon-planning/rencontres/${second!.id}/avis`, {});
  t.equal(none.statusCode, 422, 'no choice: the service requires one');
  t.match(none.body, '<title>Erreur : Mon planning — Binôme</title>');
  t.match(none.body, 'class="error-summary"');
  t.match(none.body, `href="#avis-${second!.id}"`);
  t.match(none.body, new RegExp(`<fieldset class="choices choices-invalid" id="avis-${second!.id}" aria-describedby="avis-${second!.id}-aide avis-${second!.id}-erreur">`));
  t.match(none.body, `<p class="field-error" id="avis-${second!.id}-erreur">`);

  const wrong = await ana.visitor.post(`/mon-planning/rencontres/${second!.id}/avis`, { interest: '9' });
  t.equal(wrong.statusCode, 400, 'out of 1–5: the API’s body schema');
  t.match(wrong.body, `id="avis-${second!.id}-erreur"`);

  // A meeting still to come: the service refuses, and the form shows it with the choice kept.
  const soon = await candidate('Élise');
  const future = await forumDay(ctx, { operatorId: ligue.id, coordinatorToken: token, heldOn: '2027-03-17', title: 'Forum d’Arras', structures: ['Théâtre d’Arras'], candidates: [soon.user] });
  const meeting = future.meetings[0]!;
  const page = textOf((await soon.visitor.get('/mon-planning')).body);
  t.match(page, 'Vous pourrez donner votre avis après la rencontre.');
  const early = await soon.visitor.post(`/mon-planning/rencontres/${meeting.id}/avis`, { interest: '3' });
  t.equal(early.statusCode, 409);
  t.match(early.body, `<p class="field-error" id="avis-${meeting.id}-erreur">`);
  t.match(early.body, new RegExp(`id="avis-${meeting.id}-3" name="interest" value="3" checked`), 'the choice is kept');
  const apiMessage = (await ctx.call('PUT', `/meetings/${meeting.id}/evaluation`, { token: (await signIn(ctx, soon.user)).accessToken, body: { interest: 3 } })).json().detail as string;
  t.match(textOf(early.body), apiMessage, 'the service’s own text, as the API says it');

  // Closed: the service refuses the edit; the page shows the avis read-only.
  t.equal((await ctx.call('POST', `/forums/${future.forum.id}/transitions`, { token, body: { to: 'closed' } })).statusCode, 200);
  const closed = await soon.visitor.post(`/mon-planning/rencontres/${meeting.id}/avis`, { interest: '3' });
  t.equal(closed.statusCode, 409);
  t.match(closed.body, `id="avis-${meeting.id}-erreur"`);
  const read = textOf((await soon.visitor.get('/mon-planning')).body);
  t.match(read, 'Ce forum est terminé');
  t.match(read, 'Vous n’avez pas donné d’avis sur cette rencontre.');

  t.equal((await soon.visitor.post(`/mon-planning/rencontres/${anaMeetings[0]!.id}/avis`, { interest: '1' })).statusCode, 404, 'someone else’s meeting');
  t.equal((await soon.visitor.post('/mon-planning/rencontres/not-an-id/avis', { interest: '1' })).statusCode, 404);
});

t.test('forms need their CSRF token', async (t) => {
  await ana.visitor.get('/mon-planning');
  const link = await ana.visitor.post('/mon-planning/abonnement', {}, { csrf: false });
  t.equal(link.statusCode, 403);
  t.match(textOf(link.body), 'La page a expiré');
  const avis = await ana.visitor.post(`/mon-planning/rencontres/${anaMeetings[0]!.id}/avis`, { interest: '5' }, { csrf: 'forged' });
  t.equal(avis.statusCode, 403);
  const row = await ctx.db.selectFrom('forum_evaluations').select('candidate_interest').where('candidate_id', '=', ana.user.id).where('structure_id', '=', anaMeetings[0]!.structure.id).executeTakeFirstOrThrow();
  t.equal(row.candidate_interest, 2, 'nothing saved');
});

t.test('hostile text stays text', async (t) => {
  const eve = await candidate('<script>alert("prénom")</script>');
  const hostile = await forumDay(ctx, {
    operatorId: ligue.id,
    coordinatorToken: token,
    heldOn: '2026-10-15',
    title: '<script>alert("forum")</script>',
    venue: '<img src=x onerror=alert(1)>',
    structures: ['<b onmouseover=alert(2)>Structure</b>'],
    candidates: [eve.user],
  });
  t.equal(hostile.meetings.length, 1);
  const res = await eve.visitor.get('/mon-planning');
  t.equal(res.statusCode, 200);
  t.notMatch(res.body, '<script>alert');
  t.notMatch(res.body, '<img src=x');
  t.notMatch(res.body, '<b onmouseover');
  const text = textOf(res.body);
  t.match(text, '<script>alert("forum")</script>');
  t.match(text, '<img src=x onerror=alert(1)>');
  t.match(text, 'Mon avis : mon intérêt pour <b onmouseover=alert(2)>Structure</b>');
});

t.test('for candidates only', async (t) => {
  const anonymous = await new Visitor(ctx).get('/mon-planning');
  t.equal(anonymous.statusCode, 302);
  t.equal(anonymous.headers.location, '/connexion?next=%2Fmon-planning');
  for (const role of ['coordinator', 'structure_member', 'admin'] as const) {
    const user = await createUser(ctx.db, role);
    const visitor = new Visitor(ctx);
    await visitor.signIn(user.email, TEST_PASSWORD);
    t.equal((await visitor.get('/mon-planning')).statusCode, 403, `${role}: the page`);
    t.equal((await visitor.get(`/mon-planning/${past.forum.id}/agenda.ics`)).statusCode, 403, `${role}: the download`);
    await visitor.get('/compte');
    const post = await visitor.post('/mon-planning/abonnement', {});
    t.equal(post.statusCode, 403, `${role}: no link`);
    t.notMatch(textOf((await visitor.get('/')).body), 'Mon planning', `${role}: no menu entry`);
  }
  t.equal((await ctx.db.selectFrom('calendar_feeds').select('user_id').execute()).length, 2, 'Ana’s and Bilal’s only');
});

t.test('documents open as plain links with the console’s cookie, with the API’s checks', async (t) => {
  const signedInCoordinator = new Visitor(ctx);
  await signedInCoordinator.signIn(coordinator.user.email);
  const grid = await signedInCoordinator.get(`/forums/${past.forum.id}/schedule.html`);
  t.equal(grid.statusCode, 200, 'the printable grid');
  t.match(grid.headers['content-type'], /^text\/html/);
  t.match(grid.body, 'Forum de Lens — grille');
  const placements = await signedInCoordinator.get(`/editions/${past.edition.id}/placements.csv`);
  t.equal(placements.statusCode, 200, 'the placements CSV');
  t.match(placements.headers['content-type'], /^text\/csv/);
  const applications = await signedInCoordinator.get(`/structures/${past.structures[0]!.id}/applications.csv`);
  t.equal(applications.statusCode, 200, 'the applications CSV');
  t.match(applications.headers['content-type'], /^text\/csv/);
  const ics = await ana.visitor.get(`/forums/${past.forum.id}/agendas/candidates/${ana.user.id}/calendar.ics`);
  t.equal(ics.statusCode, 200, 'a candidate’s own agenda');
  t.match(ics.headers['content-type'], /^text\/calendar/);
  t.equal((await ana.visitor.get(`/forums/${past.forum.id}/schedule.html`)).statusCode, 200, 'the candidate’s printable page');

  // Refusals: exactly the bearer's.
  const other = await createOperator(ctx.db);
  const stranger = await signedIn(ctx, 'coordinator', { operatorId: other.id });
  const strangerVisitor = new Visitor(ctx);
  await strangerVisitor.signIn(stranger.user.email);
  const anaToken = (await signIn(ctx, ana.user)).accessToken;
  const cases: { url: string; visitor: Visitor; token: string; status: number; what: string }[] = [
    { url: `/forums/${past.forum.id}/schedule.html`, visitor: strangerVisitor, token: stranger.accessToken, status: 404, what: 'another operator’s grid' },
    { url: `/editions/${past.edition.id}/placements.csv`, visitor: strangerVisitor, token: stranger.accessToken, status: 404, what: 'another operator’s placements' },
    { url: `/structures/${past.structures[0]!.id}/applications.csv`, visitor: strangerVisitor, token: stranger.accessToken, status: 404, what: 'another operator’s applications' },
    { url: `/forums/${past.forum.id}/agendas/candidates/${bilal.user.id}/calendar.ics`, visitor: ana.visitor, token: anaToken, status: 404, what: 'someone else’s agenda' },
    { url: `/editions/${past.edition.id}/placements.csv`, visitor: ana.visitor, token: anaToken, status: 403, what: 'a role the route refuses' },
  ];
  for (const c of cases) {
    const bearer = await ctx.call('GET', c.url, { token: c.token });
    const cookie = await c.visitor.get(c.url);
    t.equal(bearer.statusCode, c.status, `${c.what}: bearer`);
    t.equal(cookie.statusCode, c.status, `${c.what}: cookie`);
    t.same({ ...cookie.json(), instance: '', requestId: '' }, { ...bearer.json(), instance: '', requestId: '' }, `${c.what}: the same problem`);
  }

  // The JSON API keeps its bearer tokens.
  t.equal((await signedInCoordinator.get(`/forums/${past.forum.id}/schedule`)).statusCode, 401, 'the grid as JSON');
  t.equal((await ana.visitor.get(`/forums/${past.forum.id}/agendas/candidates/${ana.user.id}`)).statusCode, 401, 'an agenda as JSON');
  const sheet = '/placements/00000000-0000-4000-8000-000000000000/sheet';
  t.equal((await signedInCoordinator.get(`${sheet}?format=json`)).statusCode, 401, 'the placement sheet as JSON');
  t.equal((await signedInCoordinator.get(sheet)).statusCode, 401, 'the placement sheet (JSON by default)');
  t.equal((await signedInCoordinator.get(`${sheet}?format=csv`)).statusCode, 404, 'the sheet as CSV: signed in, then not found');
  const gridUrl = `/forums/${past.forum.id}/schedule.html`;
  t.equal((await ctx.app.inject({ method: 'GET', url: gridUrl })).statusCode, 401, 'no session, no document');
  const browser = new Visitor(ctx);
  const away = await browser.get(gridUrl);
  t.equal(away.statusCode, 302, 'a browser without a session: to the sign-in page');
  t.equal(away.headers.location, `/connexion?next=${encodeURIComponent(gridUrl)}`);
  await browser.get(away.headers.location as string);
  const back = await browser.post('/connexion', { email: coordinator.user.email, password: TEST_PASSWORD, next: gridUrl });
  t.equal(back.headers.location, gridUrl, 'and back to the document');
  t.equal((await browser.get(gridUrl)).statusCode, 200);
  t.equal((await ctx.app.inject({ method: 'GET', url: `/forums/${past.forum.id}/schedule`, headers: { accept: 'text/html' } })).statusCode, 401, 'a JSON route: no redirect');

  // A session that ended opens nothing.
  const ended = new Visitor(ctx);
  await ended.signIn(coordinator.user.email);
  const cookie = [...ended.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  t.equal((await ctx.app.inject({ method: 'GET', url: `/forums/${past.forum.id}/schedule.html`, headers: { cookie } })).statusCode, 200);
  await ended.get('/compte');
  t.equal((await ended.post('/deconnexion', {})).statusCode, 303);
  const replay = await ctx.app.inject({ method: 'GET', url: `/forums/${past.forum.id}/schedule.html`, headers: { cookie } });
  t.equal(replay.statusCode, 401, 'a signed-out session’s cookie');
});

t.test('before the day, a candidate asks to meet the structures of their missions, and withdraws their request', async (t) => {
  const eva = await candidate('Éva');
  const outsider = await candidate('Fanny');
  const coming = await forumDay(ctx, {
    operatorId: ligue.id,
    coordinatorToken: (await signedIn(ctx, 'coordinator', { operatorId: ligue.id })).accessToken,
    heldOn: '2027-03-10',
    title: 'Forum de Liévin',
    structures: ['Médiathèque de Liévin', 'Théâtre sans mission'],
    candidates: [eva.user],
    schedule: false,
  });
  const [host, other] = coming.structures;
  const section = (body: string) => textOf(body.slice(body.indexOf(`id="demandes-${coming.forum.id}"`)));
  const page = await eva.visitor.get('/mon-planning');
  t.equal(page.statusCode, 200);
  t.match(section(page.body), 'Les structures que vous voulez rencontrer');
  t.match(section(page.body), `${host!.name} Demander à rencontrer`);
  t.notMatch(section(page.body), 'Théâtre sans mission', 'only the structures of the missions she applied to');

  const base = `/mon-planning/${coming.forum.id}/demandes`;
  const asked = await eva.visitor.post(base, { structureId: host!.id });
  t.equal(asked.statusCode, 303);
  t.equal(asked.headers.location, `/mon-planning#demandes-${coming.forum.id}`);
  const after = await eva.visitor.get('/mon-planning');
  t.match(section(after.body), 'Vous avez demandé à la rencontrer.');
  const row = await ctx.db.selectFrom('meeting_requests').select(['id', 'side']).where('forum_id', '=', coming.forum.id).where('candidate_id', '=', eva.user.id).where('side', '=', 'candidate').executeTakeFirstOrThrow();

  const twice = await eva.visitor.post(base, { structureId: host!.id });
  t.equal(twice.statusCode, 409);
  t.match(section(twice.body), 'Cette rencontre est déjà demandée de votre côté.');
  const notHers = await eva.visitor.post(base, { structureId: other!.id });
  t.equal(notHers.statusCode, 422);
  t.match(textOf(notHers.body), 'Vous pouvez demander à rencontrer les structures des missions auxquelles vous avez postulé.');
  await outsider.visitor.get('/mon-planning');
  t.equal((await outsider.visitor.post(base, { structureId: host!.id })).statusCode, 404, 'a forum she is not invited to');
  t.equal((await outsider.visitor.post(`${base}/${row.id}/retirer`, {})).statusCode, 404, 'someone else’s request');

  const withdrawn = await eva.visitor.post(`${base}/${row.id}/retirer`, {});
  t.equal(withdrawn.statusCode, 303);
  t.equal((await ctx.db.selectFrom('meeting_requests').select('id').where('id', '=', row.id).execute()).length, 0);
  t.match(section((await eva.visitor.get('/mon-planning')).body), `${host!.name} Demander à rencontrer`);
  t.notMatch(textOf((await ana.visitor.get('/mon-planning')).body), 'Les structures que vous voulez rencontrer', 'a forum already held asks nothing');
});
