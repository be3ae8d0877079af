import t from 'tap';
import { down, up } from '../../migrations/2026-12-03T0900_mission_submissions.js';
import { setup } from '../helpers/app.js';
import { createMission, createUser } from '../helpers/factories.js';

/**
 * The migration that stores a mission's submission carries over those the audit trail held:
 * a draft submitted after its last status move is submitted; one moved since, or not a draft,
 * is not.
 */
const ctx = await setup(t);

t.test('the audit trail’s submissions become the missions’ submitted_at', async (t) => {
  const member = await createUser(ctx.db, 'structure_member');
  const submitted = await createMission(ctx.db, { status: 'draft' });
  const movedSince = await createMission(ctx.db, { status: 'draft' });
  const never = await createMission(ctx.db, { status: 'draft' });
  const published = await createMission(ctx.db, { status: 'published' });
  await down(ctx.db);
  const at = (iso: string) => new Date(iso);
  const audit = (missionId: string, when: string) =>
    ctx.db.insertInto('audit_events').values({ actor_id: member.id, action: 'mission.submitted', entity_type: 'mission', entity_id: missionId, at: at(when) }).execute();
  await audit(submitted.id, '2026-11-01T10:00:00Z');
  await audit(submitted.id, '2026-11-02T10:00:00Z');
  await audit(movedSince.id, '2026-11-01T10:00:00Z');
  await audit(published.id, '2026-11-01T10:00:00Z');
  // Published then withdrawn after the submission: to be submitted again.
  await ctx.db
    .insertInto('status_transitions')
    .values({ entity: 'mission', entity_id: movedSince.id, from_status: 'published', to_status: 'draft', transition: 'withdraw', actor_id: member.id, actor_role: 'coordinator', at: at('2026-11-05T10:00:00Z') })
    .execute();
  await up(ctx.db);
  const rows = await ctx.db.selectFrom('missions').select(['id', 'submitted_at', 'submitted_by']).where('id', 'in', [submitted.id, movedSince.id, never.id, published.id]).execute();
  const of = (id: string) => rows.find((r) => r.id === id)!;
  t.same(of(submitted.id), { id: submitted.id, submitted_at: at('2026-11-02T10:00:00Z'), submitted_by: member.id }, 'the latest submission');
  t.equal(of(movedSince.id).submitted_at, null, 'a status move came after it');
  t.equal(of(never.id).submitted_at, null);
  t.equal(of(published.id).submitted_at, null, 'not a draft');
});
