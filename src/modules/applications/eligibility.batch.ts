import { sql } from 'kysely';
import type { Db } from '../../../db/database.js';
import { endsOn } from '../missions/missions.repository.js';
import { type Check, checkEligibility, needsDisability } from './eligibility.js';

/**
 * The rules of RULES.md for many (candidate, mission) pairs at once, for placement: the same
 * checks as `eligibilityChecks` (applications.service.ts) gives one pair at a time, read with a
 * fixed number of queries whatever the number of pairs — the profiles, the missions, the
 * disability records that an age asks for, the accepted placements — then the pure
 * `checkEligibility`. Each disability read is audited as `readDisability` audits it: one row per
 * pair whose age asks for it, in the pairs' order, written in one insert.
 *
 * Reading (`readEligibility`, I/O) and checking (`checkPairs`, pure) are apart so that the
 * checks of a large edition can run off the request thread, on the rows read.
 *
 * The rows read are those of `findProfile`, `findMission(…, { kind: 'all' })`, `findDisability`
 * and `acceptedPlacements`; test/modules/applications/eligibility-batch.test.ts compares both paths.
 */
export interface EligibilityPair {
  /** Names the pair in the answer (an application id, say). */
  key: string;
  candidateId: string;
  missionId: string;
}

const distinct = (ids: Iterable<string>) => [...new Set(ids)];

