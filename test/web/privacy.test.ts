import t from 'tap';
import { setup } from '../helpers/app.js';
import { createApplication, createMission, createProfile, createUser, TEST_PASSWORD } from '../helpers/factories.js';
import { SESSION_COOKIE, textOf, Visitor } from './helpers.js';

const ctx = await setup(t);

async function signedInVisitor(role: Parameters<typeof createUser>[1], values: Parameters<typeof createUser>[2] = {}) {
  const user = await createUser(ctx.db, role, values);
  const visitor = new Visitor(ctx);
  await visitor.signIn(user.email);
  return { user, visitor };
}

t.test('« Mes données » for a candidate: the export and the deletion explained', async (t) => {
  const { visitor } = await signedInVisitor('candidate');
  const page = await visitor.get('/mes-donnees');
  t.equal(page.statusCode, 200);
  t.match(page.body, 'href="/mes-donnees/telechargement"');
  t.match(page.body, 'href="/mes-donnees/supprimer-mon-compte"');
  t.match(page.body, 'aria-current="page"');
  const deletion = await visitor.get('/mes-donnees/supprimer-mon-compte');
  t.equal(deletion.statusCode, 200);
  const text = textOf(deletion.body);
  t.match(text, 'Ce qui est effacé');
  t.match(text, 'Ce qui est gardé, et pourquoi');
  t.match(text, 'La loi demande');
  t.match(text, '3 mois');
  t.match(deletion.body, 'type="password"');
  t.match(deletion.body, 'autocomplete="current-password"');
});

t.test('the export downloads the JSON of the signed-in person only', async (t) => {
  const { user, visitor } = await signedInVisitor('candidate', { fullName: 'Léa Export' });
  await createProfile(ctx.db, user.id, { firstName: 'Léa' });
  const other = await createUser(ctx.db, 'candidate', { fullName: 'Quelqu’un d’autre' });
  await createProfile(ctx.db, other.id, { firstName: 'Autre' });
  const res = await visitor.get('/mes-donnees/telechargement');
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^application\/json; charset=utf-8/);
  t.match(res.headers['content-disposition'], /^attachment; filename="binome-mes-donnees-\d{4}-\d{2}-\d{2}\.json"$/);
  t.equal(res.headers['cache-control'], 'no-store');
  const data = res.json() as { account: { id: string; email: string; full_name: string }; profile: { first_name: string } };
  t.equal(data.account.id, user.id);
  t.equal(data.account.email, user.email);
  t.equal(data.account.full_name, 'Léa Export');
  t.equal(data.profile.first_name, 'Léa');
  t.notMatch(res.body, other.email, 'nobody else’s data');
  t.notMatch(res.body, 'Autre');
  const audit = await ctx.db.selectFrom('audit_events').select('action').where('actor_id', '=', user.id).where('action', '=', 'user.data-exported').execute();
  t.equal(audit.length, 1, 'the export is audited');

  // Staff export their data too (no deletion of their own).
  const { user: member, visitor: staff } = await signedInVisitor('structure_member');
  const page = await staff.get('/mes-donnees');
  t.equal(page.statusCode, 200);
  t.notMatch(page.body, 'href="/mes-donnees/supprimer-mon-compte"');
  t.match(textOf(page.body), 'fermés par un administrateur');
  const staffExport = await staff.get('/mes-donnees/telechargement');
  t.equal(staffExport.statusCode, 200);
  t.equal((staffExport.json() as { account: { id: string } }).account.id, member.id);
  t.equal((await staff.get('/mes-donnees/supprimer-mon-compte')).statusCode, 403);
  t.equal((await staff.post('/mes-donnees/supprimer-mon-compte', { password: TEST_PASSWORD })).statusCode, 403);
  t.ok(await ctx.db.selectFrom('users').select('id').where('id', '=', member.id).where('anonymised_at', 'is', null).executeTakeFirst(), 'the staff account stays');

  const anonymous = await new Visitor(ctx).get('/mes-donnees/telechargement');
  t.equal(anonymous.statusCode, 302);
  t.equal(anonymous.headers.location, '/connexion?next=%2Fmes-donnees%2Ftelechargement');
});

