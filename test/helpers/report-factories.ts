import type { Kysely } from 'kysely';
import type { Database, PublicKind } from '../../db/database.js';
import { createPlacedBinome, createPublicPartner, type PlacedBinome } from './programme-factories.js';

/**
 * An edition with something to report (issue 16): a placed binôme, its project done, one outing
 * held at the first-circle venue with the groups given (attendance recorded), and one outing
 * still to come. Written straight to the tables (the projects' own tests cover their workflow).
 */
export async function createReportedEdition(
  db: Kysely<Database>,
  values: { operatorId?: string; partnerName?: string; groups?: { publicKind: PublicKind; expected: number; present: number; firstTime: number }[]; status?: 'closed' | 'running' } = {},
): Promise<PlacedBinome & { partnerId: string; projectId: string }> {
  const placed = await createPlacedBinome(db, { startsOn: '2027-02-01', ...(values.operatorId ? { operatorId: values.operatorId } : {}) });
  await db.updateTable('editions').set({ status: values.status ?? 'closed' }).where('id', '=', placed.editionId).execute();
  const partner = await createPublicPartner(db, { operatorId: placed.operatorId, ...(values.partnerName ? { name: values.partnerName } : {}) });
  const [author] = placed.volunteers;
  const project = await db
    .insertInto('mediation_projects')
    .values({ binome_id: placed.binomeId, edition_id: placed.editionId, title: 'Sorties au spectacle', aim: 'Aller au spectacle ensemble.', status: 'done', created_by: author.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('project_partners').values({ project_id: project.id, structure_id: partner.id, publics: ['seniors'] }).execute();
  const outing = (startsAt: string, recorded: boolean) =>
    db
      .insertInto('outings')
      .values({
        project_id: project.id,
        starts_at: new Date(startsAt),
        ends_at: new Date(new Date(startsAt).getTime() + 2 * 3600_000),
        venue_structure_id: placed.firstCircleId,
        what_kind: 'show',
        what_title: 'Un spectacle',
        transport: 'on_foot',
        created_by: author.id,
        ...(recorded ? { attendance_recorded_at: new Date(startsAt), attendance_recorded_by: author.id } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const held = await outing('2027-03-10T19:00:00Z', true);
  const later = await outing('2027-06-10T19:00:00Z', false);
  const groups = values.groups ?? [{ publicKind: 'seniors', expected: 12, present: 10, firstTime: 7 }];
  await db
    .insertInto('outing_groups')
    .values(groups.map((g) => ({ outing_id: held.id, structure_id: partner.id, public_kind: g.publicKind, expected: g.expected, present: g.present, first_time: g.firstTime })))
    .execute();
  await db.insertInto('outing_groups').values({ outing_id: later.id, structure_id: partner.id, public_kind: 'seniors', expected: 8 }).execute();
  return { ...placed, partnerId: partner.id, projectId: project.id };
}
