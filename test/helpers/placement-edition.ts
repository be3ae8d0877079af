import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.js';

/**
 * A large edition for placement runs, written set-based: one `insert … select` per table over
 * generate_series, ids derived from the tag (md5 → uuid), so that 2,000 candidates with their
 * profiles and 10,000 applications take a fraction of a second rather than the minutes of the
 * factories (a round trip per row). The same edition on every call with the same numbers.
 *
 * Candidate i (1…volunteers) is 17 to 30 years old at the missions' start, French or from the
 * EU, lives in one of up to 40 communes with coordinates, drives or not, has two interests, and
 * applies to `applicationsPerVolunteer` distinct missions (shortlisted or interview, rated 1–5).
 * One in 7 (i = 3, 10, 17…) is born in 1997–2001, most of them 26 or older (their disability
 * record is read, and audited, by a run); one in 21 (i = 3, 24…) has a record, recognised or not.
 * One in 11 (i = 5, 16…) declared a completed service civique (ineligible). So even 5 volunteers
 * take every branch of the eligibility reads. Missions have 2 places, one in three is open to minors; hosts
 * and first-circle partners are shared among them.
 */
export interface PlacementEditionShape {
  tag: string;
  operatorId: string;
  editionId: string;
  createdBy: string;
  volunteers: number;
  missions: number;
  applicationsPerVolunteer: number;
}

const HOSTS = 60;
const PARTNERS = 12;

export async function seedPlacementEdition(db: Kysely<Database>, shape: PlacementEditionShape): Promise<{ applications: number }> {
  const { tag, operatorId, editionId, createdBy, volunteers: V, missions: M, applicationsPerVolunteer: A } = shape;
  // Candidate i applies to missions (7i + 131k) mod M, k < A: distinct when 131 does not divide M.
  if (A > M || M % 131 === 0) throw new Error('applications per volunteer: at most the missions, and 131 must not divide their number');
  // A version-4-shaped uuid from an md5 (the API's schemas check the version and variant digits).
  const id = (kind: string, i: unknown) => sql<string>`overlay(overlay(md5(${`${tag}-${kind}-`} || ${i}) placing '4' from 13) placing '8' from 17)::uuid`;
  await db.transaction().execute(async (trx) => {
    // Communes with coordinates (distances count in the scores), the Pas-de-Calais' first.
    const codes = (
      await trx.selectFrom('communes').select('code').where('latitude', 'is not', null).orderBy(sql`department = '62'`, 'desc').orderBy('code').limit(40).execute()
    ).map((c) => c.code);
    const C = codes.length;
    const communes = sql<string[]>`${codes}::text[]`;
    await sql`insert into structures (id, operator_id, name, kind, commune_code)
      select ${id('host', sql`h`)}, ${operatorId}, ${`${tag} host `} || h, 'proximity', (${communes})[1 + h % ${C}]
      from generate_series(1, ${HOSTS}) h`.execute(trx);
    await sql`insert into structures (id, operator_id, name, kind, reach, commune_code)
      select ${id('partner', sql`f`)}, ${operatorId}, ${`${tag} partner `} || f, 'first_circle', 'regional', (${communes})[1 + f % ${C}]
      from generate_series(1, ${PARTNERS}) f`.execute(trx);
    await sql`insert into missions (id, edition_id, host_structure_id, first_circle_structure_id, title, theme, places, starts_on, duration_months,
        weekly_hours, open_to_minors, commune_code, status, created_by)
      select ${id('mission', sql`j`)}, ${editionId}, ${id('host', sql`1 + j % ${HOSTS}`)}, ${id('partner', sql`1 + j % ${PARTNERS}`)},
        ${`${tag} mission `} || j, 'culture-loisirs', 2, date '2027-02-01', 8, 24, j % 3 = 0, (${communes})[1 + j % ${C}], 'published', ${createdBy}
      from generate_series(0, ${M - 1}) j`.execute(trx);
    await sql`insert into users (id, email, password_hash, role)
      select ${id('candidate', sql`i`)}, ${`${tag}.`} || i || '@example.fr', 'not a hash: never signs in', 'candidate'
      from generate_series(1, ${V}) i`.execute(trx);
    await sql`insert into candidate_profiles (user_id, first_name, last_name, birth_date, commune_code, driving_licence, has_car, public_transport,
        interests, nationality, earlier_service_civique, statement_sworn_at)
      select ${id('candidate', sql`i`)}, 'V' || i, ${tag},
        case when i % 7 = 3 then date '1997-06-01' + (i % 1500) else date '2001-03-01' + (i % 2900) end,
        (${communes})[1 + (i * 7) % ${C}], i % 2 = 0, i % 4 = 0, i % 3 <> 0,
        array[(array['theatre', 'music', 'museums', 'dance', 'cinema', 'reading'])[1 + i % 6], (array['heritage', 'digital', 'nature', 'sport'])[1 + i % 4]],
        case when i % 5 = 0 then 'eu-eea-swiss' else 'french' end,
        case when i % 11 = 5 then 'completed' else 'none' end, now()
      from generate_series(1, ${V}) i`.execute(trx);
    await sql`insert into candidate_disabilities (user_id, recognised, consent_at)
      select ${id('candidate', sql`i`)}, i % 2 = 0, now() from generate_series(1, ${V}) i where i % 21 = 3`.execute(trx);
    await sql`insert into applications (mission_id, candidate_id, motivation, status, rating)
      select ${id('mission', sql`(i * 7 + k * 131) % ${M}`)}, ${id('candidate', sql`i`)}, 'Bulk', case when (i + k) % 2 = 0 then 'shortlisted' else 'interview' end,
        1 + (i * 31 + k * 17) % 5
      from generate_series(1, ${V}) i cross join generate_series(0, ${A - 1}) k`.execute(trx);
  });
  return { applications: V * A };
}