t.test('deletion: a wrong password is refused beside the field, the right one erases and signs out', async (t) => {
  const { user, visitor } = await signedInVisitor('candidate', { fullName: 'Léa À Supprimer' });
  await createProfile(ctx.db, user.id);
  await ctx.db.insertInto('candidate_disabilities').values({ user_id: user.id, recognised: true, consent_at: new Date() }).execute();
  const mission = await createMission(ctx.db);
  await createApplication(ctx.db, { missionId: mission.id, candidateId: user.id, motivation: 'Ma motivation' });

  await visitor.get('/mes-donnees/supprimer-mon-compte');
  const empty = await visitor.post('/mes-donnees/supprimer-mon-compte', { password: '' });
  t.equal(empty.statusCode, 400);
  const wrong = await visitor.post('/mes-donnees/supprimer-mon-compte', { password: 'not the password at all' });
  t.equal(wrong.statusCode, 422);
  t.match(wrong.body, '<title>Erreur : Supprimer mon compte');
  t.match(wrong.body, 'id="champ-password-erreur"', 'the error beside the password');
  t.notMatch(wrong.body, 'not the password at all', 'a password is never sent back');
  t.ok(await ctx.db.selectFrom('users').select('id').where('id', '=', user.id).where('anonymised_at', 'is', null).executeTakeFirst(), 'nothing erased');

  const oldCookie = visitor.cookies.get(SESSION_COOKIE)!;
  const done = await visitor.post('/mes-donnees/supprimer-mon-compte', { password: TEST_PASSWORD });
  t.equal(done.statusCode, 303);
  t.equal(done.headers.location, '/compte-supprime');
  t.notOk(visitor.cookies.has(SESSION_COOKIE), 'the cookie is cleared');
  const confirmation = await visitor.get('/compte-supprime');
  t.equal(confirmation.statusCode, 200);
  t.match(textOf(confirmation.body), 'Votre compte est supprimé');
  t.match(confirmation.body, 'href="/connexion"', 'signed out');

  // The old cookie no longer opens anything.
  const replay = new Visitor(ctx);
  replay.cookies.set(SESSION_COOKIE, oldCookie);
  const again = await replay.get('/mes-donnees');
  t.equal(again.statusCode, 302);
  t.match(again.headers.location, /^\/connexion/);

  const row = await ctx.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
  t.ok(row.anonymised_at, 'anonymised');
  t.equal(row.full_name, null);
  t.not(row.email, user.email);
  t.notOk(await ctx.db.selectFrom('candidate_profiles').select('user_id').where('user_id', '=', user.id).executeTakeFirst(), 'no placement: the profile is gone');
  t.notOk(await ctx.db.selectFrom('candidate_disabilities').select('user_id').where('user_id', '=', user.id).executeTakeFirst(), 'the disability record is gone');
  const application = await ctx.db.selectFrom('applications').select(['motivation', 'status']).where('candidate_id', '=', user.id).executeTakeFirstOrThrow();
  t.equal(application.motivation, '');
  t.equal(application.status, 'withdrawn');
  // Signing in again is impossible.
  const signIn = new Visitor(ctx);
  await signIn.get('/connexion');
  t.equal((await signIn.post('/connexion', { email: user.email, password: TEST_PASSWORD })).statusCode, 401);
});

t.test('CSRF: the deletion needs the token', async (t) => {
  const { user, visitor } = await signedInVisitor('candidate');
  await visitor.get('/mes-donnees/supprimer-mon-compte');
  const res = await visitor.post('/mes-donnees/supprimer-mon-compte', { password: TEST_PASSWORD }, { csrf: false });
  t.equal(res.statusCode, 403);
  t.match(textOf(res.body), 'La page a expiré');
  const other = await signedInVisitor('candidate');
  const foreign = await visitor.post('/mes-donnees/supprimer-mon-compte', { password: TEST_PASSWORD }, { csrf: other.visitor.csrf! });
  t.equal(foreign.statusCode, 403, 'another session’s token');
  t.ok(await ctx.db.selectFrom('users').select('id').where('id', '=', user.id).where('anonymised_at', 'is', null).executeTakeFirst(), 'the account stays');
});

t.test('hostile text stays text', async (t) => {
  const { visitor } = await signedInVisitor('candidate', { fullName: '<script>alert("x")</script>' });
  for (const url of ['/mes-donnees', '/mes-donnees/supprimer-mon-compte']) {
    const page = await visitor.get(url);
    t.notMatch(page.body, '<script>alert', url);
  }
  const download = await visitor.get('/mes-donnees/telechargement');
  t.match(download.headers['content-type'], /application\/json/, 'JSON, never HTML');
});
