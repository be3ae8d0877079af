import t from 'tap';
import { seed } from '../../db/seed.js';
import { setup } from '../helpers/app.js';

const ctx = await setup(t);

t.test('the seed adds the story’s operators and structures once', async (t) => {
  // An operator created by hand in another case is the same operator (unique on lower(name)).
  await ctx.db.insertInto('operators').values({ name: 'UNIS-CITÉ' }).execute();
  const first = await seed(ctx.db);
  t.same(first, { operators: 1, structures: 10 });
  t.same(await seed(ctx.db), { operators: 0, structures: 0 }, 'running it again changes nothing');
  const ligue = await ctx.db.selectFrom('operators').select('id').where('name', '=', 'Ligue de l’Enseignement du Pas-de-Calais').executeTakeFirstOrThrow();
  const structures = await ctx.db.selectFrom('structures').select('name').where('operator_id', '=', ligue.id).execute();
  t.ok(structures.some((s) => s.name === 'Louvre-Lens'));
});
