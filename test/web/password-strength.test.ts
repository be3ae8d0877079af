import t from 'tap';
import { hashToken, newOpaqueToken } from '../../src/lib/tokens.js';
import { PASSWORD_HINT } from '../../src/web/labels.js';
import { setup } from '../helpers/app.js';
import { createStructure, createUser, signIn, TEST_PASSWORD, uniqueEmail } from '../helpers/factories.js';
import { textOf, Visitor } from './helpers.js';

// The password rule (src/lib/password-policy.ts) where people meet it: the API's problem and the
// console's pages. The rule's own cases are in test/lib/password-policy.test.ts.
const ctx = await setup(t);

const MARSEILLE = 'est trop facile à deviner. Ajoutez des mots moins courants. Utilisez des majuscules mais pas seulement sur la première lettre.';
const AZERTY =
  'est trop facile à deviner. Les lignes droites de touches de votre clavier sont faciles à deviner. Ajoutez des mots moins courants. ' +
  'Utilisez des motifs de clavier plus longs et changez de sens de frappe plusieurs fois.';
const PERSONAL_ADVICE = 'Le mot de passe ne doit pas comporter de données personnelles ou liées au site. Ajoutez des mots moins courants.';
// The API's field message; the pages show the service's sentence beside the field.
const PERSONAL = `est trop facile à deviner. ${PERSONAL_ADVICE}`;
const PERSONAL_SENTENCE = `Ce mot de passe est trop facile à deviner. ${PERSONAL_ADVICE}`;

/** The text of the error beside a field of a page, as FieldNotes writes it. */
function fieldError(html: string, name: string): string | undefined {
  const match = new RegExp(`<p class="field-error" id="champ-${name}-erreur">(.*?)</p>`, 's').exec(html);
  return match ? textOf(match[1]!).replace(/^Erreur : /, '') : undefined;
}

t.test('the API refuses a simple password: 400, problem+json naming the field with zxcvbn’s French advice', async (t) => {
  const res = await ctx.call('POST', '/auth/register', { body: { email: uniqueEmail(), password: 'Marseille2024' } });
  t.equal(res.statusCode, 400);
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(res.json(), { type: 'urn:binome:problem:validation', status: 400 });
  t.same(res.json().errors, [{ in: 'body', path: 'password', message: MARSEILLE }]);
  t.equal(res.json().detail, `Des champs sont invalides : password : ${MARSEILLE}`, 'one full stop at the end');

  const en = await ctx.call('POST', '/auth/register', { body: { email: uniqueEmail(), password: 'Marseille2024' }, headers: { 'accept-language': 'en' } });
  t.same(en.json().errors, [{ in: 'body', path: 'password', message: 'is too easy to guess; add a few uncommon words, or make it longer' }]);

  const ok = await ctx.call('POST', '/auth/register', { body: { email: uniqueEmail(), password: 'cheval-agrafe-batterie-correcte' } });
  t.equal(ok.statusCode, 201);
});

t.test('the API refuses a password built on the person’s own name: 422 naming the field', async (t) => {
  const email = `jean.dupont.${Date.now()}@example.org`;
  const res = await ctx.call('POST', '/auth/register', { body: { email, fullName: 'Jean Dupont', password: 'JeanDupont2024' } });
  t.equal(res.statusCode, 422);
  t.same(res.json().errors, [{ path: 'password', message: PERSONAL }]);
  t.equal(await ctx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst(), undefined, 'no account');
  const someoneElse = await ctx.call('POST', '/auth/register', { body: { email: uniqueEmail(), fullName: 'Léa Petit', password: 'JeanDupont2024' } });
  t.equal(someoneElse.statusCode, 201, 'the same password for someone else');

  const user = await createUser(ctx.db, 'candidate', { email: `marie.curie.${Date.now()}@example.org`, fullName: 'Marie Curie' });
  const { accessToken } = await signIn(ctx, user);
  const change = await ctx.call('POST', '/me/password', { token: accessToken, body: { currentPassword: TEST_PASSWORD, newPassword: 'MarieCurie2024' } });
  t.equal(change.statusCode, 422);
  t.same(change.json().errors, [{ path: 'newPassword', message: PERSONAL }]);
  const simple = await ctx.call('POST', '/me/password', { token: accessToken, body: { currentPassword: TEST_PASSWORD, newPassword: 'soleil123456' } });
  t.equal(simple.statusCode, 400);
  t.same(simple.json().errors, [{ in: 'body', path: 'newPassword', message: 'est trop facile à deviner. Ajoutez des mots moins courants.' }]);
});

