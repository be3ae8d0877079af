import t from 'tap';
import { createTestDatabase } from '../helpers/database.js';
import { createPlacedBinome, createPublicPartner } from '../helpers/programme-factories.js';

// The fixtures of issue 16 hold against the schema's own checks (composite keys, tutors, kinds).
t.test('a placed binôme and a public partner satisfy the schema', async (t) => {
  const database = await createTestDatabase();
  t.teardown(() => database.close());
  const { db } = database;
  const placed = await createPlacedBinome(db);
  const members = await db.selectFrom('binome_members').select('candidate_id').where('binome_id', '=', placed.binomeId).where('active', '=', true).execute();
  t.same(members.map((m) => m.candidate_id).sort(), placed.volunteers.map((v) => v.id).sort(), 'two active members');
  t.equal(placed.endsOn, '2027-07-31', 'six months from 1 February end on 31 July');
  const partner = await createPublicPartner(db, { operatorId: placed.operatorId });
  t.equal(partner.kind, 'public_partner');
  t.same(partner.public_types, ['ehpad']);
});
