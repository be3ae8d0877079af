import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { createApplication, createEdition, createMission, createOperator, createProfile, createStructure, createUser, uniqueName } from '../helpers/factories.js';

/**
 * An edition ready for its placement: an operator and its coordinator, two missions of two
 * places (each host with a member, the tutor), four volunteers shortlisted on both missions,
 * rated by the hosts, one of them a minor (17 at the start), and one host that said « non ».
 * No indemnity rate: the migration's 2024 rate is taken away (as on a database whose rates do
 * not reach back to the missions' start), so the board shows it missing until one is added.
 */
export async function seedPlacementBoard(db: Kysely<Database>, options: { names?: readonly string[] } = {}) {
  await db.deleteFrom('indemnity_rates').where((eb) => eb.not(eb.exists(eb.selectFrom('placements').select('placements.id').whereRef('placements.indemnity_rate_from', '=', 'indemnity_rates.effective_from')))).execute();
  const operator = await createOperator(db, { name: uniqueName('Ligue') });
  const coordinator = await createUser(db, 'coordinator', { operatorId: operator.id, fullName: 'Claire Coordinatrice' });
  const edition = await createEdition(db, { operatorId: operator.id });
  const hosts = [];
  const missions = [];
  for (const name of ['Service Culturel d’Auchel', 'Médiathèque de Harnes']) {
    const host = await createStructure(db, { operatorId: operator.id, name: uniqueName(name), kind: 'proximity' });
    const member = await createUser(db, 'structure_member', { structureId: host.id, fullName: `Tuteur de ${name}` });
    hosts.push({ host, member });
    missions.push(await createMission(db, { operatorId: operator.id, editionId: edition.id, hostId: host.id, title: uniqueName(`Médiation — ${name}`), openToMinors: true }));
  }
  const names = options.names ?? ['Amélie', 'Bastien', 'Chloé', 'Dylan'];
  const volunteers = [];
  for (const [i, firstName] of names.entries()) {
    const user = await createUser(db, 'candidate');
    // The last one is 17 when the missions start (2027-02-01): a parental authorisation is needed.
    const profile = await createProfile(db, user.id, { firstName, lastName: uniqueName('Durand'), birthDate: i === names.length - 1 ? '2009-06-01' : '2004-05-01' });
    const applications: string[] = [];
    for (const [k, mission] of missions.entries()) {
      const application = await createApplication(db, { missionId: mission.id, candidateId: user.id, status: 'shortlisted' });
      await db.updateTable('applications').set({ rating: 1 + ((i + k * 2) % 5) }).where('id', '=', application.id).execute();
      applications.push(application.id);
    }
    volunteers.push({ user, profile, applications, name: `${firstName} ${profile.last_name}` });
  }
  return { operator, coordinator, edition, hosts, missions, volunteers };
}

/** The rate of 2026 (the decree's amounts), in force on the missions' start. */
export async function addRate(db: Kysely<Database>, effectiveFrom = '2026-01-01') {
  await db
    .insertInto('indemnity_rates')
    .values({ effective_from: effectiveFrom, state_monthly_cents: 50_000, host_min_monthly_cents: 11_000, source: 'Décret test' })
    .execute();
}