t.test('the sign-up page shows the rule as a hint and the refusal beside the field', async (t) => {
  const visitor = new Visitor(ctx);
  const page = await visitor.get('/inscription');
  t.match(textOf(page.body), PASSWORD_HINT);
  const res = await visitor.post('/inscription', { fullName: '', email: uniqueEmail(), password: 'azertyuiop12' });
  t.equal(res.statusCode, 400);
  t.match(res.body, /id="champ-password"[^>]*aria-invalid="true"/);
  t.equal(fieldError(res.body, 'password'), AZERTY);

  const email = `jean.dupont.${Date.now()}@example.org`;
  const personal = await visitor.post('/inscription', { fullName: 'Jean Dupont', email, password: 'JeanDupont2024' });
  t.equal(personal.statusCode, 422);
  t.equal(fieldError(personal.body, 'password'), PERSONAL_SENTENCE);
});

t.test('the change-password and reset pages show the hint and the refusal beside the field', async (t) => {
  const user = await createUser(ctx.db, 'candidate', { fullName: 'Camille Martin' });
  const visitor = new Visitor(ctx);
  await visitor.signIn(user.email);
  const form = await visitor.get('/compte/mot-de-passe');
  t.match(textOf(form.body), PASSWORD_HINT);
  const res = await visitor.post('/compte/mot-de-passe', { currentPassword: TEST_PASSWORD, newPassword: 'motdepasse12', confirmPassword: 'motdepasse12' });
  t.equal(res.statusCode, 400);
  t.equal(fieldError(res.body, 'newPassword'), 'est trop facile à deviner. Ajoutez des mots moins courants.');
  const personal = await visitor.post('/compte/mot-de-passe', { currentPassword: TEST_PASSWORD, newPassword: 'CamilleMartin2024', confirmPassword: 'CamilleMartin2024' });
  t.equal(personal.statusCode, 422);
  t.equal(fieldError(personal.body, 'newPassword'), PERSONAL_SENTENCE);

  const reset = await new Visitor(ctx).get('/nouveau-mot-de-passe?jeton=abc');
  t.match(textOf(reset.body), PASSWORD_HINT);
});

t.test('a reset link: a password on the account’s name is refused beside the field, and the link still works', async (t) => {
  const user = await createUser(ctx.db, 'candidate', { email: `paul.durand.${Date.now()}@example.org`, fullName: 'Paul Durand' });
  const token = newOpaqueToken();
  await ctx.db
    .insertInto('password_reset_tokens')
    .values({ user_id: user.id, token_hash: hashToken(token), created_at: new Date(), expires_at: new Date(Date.now() + 3_600_000) })
    .execute();
  const visitor = new Visitor(ctx);
  await visitor.get(`/nouveau-mot-de-passe?jeton=${token}`);
  const personal = await visitor.post('/nouveau-mot-de-passe', { token, password: 'PaulDurand2024', confirmPassword: 'PaulDurand2024' });
  t.equal(personal.statusCode, 422);
  t.equal(fieldError(personal.body, 'password'), PERSONAL_SENTENCE);
  const ok = await visitor.post('/nouveau-mot-de-passe', { token, password: 'cheval-agrafe-batterie-correcte', confirmPassword: 'cheval-agrafe-batterie-correcte' });
  t.equal(ok.statusCode, 303, 'the refusal did not use the link up');
});

t.test('the invitation page shows the hint and refuses a password on the invited e-mail beside the field', async (t) => {
  const coordinator = await createUser(ctx.db, 'coordinator');
  const structure = await createStructure(ctx.db, { operatorId: coordinator.operator_id! });
  const token = newOpaqueToken();
  const email = `sophie.moreau.${Date.now()}@example.org`;
  await ctx.db
    .insertInto('invitations')
    .values({ email, role: 'structure_member', full_name: 'Sophie Moreau', structure_id: structure.id, invited_by: coordinator.id, token_hash: hashToken(token), expires_at: new Date(Date.now() + 3_600_000) })
    .execute();
  const visitor = new Visitor(ctx);
  const page = await visitor.get(`/invitation?jeton=${token}`);
  t.equal(page.statusCode, 200);
  t.match(textOf(page.body), PASSWORD_HINT);
  const simple = await visitor.post('/invitation', { token, fullName: 'Sophie Moreau', password: 'soleil123456', confirmPassword: 'soleil123456' });
  t.equal(simple.statusCode, 400);
  t.equal(fieldError(simple.body, 'password'), 'est trop facile à deviner. Ajoutez des mots moins courants.');
  const personal = await visitor.post('/invitation', { token, fullName: 'Sophie Moreau', password: 'SophieMoreau2024', confirmPassword: 'SophieMoreau2024' });
  t.equal(personal.statusCode, 422);
  t.equal(fieldError(personal.body, 'password'), PERSONAL_SENTENCE);
  const ok = await visitor.post('/invitation', { token, fullName: 'Sophie Moreau', password: 'cheval-agrafe-batterie-correcte', confirmPassword: 'cheval-agrafe-batterie-correcte' });
  t.equal(ok.statusCode, 303);
});
