import t from 'tap';
import { setup } from '../helpers/app.js';
import { createOperator, createStructure, signedIn, uniqueName } from '../helpers/factories.js';

/**
 * Function-level (403) and object-level (404) authorisation on the operators and structures
 * that memberships point at, and the cursor pagination every list shares.
 */
const ctx = await setup(t);
const admin = await signedIn(ctx, 'admin');
const ligue = await createOperator(ctx.db, { name: uniqueName('Ligue') });
const unis = await createOperator(ctx.db, { name: uniqueName('Unis-Cité') });
const coordinator = await signedIn(ctx, 'coordinator', { operatorId: ligue.id });
const auchel = await createStructure(ctx.db, { operatorId: ligue.id, name: uniqueName('Auchel') });
const harnes = await createStructure(ctx.db, { operatorId: ligue.id, name: uniqueName('Harnes') });
const foreign = await createStructure(ctx.db, { operatorId: unis.id });
const member = await signedIn(ctx, 'structure_member', { structureId: auchel.id });
const candidate = await signedIn(ctx, 'candidate');
// The fields every new structure needs besides its name.
const where = { kind: 'proximity', communeCode: '62498' };

t.test('operators: an admin creates them; others may not', async (t) => {
  const created = await ctx.call('POST', '/operators', { token: admin.accessToken, body: { name: '  Ligue de l’Enseignement du Nord ' } });
  t.equal(created.statusCode, 201);
  t.equal(created.json().name, 'Ligue de l’Enseignement du Nord', 'trimmed');
  const duplicate = await ctx.call('POST', '/operators', { token: admin.accessToken, body: { name: 'LIGUE DE L’ENSEIGNEMENT DU NORD' } });
  t.equal(duplicate.statusCode, 409);
  t.equal((await ctx.call('POST', '/operators', { token: coordinator.accessToken, body: { name: 'Mine' } })).statusCode, 403);
  const audit = await ctx.db.selectFrom('audit_events').select(['action', 'actor_id']).where('entity_id', '=', created.json().id).execute();
  t.same(audit, [{ action: 'operator.created', actor_id: admin.user.id }]);
});

t.test('operators: each role sees its own', async (t) => {
  const coord = await ctx.call('GET', '/operators', { token: coordinator.accessToken });
  t.same(coord.json().items.map((o: { id: string }) => o.id), [ligue.id], 'a coordinator sees their operator only');
  t.equal((await ctx.call('GET', `/operators/${unis.id}`, { token: coordinator.accessToken })).statusCode, 404);
  t.equal((await ctx.call('GET', `/operators/${ligue.id}`, { token: member.accessToken })).statusCode, 200, 'a member sees their structure’s operator');
  t.equal((await ctx.call('GET', '/operators', { token: candidate.accessToken })).statusCode, 403);
  const all = await ctx.call('GET', '/operators?limit=100', { token: admin.accessToken });
  t.ok(all.json().items.length >= 3);
});

t.test('structures: a coordinator creates them for their operator only', async (t) => {
  const mine = await ctx.call('POST', '/structures', { token: coordinator.accessToken, body: { name: 'Droit de Cité', ...where } });
  t.equal(mine.statusCode, 201);
  t.equal(mine.json().operatorId, ligue.id);
  const theirs = await ctx.call('POST', '/structures', { token: coordinator.accessToken, body: { name: 'Elsewhere', operatorId: unis.id, ...where } });
  t.equal(theirs.statusCode, 404, 'another operator does not exist for them');
  const noOperator = await ctx.call('POST', '/structures', { token: admin.accessToken, body: { name: 'Nowhere', ...where } });
  t.equal(noOperator.statusCode, 422);
  t.match(noOperator.json().errors, [{ path: 'operatorId' }]);
  t.equal((await ctx.call('POST', '/structures', { token: admin.accessToken, body: { name: 'Labanque', operatorId: unis.id, ...where } })).statusCode, 201);
  t.equal((await ctx.call('POST', '/structures', { token: member.accessToken, body: { name: 'X', ...where } })).statusCode, 403);
  t.equal((await ctx.call('POST', '/structures', { token: coordinator.accessToken, body: { name: 'droit de cité', ...where } })).statusCode, 409);
});

t.test('structures: someone else’s is a 404, never its content', async (t) => {
  t.equal((await ctx.call('GET', `/structures/${foreign.id}`, { token: coordinator.accessToken })).statusCode, 404);
  t.equal((await ctx.call('GET', `/structures/${harnes.id}`, { token: member.accessToken })).statusCode, 404, 'a member sees only their structure');
  t.equal((await ctx.call('GET', `/structures/${auchel.id}`, { token: member.accessToken })).statusCode, 200);
  const listed = await ctx.call('GET', '/structures', { token: member.accessToken });
  t.same(listed.json().items.map((s: { id: string }) => s.id), [auchel.id]);
  const coordList = await ctx.call('GET', '/structures?limit=100', { token: coordinator.accessToken });
  t.ok(coordList.json().items.every((s: { operatorId: string }) => s.operatorId === ligue.id));
  t.equal((await ctx.call('GET', `/structures/${auchel.id}`, { token: candidate.accessToken })).statusCode, 403);
});

