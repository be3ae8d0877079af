import t from 'tap';
import { setup } from '../../helpers/app.js';
import { createEdition, createOperator, signedIn } from '../../helpers/factories.js';

/** The forum's street address through the API: optional on create, changed or cleared on update, read back. */
const ctx = await setup(t);
const ligue = await createOperator(ctx.db);
const token = (await signedIn(ctx, 'coordinator', { operatorId: ligue.id })).accessToken;
const edition = await createEdition(ctx.db, { operatorId: ligue.id, startsOn: '2018-11-01', endsOn: '2019-06-30' });
const body = { title: 'Forum de Lens', venue: 'Maison syndicale', communeCode: '62498', heldOn: '2018-10-17', startsAt: '14:00', endsAt: '17:00' };
const create = (extra: Record<string, unknown>) => ctx.call('POST', `/editions/${edition.id}/forums`, { token, body: { ...body, ...extra } });

t.test('create: with an address, trimmed; without, null', async (t) => {
  const res = await create({ address: '  12 rue Jean-Jaurès ' });
  t.equal(res.statusCode, 201, res.body);
  t.equal(res.json().address, '12 rue Jean-Jaurès');
  t.equal((await ctx.call('GET', `/forums/${res.json().id}`, { token })).json().address, '12 rue Jean-Jaurès', 'read back');
  t.equal((await create({})).json().address, null, 'none given');
  t.equal((await create({ address: '' })).json().address, null, 'an empty address is none');
});

t.test('update: changed, kept when left out, cleared by null or an empty text', async (t) => {
  const forum = (await create({ address: '12 rue Jean-Jaurès' })).json() as { id: string; version: number };
  const patch = (changes: Record<string, unknown>, version: number) => ctx.call('PATCH', `/forums/${forum.id}`, { token, body: changes, headers: { 'if-match': `"${version}"` } });
  let res = await patch({ address: '3 place du Cantin' }, forum.version);
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.json().address, '3 place du Cantin');
  res = await patch({ venue: 'Salle des fêtes' }, res.json().version);
  t.equal(res.json().address, '3 place du Cantin', 'kept when left out');
  res = await patch({ address: null }, res.json().version);
  t.equal(res.json().address, null, 'null clears it');
  res = await patch({ address: '1 rue Paul-Bert' }, res.json().version);
  res = await patch({ address: '' }, res.json().version);
  t.equal(res.json().address, null, 'an empty text clears it');
  const row = await ctx.db.selectFrom('forums').select('address').where('id', '=', forum.id).executeTakeFirstOrThrow();
  t.equal(row.address, null, 'stored as null, never as an empty text');
});

t.test('refusals: too long, a control character, not a text: 400 naming the field', async (t) => {
  const forum = (await create({})).json() as { id: string; version: number };
  for (const address of ['x'.repeat(301), 'rue\nJaurès', 12]) {
    for (const res of [await create({ address }), await ctx.call('PATCH', `/forums/${forum.id}`, { token, body: { address }, headers: { 'if-match': `"${forum.version}"` } })]) {
      t.equal(res.statusCode, 400, JSON.stringify(address));
      t.ok(res.json().errors.some((e: { path: string }) => e.path === 'address'), 'names address');
    }
  }
  t.equal((await create({ address: 'x'.repeat(300) })).statusCode, 201, '300 characters are allowed');
});

t.test('the database refuses an empty or too long address whatever writes it', async (t) => {
  const forum = (await create({})).json() as { id: string };
  for (const address of ['', 'x'.repeat(301)]) {
    await t.rejects(ctx.db.updateTable('forums').set({ address }).where('id', '=', forum.id).execute(), /check constraint|violates/i, JSON.stringify(address.slice(0, 5)));
  }
});
