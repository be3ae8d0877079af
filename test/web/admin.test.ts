import t from 'tap';
import { createOperator, createUser, TEST_PASSWORD } from '../helpers/factories.js';
import { setup } from '../helpers/app.js';
import { SESSION_COOKIE, textOf, Visitor } from './helpers.js';

const ctx = await setup(t);

async function admin() {
  const visitor = new Visitor(ctx);
  await visitor.signIn((await createUser(ctx.db, 'admin')).email);
  return visitor;
}

t.test('the admin’s home links to each area, the indemnity rates included', async (t) => {
  const visitor = await admin();
  const res = await visitor.get('/admin');
  t.equal(res.statusCode, 200);
  for (const href of ['/admin/organismes', '/admin/coordinateurs', '/admin/baremes', '/admin/envois']) t.match(res.body, `href="${href}"`);
  t.match(textOf(res.body), 'Barèmes d’indemnité');
});

t.test('admin pages refuse the others: sign-in, 403 for coordinators, members and candidates', async (t) => {
  const anonymous = await new Visitor(ctx).get('/admin/envois');
  t.equal(anonymous.statusCode, 302);
  t.equal(anonymous.headers.location, '/connexion?next=%2Fadmin%2Fenvois');
  for (const role of ['coordinator', 'structure_member', 'candidate'] as const) {
    const visitor = new Visitor(ctx);
    await visitor.signIn((await createUser(ctx.db, role)).email);
    for (const url of ['/admin', '/admin/organismes', '/admin/coordinateurs', '/admin/envois']) t.equal((await visitor.get(url)).statusCode, 403, `${role} ${url}`);
    await visitor.get('/gestion');
    t.equal((await visitor.post('/admin/organismes', { name: 'Par un autre rôle' })).statusCode, 403, `${role} posting`);
  }
  t.notOk(await ctx.db.selectFrom('operators').select('id').where('name', '=', 'Par un autre rôle').executeTakeFirst());
});

t.test('operators: created, listed, searched; a refused one comes back filled; hostile text stays text', async (t) => {
  const visitor = await admin();
  await visitor.get('/admin/organismes');
  const bad = await visitor.post('/admin/organismes', { name: 'Ligue <img src=x onerror=alert(1)>', department: '999' });
  t.equal(bad.statusCode, 400);
  t.match(bad.body, /id="champ-department-erreur"/);
  t.match(bad.body, 'value="Ligue &lt;img src=x onerror=alert(1)>"');
  const name = `Ligue <b>${Date.now()}</b>`;
  const created = await visitor.post('/admin/organismes', { name, accreditationNumber: 'NA-062-18-00012-00', department: '62' });
  t.equal(created.statusCode, 303);
  const list = await visitor.get(created.headers.location as string);
  t.match(textOf(list.body), 'L’organisme est créé.');
  t.match(list.body, name.replace('<', '&lt;').replace('</', '&lt;/'));
  t.notMatch(list.body, name);
  t.match(textOf((await visitor.get(`/admin/organismes?q=${encodeURIComponent('Ligue <b>')}`)).body), 'Agrément NA-062-18-00012-00');
  await visitor.get('/admin/organismes');
  const twice = await visitor.post('/admin/organismes', { name });
  t.equal(twice.statusCode, 409);
  t.match(twice.body, /id="champ-name-erreur"/);
});

t.test('coordinators: an invitation e-mailed with its link, the invitee’s account made from the link', async (t) => {
  const visitor = await admin();
  const operator = await createOperator(ctx.db, { name: `Organisme ${Date.now()}` });
  const page = await visitor.get('/admin/coordinateurs');
  t.match(page.body, `<option value="${operator.id}"`);
  const refused = await visitor.post('/admin/coordinateurs/invitations', { operatorId: '', email: 'sam@example.fr', fullName: 'Sam' });
  t.equal(refused.statusCode, 400);
  t.match(refused.body, /id="champ-operatorId-erreur"/);
  t.match(refused.body, 'value="sam@example.fr"');
  const email = `sam.${Date.now()}@example.fr`;
  const sent = await visitor.post('/admin/coordinateurs/invitations', { operatorId: operator.id, email, fullName: 'Sam Leroy' });
  t.equal(sent.statusCode, 303);
  t.match(textOf((await visitor.get(sent.headers.location as string)).body), `Sam Leroy — ${email} (${operator.name}) En attente`);
  const message = await ctx.db.selectFrom('outbox').selectAll().where('to_address', '=', email).executeTakeFirstOrThrow();
  t.match(message.body, `coordonner les programmes de ${operator.name}`);
  const path = /\/invitation\?jeton=[A-Za-z0-9_-]+/.exec(message.body)![0];
  const invitee = new Visitor(ctx);
  await invitee.get(path);
  const token = new URL(path, 'http://x').searchParams.get('jeton')!;
  const accepted = await invitee.post('/invitation', { token, fullName: 'Sam Leroy', password: TEST_PASSWORD, confirmPassword: TEST_PASSWORD });
  t.equal(accepted.statusCode, 303);
  t.ok(invitee.cookies.get(SESSION_COOKIE));
  const user = await ctx.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
  t.same([user.role, user.operator_id], ['coordinator', operator.id]);
  t.match(textOf((await visitor.get('/admin/coordinateurs')).body), `Sam Leroy ${email} — ${operator.name}`);

  const again = await visitor.post('/admin/coordinateurs/invitations', { operatorId: operator.id, email });
  t.equal(again.statusCode, 409, 'an address that has an account');
  t.match(again.body, /id="champ-email-erreur"/);
});

