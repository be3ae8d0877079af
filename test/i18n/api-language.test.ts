import t from 'tap';
import { setup } from '../helpers/app.js';
import { createMission, signedIn, signedInCandidate } from '../helpers/factories.js';

/**
 * « French first » (issue 13): the API's texts are French by default, English with
 * `Accept-Language: en`; codes, rule ids, field paths and statuses are the same in both.
 */
const ctx = await setup(t);
const EN = { 'accept-language': 'en' };

t.test('a problem is in French by default, in English when asked', async (t) => {
  const fr = await ctx.call('GET', '/no/such/route');
  t.match(fr.json(), { status: 404, type: 'urn:binome:problem:not-found', title: 'Introuvable', detail: 'Aucune route ne répond à GET /no/such/route.' });
  t.match(fr.headers.vary, /Accept-Language/);
  const en = await ctx.call('GET', '/no/such/route', { headers: EN });
  t.match(en.json(), { status: 404, type: 'urn:binome:problem:not-found', title: 'Not Found', detail: 'No route for GET /no/such/route' });
  const preferred = await ctx.call('GET', '/no/such/route', { headers: { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.8' } });
  t.equal(preferred.json().title, 'Not Found', 'English preferred over French');
  const second = await ctx.call('GET', '/no/such/route', { headers: { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8' } });
  t.equal(second.json().title, 'Introuvable', 'French preferred over English');
});

t.test('401: the missing token said in both languages', async (t) => {
  const fr = await ctx.call('GET', '/me');
  t.match(fr.json(), { status: 401, title: 'Authentification requise', detail: /^Authentification requise : envoyez un jeton/ });
  const en = await ctx.call('GET', '/me', { headers: EN });
  t.match(en.json(), { status: 401, title: 'Unauthorized', detail: 'Authentication required: send an Authorization: Bearer token' });
});

t.test('validation errors: each field in French, or in English; the paths unchanged', async (t) => {
  const body = { email: 'nope', password: 'short', extra: 1, fullName: 42 };
  const fr = (await ctx.call('POST', '/auth/register', { body })).json();
  t.equal(fr.status, 400);
  t.equal(fr.title, 'Requête invalide');
  const frByPath = Object.fromEntries((fr.errors as { path: string; message: string }[]).map((e) => [e.path, e.message]));
  t.match(frByPath, {
    email: 'doit être une adresse e-mail valide',
    password: 'doit contenir au moins 12 caractères',
    extra: 'n’est pas un champ accepté',
    fullName: 'doit être un texte',
  });
  t.match(fr.detail, /^Des champs sont invalides : .*email : doit être une adresse e-mail valide/);

  const en = (await ctx.call('POST', '/auth/register', { body, headers: EN })).json();
  t.equal(en.title, 'Bad Request');
  const enByPath = Object.fromEntries((en.errors as { path: string; message: string }[]).map((e) => [e.path, e.message]));
  t.match(enByPath, { email: 'must be a valid e-mail address', password: 'must be at least 12 characters long', extra: 'is not an accepted field', fullName: 'must be a string' });
  t.same(Object.keys(enByPath).sort(), Object.keys(frByPath).sort(), 'the same fields in both languages');
  const missing = await ctx.call('POST', '/auth/login', { body: {} });
  t.match(missing.json().errors, [{ in: 'body', path: 'email', message: 'obligatoire' }, { path: 'password', message: 'obligatoire' }]);
  const missingEn = await ctx.call('POST', '/auth/login', { body: {}, headers: EN });
  t.match(missingEn.json().errors, [{ path: 'email', message: 'is required' }, { path: 'password', message: 'is required' }]);
});

t.test('a rule refusal (422) in both languages, the rule id unchanged', async (t) => {
  const coordinator = await signedIn(ctx, 'coordinator');
  // A mission of 3 months breaks `duration` (6 to 12 months) when the host drafts it.
  const mission = await createMission(ctx.db, { operatorId: coordinator.user.operator_id!, status: 'draft' });
  const change = { durationMonths: 3 };
  const fr = await ctx.call('PATCH', `/missions/${mission.id}`, { token: coordinator.accessToken, body: change, headers: { 'if-match': '"1"' } });
  t.match(fr.json(), { status: 422, rule: 'duration', title: 'Demande refusée', detail: 'Une mission dure de 6 à 12 mois, pas 3 : corrigez la durée.' });
  const en = await ctx.call('PATCH', `/missions/${mission.id}`, { token: coordinator.accessToken, body: change, headers: { 'if-match': '"1"', ...EN } });
  t.match(en.json(), { status: 422, rule: 'duration', title: 'Unprocessable Entity', detail: 'A mission lasts 6 to 12 months, not 3' });
});

t.test('eligibility lines in French by default, in English when asked', async (t) => {
  // 15 on the start day (2027-02-01): age-min refuses.
  const candidate = await signedInCandidate(ctx, { birthDate: '2011-06-01' });
  const mission = await createMission(ctx.db, { openToMinors: true, weeklyHours: 24 });
  const fr = (await ctx.call('GET', `/missions/${mission.id}/eligibility`, { token: candidate.accessToken })).json();
  t.equal(fr.eligible, false);
  t.match(fr.checks.find((c: { rule: string }) => c.rule === 'age-min'), {
    ok: false,
    detail: 'La mission commence le 1er février 2027 : vous aurez alors 15 ans ; il faut avoir au moins 16 ans.',
  });
  t.notOk('text' in fr.checks[0], 'the catalogue text stays inside: only rule, ok, detail');
  const enAnswer = await ctx.call('GET', `/missions/${mission.id}/eligibility`, { token: candidate.accessToken, headers: EN });
  t.match(enAnswer.headers.vary, /Accept-Language/, 'an answer with texts varies with the language');
  const en = enAnswer.json();
  t.match(en.checks.find((c: { rule: string }) => c.rule === 'age-min'), {
    ok: false,
    detail: 'A volunteer is at least 16 at the start: 15 years old on 2027-02-01, the mission’s start',
  });
  t.same(
    en.checks.map((c: { rule: string; ok: boolean }) => [c.rule, c.ok]),
    fr.checks.map((c: { rule: string; ok: boolean }) => [c.rule, c.ok]),
    'the same checks in both languages',
  );

  // Applying is refused with the same line, in the problem and its checks.
  const refusedFr = (await ctx.call('POST', `/missions/${mission.id}/applications`, { token: candidate.accessToken, body: { motivation: 'Je veux aider.' } })).json();
  t.match(refusedFr, { status: 422, rule: 'age-min', detail: /^La mission commence le 1er février 2027/ });
  t.match(refusedFr.checks?.find((c: { rule: string }) => c.rule === 'age-min'), { detail: /^La mission commence/ });
  const refusedEn = (await ctx.call('POST', `/missions/${mission.id}/applications`, { token: candidate.accessToken, body: { motivation: 'Je veux aider.' }, headers: EN })).json();
  t.match(refusedEn, { status: 422, rule: 'age-min', detail: /^A volunteer is at least 16/ });
  t.match(refusedEn.checks?.find((c: { rule: string }) => c.rule === 'nationality'), { detail: 'French' });
});

t.test('Fastify’s own client errors get the catalogue’s words', async (t) => {
  const broken = { body: '{"email":', headers: { 'content-type': 'application/json' } };
  const fr = (await ctx.call('POST', '/auth/login', broken)).json();
  t.match(fr, { status: 400, title: 'Requête invalide', detail: 'Le corps de la requête n’est pas un JSON valide.' });
  const en = (await ctx.call('POST', '/auth/login', { ...broken, headers: { ...broken.headers, ...EN } })).json();
  t.match(en, { status: 400, title: 'Bad Request', detail: 'The request body is not valid JSON.' });
  const media = (await ctx.call('POST', '/auth/login', { body: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).json();
  t.match(media, { status: 415, detail: 'Le type de contenu « application/x-www-form-urlencoded » n’est pas accepté : envoyez du JSON (application/json).' });
});

t.test('a workflow refusal names the states in words, the codes unchanged', async (t) => {
  const coordinator = await signedIn(ctx, 'coordinator');
  const mission = await createMission(ctx.db, { operatorId: coordinator.user.operator_id!, status: 'draft' });
  const body = { to: 'filled' };
  const fr = (await ctx.call('POST', `/missions/${mission.id}/transitions`, { token: coordinator.accessToken, body })).json();
  t.match(fr, {
    status: 409,
    currentState: 'draft',
    possible: ['published', 'closed'],
    detail: 'La mission est « en brouillon » : elle ne peut pas passer à « pourvue ». Changements possibles : « publiée », « clôturée ».',
  });
  const en = (await ctx.call('POST', `/missions/${mission.id}/transitions`, { token: coordinator.accessToken, body, headers: EN })).json();
  t.match(en, { status: 409, currentState: 'draft', detail: 'The mission is draft; it cannot become filled (possible: published, closed)' });
});
