import type { Kysely } from 'kysely';
import { hashPassword } from '../src/lib/passwords.js';
import type { Database, Interest } from './database.js';

/**
 * The 17 October 2018 forum of the Artois story (docs/domain.md): at the Maison syndicale de Lens,
 * the five proximity and five first-circle structures of edition 2 meet 24 candidates, speed-
 * dating style, one afternoon. Everything is found by its natural key first: idempotent.
 * The candidates share one demo password (DEMO_FORUM_PASSWORD); their data is made up.
 */
export const DEMO_FORUM_PASSWORD = 'demo forum candidate 2018';
export const DEMO_FORUM_TITLE = 'Forum de recrutement — Parcours Artistique et Culturel en Artois';

// 24 candidates: first name, last name, birth date, commune (INSEE), interests.
const CANDIDATES: [string, string, string, string, Interest[]][] = [
  ['Léa', 'Candidate', '2000-04-12', '62498', ['theatre', 'museums']],
  ['Yanis', 'Bensaïd', '1997-09-30', '62510', ['music', 'urban-cultures']],
  ['Manon', 'Lefebvre', '1999-01-22', '62215', ['theatre', 'reading']],
  ['Kevin', 'Dupuis', '1996-06-05', '62413', ['sport', 'digital']],
  ['Inès', 'Haddad', '2001-02-14', '62427', ['dance', 'music']],
  ['Lucas', 'Delattre', '1995-11-18', '62119', ['heritage', 'museums']],
  ['Chloé', 'Vasseur', '2000-07-03', '62048', ['visual-arts', 'photography']],
  ['Mehdi', 'Amrani', '1998-03-27', '62498', ['cinema', 'urban-cultures']],
  ['Camille', 'Duhamel', '1999-12-09', '62510', ['theatre', 'writing']],
  ['Théo', 'Lemaire', '2000-05-16', '62215', ['music', 'games']],
  ['Sarah', 'Kaci', '1997-08-21', '62413', ['reading', 'solidarity']],
  ['Hugo', 'Caron', '1996-10-02', '62119', ['heritage', 'nature']],
  ['Jade', 'Martel', '2001-03-08', '62427', ['dance', 'visual-arts']],
  ['Nassim', 'Belkacem', '1998-06-29', '62048', ['sport', 'citizenship']],
  ['Océane', 'Fontaine', '1999-09-11', '62498', ['museums', 'photography']],
  ['Dylan', 'Masson', '1995-12-24', '62510', ['cinema', 'digital']],
  ['Amandine', 'Roussel', '2000-01-17', '62215', ['theatre', 'crafts']],
  ['Bilal', 'Ziani', '1997-04-04', '62413', ['music', 'urban-cultures']],
  ['Laura', 'Gosselin', '1998-11-30', '62119', ['reading', 'heritage']],
  ['Maxime', 'Carpentier', '1996-02-19', '62427', ['science', 'digital']],
  ['Anaïs', 'Leclercq', '2001-06-07', '62048', ['dance', 'theatre']],
  ['Rayan', 'Benali', '1999-05-25', '62498', ['sport', 'solidarity']],
  ['Pauline', 'Hennebelle', '2000-10-13', '62510', ['visual-arts', 'museums']],
  ['Samuel', 'Deprez', '1997-07-31', '62215', ['music', 'cinema']],
];

export interface DemoForumInput {
  ligue: string;
  edition: string;
  coordinatorId: string;
  /** The candidate demo account (DEMO_ACCOUNTS), the first of the 24. */
  demoCandidateEmail: string;
}