t.test('the outbox: pending and failed messages; a failed one sent again, another refused', async (t) => {
  const visitor = await admin();
  const now = new Date();
  const [failed, sent] = await ctx.db
    .insertInto('outbox')
    .values([
      { to_address: 'echec@example.fr', subject: 'Sujet <en échec>', body: 'Corps', kind: 'test', status: 'failed', attempts: 6, last_error: '550 mailbox <unavailable>', created_at: now, next_attempt_at: now },
      { to_address: 'parti@example.fr', subject: 'Parti', body: 'Corps', kind: 'test', status: 'sent', attempts: 1, created_at: now, next_attempt_at: now, sent_at: now },
    ])
    .returningAll()
    .execute();
  const list = await visitor.get('/admin/envois?statut=failed');
  t.equal(list.statusCode, 200);
  t.match(list.body, 'Sujet &lt;en échec>');
  t.match(textOf(list.body), '550 mailbox <unavailable>');
  t.match(list.body, `action="/admin/envois/${failed!.id}/renvoyer"`);
  t.match(textOf((await visitor.get('/admin')).body), /\d+ en attente, \d+ en échec/);

  const retried = await visitor.post(`/admin/envois/${failed!.id}/renvoyer`, {});
  t.equal(retried.statusCode, 303);
  t.match(textOf((await visitor.get(retried.headers.location as string)).body), 'Le message repart');
  const row = await ctx.db.selectFrom('outbox').selectAll().where('id', '=', failed!.id).executeTakeFirstOrThrow();
  t.same([row.status, row.attempts], ['pending', 0]);

  await visitor.get('/admin/envois?statut=sent');
  const refused = await visitor.post(`/admin/envois/${sent!.id}/renvoyer`, {});
  t.equal(refused.statusCode, 409);
  t.match(textOf(refused.body), 'Seul un message en échec peut être renvoyé');
  t.equal((await visitor.post('/admin/envois/00000000-0000-4000-8000-000000000000/renvoyer', {})).statusCode, 404);
  t.equal((await visitor.post(`/admin/envois/${failed!.id}/renvoyer`, {}, { csrf: false })).statusCode, 403, 'CSRF');
});

t.test('an operator changed from its own page: filled, saved, a refusal beside its field; admins only', async (t) => {
  const visitor = await admin();
  const operator = await createOperator(ctx.db, { name: `Ligue à changer ${Date.now()}` });
  const neighbour = await createOperator(ctx.db, { name: `Ligue voisine ${Date.now()}` });
  await ctx.db.updateTable('operators').set({ accreditation_number: 'NA-062-18-00012-00', department: '62' }).where('id', '=', operator.id).execute();

  const list = await visitor.get(`/admin/organismes?q=${encodeURIComponent(operator.name)}`);
  t.match(list.body, `href="/admin/organismes/${operator.id}/modifier"`);
  const form = await visitor.get(`/admin/organismes/${operator.id}/modifier`);
  t.equal(form.statusCode, 200);
  t.match(form.body, `value="${operator.name}"`);
  t.match(form.body, 'value="NA-062-18-00012-00"');
  t.match(form.body, 'value="62"');

  const bad = await visitor.post(`/admin/organismes/${operator.id}/modifier`, { name: '<script>alert(1)</script>', accreditationNumber: '', department: '999' });
  t.equal(bad.statusCode, 400);
  t.match(bad.body, /id="champ-department-erreur"/);
  t.match(bad.body, 'value="&lt;script>alert(1)&lt;/script>"');
  t.notMatch(bad.body, '<script>alert(1)');
  t.match(bad.body, 'value="999"');
  const nameless = await visitor.post(`/admin/organismes/${operator.id}/modifier`, { name: '', department: '62' });
  t.equal(nameless.statusCode, 400);
  t.match(textOf(nameless.body), 'Nom de l’organisme : obligatoire');
  const taken = await visitor.post(`/admin/organismes/${operator.id}/modifier`, { name: neighbour.name, department: '62' });
  t.equal(taken.statusCode, 409);
  t.match(taken.body, /id="champ-name-erreur"/);
  t.match(taken.body, `value="${neighbour.name}"`);

  const name = `Ligue changée ${Date.now()}`;
  const saved = await visitor.post(`/admin/organismes/${operator.id}/modifier`, { name, accreditationNumber: '', department: '59' });
  t.equal(saved.statusCode, 303);
  const after = textOf((await visitor.get(saved.headers.location as string)).body);
  t.match(after, 'L’organisme est enregistré.');
  t.match(after, name);
  const row = await ctx.db.selectFrom('operators').selectAll().where('id', '=', operator.id).executeTakeFirstOrThrow();
  t.same([row.name, row.accreditation_number, row.department], [name, null, '59'], 'the emptied number cleared');

  t.equal((await visitor.get('/admin/organismes/00000000-0000-4000-8000-000000000000/modifier')).statusCode, 404);
  t.equal((await visitor.get('/admin/organismes/pas-un-id/modifier')).statusCode, 404);
  const coordinator = new Visitor(ctx);
  await coordinator.signIn((await createUser(ctx.db, 'coordinator', { operatorId: operator.id })).email);
  t.equal((await coordinator.get(`/admin/organismes/${operator.id}/modifier`)).statusCode, 403, 'not even their own operator');
  await coordinator.get('/gestion');
  t.equal((await coordinator.post(`/admin/organismes/${operator.id}/modifier`, { name: 'Par la coordination' })).statusCode, 403);
  t.equal((await ctx.db.selectFrom('operators').select('name').where('id', '=', operator.id).executeTakeFirstOrThrow()).name, name);
});