/** The candidates' profiles, as `findProfile` reads them (its joins included: a row without them is no profile). */
function profilesOf(db: Db, candidateIds: readonly string[]) {
  return db
    .selectFrom('candidate_profiles as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .innerJoin('communes as c', 'c.code', 'p.commune_code')
    .select(['p.user_id', 'p.birth_date', 'p.nationality', 'p.earlier_service_civique'])
    .where(sql<boolean>`p.user_id = any(${candidateIds}::uuid[])`)
    .execute();
}

/**
 * The missions' columns the rules read. `findMission`'s joins are left out: they add names, and
 * drop no row (each joined column is `not null` with its foreign key).
 */
function missionsOf(db: Db, missionIds: readonly string[]) {
  return db
    .selectFrom('missions')
    .select(['missions.id', 'missions.starts_on', endsOn.as('ends_on'), 'missions.open_to_minors', 'missions.weekly_hours'])
    .where(sql<boolean>`missions.id = any(${missionIds}::uuid[])`)
    .execute();
}

function disabilitiesOf(db: Db, candidateIds: readonly string[]) {
  return db.selectFrom('candidate_disabilities').select(['user_id', 'recognised']).where(sql<boolean>`user_id = any(${candidateIds}::uuid[])`).execute();
}

/** Every accepted application of the candidates, as `acceptedPlacements` reads them one candidate at a time. */
function placementsOf(db: Db, candidateIds: readonly string[]) {
  return db
    .selectFrom('applications as a')
    .innerJoin('missions', 'missions.id', 'a.mission_id')
    .select(['a.candidate_id', 'missions.id as mission_id', 'missions.title', 'missions.starts_on', endsOn.as('ends_on')])
    .where(sql<boolean>`a.candidate_id = any(${candidateIds}::uuid[])`)
    .where('a.status', '=', 'accepted')
    // acceptedPlacements names no order; the earliest placement first, the same on every read
    // (the order names the placement in a check's detail, which is part of a run's digest).
    .orderBy('a.candidate_id')
    .orderBy('missions.starts_on')
    .orderBy('a.id')
    .execute();
}

/**
 * What the checks of the pairs read, as plain rows (JSON-safe: they may cross to a worker
 * thread as text): the profiles, the missions, the disability records read, the accepted
 * placements, and the keys of the pairs whose age asked for the disability record.
 */
export interface EligibilityRows {
  profiles: Awaited<ReturnType<typeof profilesOf>>;
  missions: Awaited<ReturnType<typeof missionsOf>>;
  /** The pairs whose age asks for the disability record (read and audited for them). */
  disabilityRead: string[];
  disabilities: Awaited<ReturnType<typeof disabilitiesOf>>;
  placements: Awaited<ReturnType<typeof placementsOf>>;
}

/**
 * Reads what the checks of the pairs need, in at most six queries whatever their number, and
 * audits each disability read. `reader` is who reads (audited).
 */
export async function readEligibility(trx: Db, pairs: readonly EligibilityPair[], reader: string): Promise<EligibilityRows> {
  const rows: EligibilityRows = { profiles: [], missions: [], disabilityRead: [], disabilities: [], placements: [] };
  if (pairs.length === 0) return rows;
  const candidateIds = distinct(pairs.map((p) => p.candidateId));
  rows.profiles = await profilesOf(trx, candidateIds);
  rows.missions = await missionsOf(trx, distinct(pairs.map((p) => p.missionId)));
  const birthDates = new Map(rows.profiles.map((p) => [p.user_id, p.birth_date]));
  const startDates = new Map(rows.missions.map((m) => [m.id, m.starts_on]));

  // The disability record only of those whose age asks for it, pair by pair (RULES.md: read when needed).
  const needing = pairs.filter((p) => {
    const birthDate = birthDates.get(p.candidateId);
    const startsOn = startDates.get(p.missionId);
    return birthDate !== undefined && startsOn !== undefined && needsDisability(birthDate, startsOn);
  });
  if (needing.length > 0) {
    rows.disabilityRead = needing.map((p) => p.key);
    rows.disabilities = await disabilitiesOf(trx, distinct(needing.map((p) => p.candidateId)));
    // One row per pair, in the pairs' order (as `readDisability` would write them one by one),
    // from one array parameter: no statement of thousands of parameters to build.
    const audited = needing.map((p) => p.candidateId);
    await sql`insert into audit_events (actor_id, action, entity_type, entity_id, after)
      select ${reader}::uuid, 'disability.read', 'candidate', t.entity_id, ${JSON.stringify({ purpose: 'age-max' })}::jsonb
      from unnest(${audited}::text[]) with ordinality as t(entity_id, n) order by t.n`.execute(trx);
  }
  const withProfile = candidateIds.filter((id) => birthDates.has(id));
  if (withProfile.length > 0) rows.placements = await placementsOf(trx, withProfile);
  return rows;
}

/**
 * The checks of each pair by its key, from the rows read: undefined for a pair whose candidate
 * has no profile or whose mission does not exist (as `eligibilityChecks` answers). Pure.
 */
export function checkPairs(pairs: readonly EligibilityPair[], rows: EligibilityRows): Map<string, Check[] | undefined> {
  const profiles = new Map(rows.profiles.map((p) => [p.user_id, p]));
  const missions = new Map(rows.missions.map((m) => [m.id, m]));
  const read = new Set(rows.disabilityRead);
  const disabilities = new Map(rows.disabilities.map((d) => [d.user_id, d.recognised]));
  const placements = new Map<string, { missionId: string; title: string; startsOn: string; endsOn: string }[]>();
  for (const p of rows.placements) {
    let list = placements.get(p.candidate_id);
    if (!list) placements.set(p.candidate_id, (list = []));
    list.push({ missionId: p.mission_id, title: p.title, startsOn: p.starts_on, endsOn: p.ends_on });
  }
  const answer = new Map<string, Check[] | undefined>();
  for (const p of pairs) {
    const profile = profiles.get(p.candidateId);
    const mission = missions.get(p.missionId);
    if (!profile || !mission) {
      answer.set(p.key, undefined);
      continue;
    }
    answer.set(
      p.key,
      checkEligibility({
        birthDate: profile.birth_date,
        nationality: profile.nationality,
        earlierServiceCivique: profile.earlier_service_civique,
        mission: { id: mission.id, startsOn: mission.starts_on, endsOn: mission.ends_on, openToMinors: mission.open_to_minors, weeklyHours: mission.weekly_hours },
        disabilityRecognised: read.has(p.key) ? disabilities.get(p.candidateId) : undefined,
        placements: placements.get(p.candidateId) ?? [],
      }),
    );
  }
  return answer;
}

/** `readEligibility`, then `checkPairs`. */
export async function eligibilityOfMany(trx: Db, pairs: readonly EligibilityPair[], reader: string): Promise<Map<string, Check[] | undefined>> {
  return checkPairs(pairs, await readEligibility(trx, pairs, reader));
}