/** Returns the forum's id and what it created. */
export async function seedDemoForum(db: Kysely<Database>, input: DemoForumInput, count: (what: string) => void): Promise<string> {
  const hash = await hashPassword(DEMO_FORUM_PASSWORD);
  return db.transaction().execute(async (trx) => {
    let forum = await trx.selectFrom('forums').select('id').where('edition_id', '=', input.edition).where('title', '=', DEMO_FORUM_TITLE).executeTakeFirst();
    if (!forum) {
      forum = await trx
        .insertInto('forums')
        .values({
          edition_id: input.edition,
          title: DEMO_FORUM_TITLE,
          venue: 'Maison syndicale',
          address: '32 rue Paul-Bert',
          commune_code: '62498',
          held_on: '2018-10-17',
          starts_at: '14:00',
          ends_at: '17:30',
          slot_minutes: 7,
          changeover_minutes: 1,
          breaks: JSON.stringify([{ afterRound: 6, minutes: 10 }]),
          created_by: input.coordinatorId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      count('forums');
    }
    const forumId = forum.id;

    // The edition's missions, one per partnership: the structures at the forum are their hosts and partners.
    const missions = await trx
      .selectFrom('missions')
      .select(['id', 'host_structure_id', 'first_circle_structure_id'])
      .where('edition_id', '=', input.edition)
      .orderBy('title')
      .execute();
    const structures = [...new Set(missions.flatMap((m) => [m.host_structure_id, m.first_circle_structure_id]))];
    for (const structureId of structures) {
      const seated = await trx.selectFrom('forum_structures').select('structure_id').where('forum_id', '=', forumId).where('structure_id', '=', structureId).executeTakeFirst();
      if (seated) continue;
      // The first-circle structures send two interviewers: they meet every binôme's candidates.
      const kind = await trx.selectFrom('structures').select('kind').where('id', '=', structureId).executeTakeFirstOrThrow();
      await trx.insertInto('forum_structures').values({ forum_id: forumId, structure_id: structureId, tables: kind.kind === 'first_circle' ? 2 : 1 }).execute();
      count('forum structures');
    }

    for (const [i, [firstName, lastName, birthDate, commune, interests]] of CANDIDATES.entries()) {
      const email = i === 0 ? input.demoCandidateEmail : `candidat${String(i + 1).padStart(2, '0')}@demo.binome.local`;
      let user = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
      if (!user) {
        user = await trx.insertInto('users').values({ email, password_hash: hash, role: 'candidate', full_name: `${firstName} ${lastName}` }).returning('id').executeTakeFirstOrThrow();
        count('accounts');
      }
      const profile = await trx.selectFrom('candidate_profiles').select('user_id').where('user_id', '=', user.id).executeTakeFirst();
      if (!profile) {
        await trx
          .insertInto('candidate_profiles')
          .values({
            user_id: user.id,
            first_name: firstName,
            last_name: lastName,
            birth_date: birthDate,
            commune_code: commune,
            driving_licence: i % 3 !== 0,
            has_car: i % 4 === 0,
            public_transport: true,
            interests,
            presentation: `${firstName}, ${interests.join(' et ')} : envie de faire partager la culture près de chez moi.`,
            nationality: 'french',
            earlier_service_civique: 'none',
            statement_sworn_at: new Date('2018-09-15T10:00:00Z'),
          })
          .execute();
        count('profiles');
      }
      // Two applications each, shortlisted: the candidate's missions i and i+1 (of the five).
      const mine = [missions[i % missions.length]!, missions[(i + 1) % missions.length]!];
      for (const mission of mine) {
        const applied = await trx.selectFrom('applications').select('id').where('candidate_id', '=', user.id).where('mission_id', '=', mission.id).executeTakeFirst();
        if (applied) continue;
        const at = new Date('2018-10-01T09:00:00Z');
        const { id } = await trx
          .insertInto('applications')
          .values({ mission_id: mission.id, candidate_id: user.id, motivation: `Je souhaite rejoindre cette mission : ${interests.join(', ')}.`, status: 'shortlisted', created_at: at, updated_at: at, status_changed_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('status_transitions')
          .values([
            { entity: 'application', entity_id: id, at, actor_id: user.id, actor_role: 'candidate', transition: 'submit', from_status: null, to_status: 'submitted' },
            { entity: 'application', entity_id: id, at, actor_id: input.coordinatorId, actor_role: 'coordinator', transition: 'shortlist', from_status: 'submitted', to_status: 'shortlisted' },
          ])
          .execute();
        count('applications');
      }
      const invited = await trx.selectFrom('forum_candidates').select('candidate_id').where('forum_id', '=', forumId).where('candidate_id', '=', user.id).executeTakeFirst();
      if (!invited) {
        // Two arrive late and one leaves early, as on the day.
        const arrivesAt = i === 5 || i === 17 ? '15:00' : null;
        const leavesAt = i === 11 ? '16:00' : null;
        await trx.insertInto('forum_candidates').values({ forum_id: forumId, candidate_id: user.id, arrives_at: arrivesAt, leaves_at: leavesAt, invited_by: input.coordinatorId }).execute();
        count('forum candidates');
      }
      // The candidate asks to meet the host and the partner of each mission; the host asks back for every other candidate (mutual).
      for (const mission of mine) {
        for (const [structureId, side] of [
          [mission.host_structure_id, 'candidate'],
          [mission.first_circle_structure_id, 'candidate'],
          ...(i % 2 === 0 ? [[mission.host_structure_id, 'structure'] as const] : []),
        ] as const) {
          const rows = await trx
            .insertInto('meeting_requests')
            .values({ forum_id: forumId, candidate_id: user.id, structure_id: structureId, side, requested_by: side === 'candidate' ? user.id : input.coordinatorId })
            .onConflict((oc) => oc.columns(['forum_id', 'candidate_id', 'structure_id', 'side']).doNothing())
            .returning('id')
            .execute();
          if (rows.length) count('meeting requests');
        }
      }
    }
    return forumId;
  });
}