t.test('cursor pagination walks every row once, newest first, stable while rows are added', async (t) => {
  const operator = await createOperator(ctx.db);
  const created: string[] = [];
  for (let i = 0; i < 23; i++) created.push((await createStructure(ctx.db, { operatorId: operator.id, name: `Page ${i}` })).id);
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/structures?operatorId=${operator.id}&limit=10${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await ctx.call('GET', url, { token: admin.accessToken });
    t.equal(res.statusCode, 200);
    const body: { items: { id: string }[]; nextCursor: string | null } = res.json();
    seen.push(...body.items.map((s) => s.id));
    cursor = body.nextCursor;
    if (pages++ === 0) await createStructure(ctx.db, { operatorId: operator.id, name: 'Added meanwhile' });
  } while (cursor && pages < 10);
  t.equal(pages, 3);
  t.equal(new Set(seen).size, seen.length, 'no row twice');
  t.same([...seen].sort(), [...created].sort(), 'every row once; the row added meanwhile (newer) does not shift the pages');
  const newestFirst = await ctx.db
    .selectFrom('structures')
    .select('id')
    .where('operator_id', '=', operator.id)
    .where('name', '<>', 'Added meanwhile')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  t.same(seen, newestFirst.map((r) => r.id), 'newest first, ties broken by id');

  const q = await ctx.call('GET', `/structures?operatorId=${operator.id}&q=page 1`, { token: admin.accessToken });
  t.same(q.json().items.map((s: { name: string }) => s.name).sort(), ['Page 1', 'Page 10', 'Page 11', 'Page 12', 'Page 13', 'Page 14', 'Page 15', 'Page 16', 'Page 17', 'Page 18', 'Page 19'].sort());
  const literal = await ctx.call('GET', `/structures?operatorId=${operator.id}&q=%25`, { token: admin.accessToken });
  t.equal(literal.json().items.length, 0, 'a % typed by the user is not a wildcard');

  const bad = await ctx.call('GET', '/structures?cursor=not-a-cursor', { token: admin.accessToken });
  t.equal(bad.statusCode, 400);
  t.match(bad.json().errors, [{ in: 'querystring', path: 'cursor' }]);
  const forged = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
  const forgedRes = await ctx.call('GET', `/structures?cursor=${forged}`, { token: admin.accessToken });
  t.equal(forgedRes.statusCode, 400, 'a well-formed cursor with forged values is refused before any SQL');
  t.equal((await ctx.call('GET', '/structures?limit=101', { token: admin.accessToken })).statusCode, 400, 'page size is capped');
});

t.test('control characters in a name or a search are a 400, not a database error', async (t) => {
  const nul = await ctx.call('POST', '/operators', { token: admin.accessToken, body: { name: 'Ligue\u0000 du Nord' } });
  t.equal(nul.statusCode, 400);
  t.match(nul.json().errors, [{ path: 'name', message: /caractères de contrôle/ }]);
  const q = await ctx.call('GET', '/structures?q=a%00b', { token: admin.accessToken });
  t.equal(q.statusCode, 400);
  t.match(q.json().errors, [{ in: 'querystring', path: 'q' }]);
  const reg = await ctx.call('POST', '/auth/register', { body: { email: 'nul@example.fr', password: 'a fine passphrase', fullName: 'A\u0000B' } });
  t.equal(reg.statusCode, 400);
});

t.test('mass assignment: fields a caller may not set are refused', async (t) => {
  const extra = await ctx.call('POST', '/structures', { token: coordinator.accessToken, body: { name: 'With id', ...where, id: '00000000-0000-4000-8000-000000000000' } });
  t.equal(extra.statusCode, 400);
  t.match(extra.json().errors, [{ path: 'id' }]);
  const operator = await ctx.call('POST', '/operators', { token: admin.accessToken, body: { name: 'With date', createdAt: '2020-01-01T00:00:00Z' } });
  t.equal(operator.statusCode, 400);
  const candidateScope = await ctx.call('POST', '/auth/register', { body: { email: 'scope@example.fr', password: 'a fine passphrase', operatorId: ligue.id } });
  t.equal(candidateScope.statusCode, 400);
  t.match(candidateScope.json().errors, [{ path: 'operatorId' }]);
});

t.test('operators carry their accreditation and department; an admin changes them', async (t) => {
  const created = await ctx.call('POST', '/operators', {
    token: admin.accessToken,
    body: { name: 'Ligue 59', accreditationNumber: 'NA-059-18-00001-00', department: '59' },
  });
  t.equal(created.statusCode, 201);
  t.match(created.json(), { accreditationNumber: 'NA-059-18-00001-00', department: '59' });
  const bad = await ctx.call('POST', '/operators', { token: admin.accessToken, body: { name: 'Ligue 999', department: '999' } });
  t.match(bad.json().errors, [{ path: 'department' }]);
  const changed = await ctx.call('PATCH', `/operators/${created.json().id}`, { token: admin.accessToken, body: { department: '62', accreditationNumber: null } });
  t.equal(changed.statusCode, 200);
  t.match(changed.json(), { department: '62', accreditationNumber: null });
  t.equal((await ctx.call('PATCH', `/operators/${ligue.id}`, { token: coordinator.accessToken, body: { department: '59' } })).statusCode, 403);
  t.equal((await ctx.call('PATCH', `/operators/${created.json().id}`, { token: admin.accessToken, body: { name: unis.name } })).statusCode, 409);
});
