import type { Kysely } from 'kysely';
import type { Database, PublicType } from '../../db/database.js';
import { createApplication, createEdition, createMission, createProfile, createStructure, createUser, uniqueName } from './factories.js';

/**
 * Fixtures of the programme after placement (issue 16): a confirmed binôme, placed, with its two
 * volunteers, its tutors and its structures; public partners. Written straight to the tables
 * (forming and confirming a binôme are tested on their own, test/modules/binomes).
 */

export interface PlacedBinome {
  operatorId: string;
  editionId: string;
  missionId: string;
  hostId: string;
  firstCircleId: string;
  /** The operator's coordinator, the placement's operator tutor. */
  coordinator: Awaited<ReturnType<typeof createUser>>;
  /** A member of the host structure, the placement's host tutor. */
  hostTutor: Awaited<ReturnType<typeof createUser>>;
  /** The two volunteers, seat 1 then seat 2, with their profiles. */
  volunteers: [Awaited<ReturnType<typeof createUser>>, Awaited<ReturnType<typeof createUser>>];
  binomeId: string;
  placementId: string;
  startsOn: string;
  endsOn: string;
}

/** The last day of a mission of `months` months from `startsOn` (the day before the same date `months` later). */
function endOf(startsOn: string, months: number): string {
  const start = new Date(`${startsOn}T00:00:00Z`);
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, start.getUTCDate() - 1));
  return end.toISOString().slice(0, 10);
}

/**
 * A confirmed binôme on a mission of an edition (each made if not given), its members active
 * and accepted, and its placement: host tutor a member of the host, operator tutor a
 * coordinator of the operator, the 2024 rate. By default the mission runs 6 months from
 * 2027-02-01. Traits: `operatorId`, `editionId`, `startsOn`, `durationMonths`, `birthDates`.
 */
export async function createPlacedBinome(
  db: Kysely<Database>,
  values: { operatorId?: string; editionId?: string; startsOn?: string; durationMonths?: number; birthDates?: [string, string]; hostId?: string; firstCircleId?: string } = {},
): Promise<PlacedBinome> {
  const operatorId = values.operatorId ?? (await db.insertInto('operators').values({ name: uniqueName('Operator') }).returning('id').executeTakeFirstOrThrow()).id;
  const startsOn = values.startsOn ?? '2027-02-01';
  const durationMonths = values.durationMonths ?? 6;
  const endsOn = endOf(startsOn, durationMonths);
  const editionId = values.editionId ?? (await createEdition(db, { operatorId, startsOn, endsOn: endOf(startsOn, 12) })).id;
  const hostId = values.hostId ?? (await createStructure(db, { operatorId, kind: 'proximity' })).id;
  const firstCircleId = values.firstCircleId ?? (await createStructure(db, { operatorId, kind: 'first_circle' })).id;
  const coordinator = await createUser(db, 'coordinator', { operatorId });
  const hostTutor = await createUser(db, 'structure_member', { structureId: hostId, fullName: uniqueName('Tutrice') });
  const mission = await createMission(db, { operatorId, editionId, hostId, firstCircleId, startsOn, durationMonths, status: 'filled' });

  const volunteers = [] as unknown as PlacedBinome['volunteers'];
  const applications: string[] = [];
  for (const [seat, birthDate] of (values.birthDates ?? ['2004-05-12', '2003-11-02']).entries()) {
    const volunteer = await createUser(db, 'candidate', { fullName: uniqueName(seat === 0 ? 'Inès' : 'Yanis') });
    await createProfile(db, volunteer.id, { birthDate, firstName: seat === 0 ? 'Inès' : 'Yanis' });
    const application = await createApplication(db, { missionId: mission.id, candidateId: volunteer.id, status: 'accepted' });
    volunteers.push(volunteer);
    applications.push(application.id);
  }
  const binome = await db
    .insertInto('binomes')
    .values({ edition_id: editionId, mission_id: mission.id, status: 'confirmed', created_by: coordinator.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('binome_members')
    .values(
      volunteers.map((v, i) => ({
        binome_id: binome.id,
        edition_id: editionId,
        mission_id: mission.id,
        candidate_id: v.id,
        application_id: applications[i]!,
        seat: i + 1,
        accepted_at: new Date(),
      })),
    )
    .execute();
  const rate = await db.selectFrom('indemnity_rates').selectAll().orderBy('effective_from', 'desc').where('effective_from', '<=', startsOn).executeTakeFirstOrThrow();
  const placement = await db
    .insertInto('placements')
    .values({
      binome_id: binome.id,
      mission_id: mission.id,
      host_structure_id: hostId,
      first_circle_structure_id: firstCircleId,
      operator_id: operatorId,
      host_tutor_id: hostTutor.id,
      operator_tutor_id: coordinator.id,
      starts_on: startsOn,
      ends_on: endsOn,
      indemnity_rate_from: rate.effective_from,
      state_monthly_cents: rate.state_monthly_cents,
      host_monthly_cents: rate.host_min_monthly_cents,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { operatorId, editionId, missionId: mission.id, hostId, firstCircleId, coordinator, hostTutor, volunteers, binomeId: binome.id, placementId: placement.id, startsOn, endsOn };
}

/** A public partner of the operator (an EHPAD in Carvin by default). */
export async function createPublicPartner(db: Kysely<Database>, values: { operatorId: string; name?: string; publicTypes?: PublicType[]; communeCode?: string }) {
  const structure = await createStructure(db, { operatorId: values.operatorId, kind: 'public_partner', name: values.name ?? uniqueName('EHPAD'), communeCode: values.communeCode ?? '62215' });
  return db
    .updateTable('structures')
    .set({ public_types: values.publicTypes ?? ['ehpad'] })
    .where('id', '=', structure.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
