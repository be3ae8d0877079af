import { type Kysely, sql } from 'kysely';
import { parisInstant } from '../src/lib/dates.js';
import { hashToken, newOpaqueToken } from '../src/lib/tokens.js';
import type { AgeBracket, Database } from './database.js';

const UNIS = 'Unis-Cité';
const PROGRAMME = 'Faisons vivre la Chaîne des Parcs';
const EDITION = 'Saison 3';

interface DemoSession {
  day: string;
  from: number;
  to: number;
  venue: string;
  commune: string;
  capacity: number;
  /** The people registered, in the order they registered: [name, age bracket, came]. */
  registered: [string, AgeBracket, boolean][];
  waiting: [string, AgeBracket][];
}

// September 2018, before the season starts on 1 October: one meeting in Lens, one in Béthune.
const SESSIONS: DemoSession[] = [
  {
    day: '2018-09-12',
    from: 14 * 60,
    to: 16 * 60,
    venue: 'Maison des associations de Lens',
    commune: '62498',
    capacity: 12,
    registered: [
      ['Inès Kaci', '18-21', true],
      ['Yanis Morel', '18-21', true],
      ['Lina Roux', '22-25', true],
      ['Théo Lefebvre', '16-17', false],
      ['Sarah Benali', '22-25', true],
      ['Hugo Delattre', '18-21', true],
      ['Manon Caron', '18-21', false],
      ['Rayan Bouzid', '22-25', true],
    ],
    waiting: [],
  },
  {
    day: '2018-09-19',
    from: 17 * 60 + 30,
    to: 19 * 60,
    venue: 'Maison de la vie associative de Béthune',
    commune: '62119',
    capacity: 10,
    registered: [
      ['Chloé Dumont', '18-21', true],
      ['Nathan Leroy', '22-25', true],
      ['Emma Lambert', '16-17', true],
      ['Adam Mercier', '18-21', false],
      ['Jade Fontaine', '18-21', true],
      ['Lucas Garnier', '26-30', true],
      ['Léna Faure', '22-25', true],
      ['Noé Petit', '18-21', false],
      ['Zoé Marchand', '18-21', true],
      ['Sami Haddad', '22-25', true],
    ],
    waiting: [
      ['Clara Vasseur', '18-21'],
      ['Ilyes Brahimi', '16-17'],
    ],
  },
];

const emailOf = (name: string) =>
  `${name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')}@demo.binome.local`;

/**
 * Unis-Cité's information meetings in Lens and Béthune (issue 16), for « Faisons vivre la
 * Chaîne des Parcs ». Found by natural keys before it is created: running it twice changes nothing.
 * The Béthune meeting was full (two people waited); attendance is recorded for both.
 */
export async function seedDemoInfoSessions(db: Kysely<Database>, count: (what: string) => void): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const edition = await trx
      .selectFrom('editions')
      .innerJoin('programmes', 'programmes.id', 'editions.programme_id')
      .innerJoin('operators', 'operators.id', 'programmes.operator_id')
      .select('editions.id')
      .where('operators.name', '=', UNIS)
      .where('programmes.name', '=', PROGRAMME)
      .where('editions.label', '=', EDITION)
      .executeTakeFirst();
    if (!edition) return;
    // Unis-Cité has no coordinator in the demo: the meetings are the admin's.
    const creator = await trx.selectFrom('users').select('id').where('role', '=', 'admin').orderBy('created_at').limit(1).executeTakeFirst();
    if (!creator) return;

    for (const s of SESSIONS) {
      const startsAt = parisInstant(s.day, s.from);
      const endsAt = parisInstant(s.day, s.to);
      let session = await trx
        .selectFrom('info_sessions')
        .select('id')
        .where('edition_id', '=', edition.id)
        .where('starts_at', '=', startsAt)
        .where('commune_code', '=', s.commune)
        .executeTakeFirst();
      if (!session) {
        session = await trx
          .insertInto('info_sessions')
          .values({ edition_id: edition.id, starts_at: startsAt, ends_at: endsAt, venue: s.venue, commune_code: s.commune, capacity: s.capacity, created_by: creator.id, created_at: new Date(`${s.day}T00:00:00Z`) })
          .returning('id')
          .executeTakeFirstOrThrow();
        count('info sessions');
      }
      const people = [...s.registered.map(([name, age, came]) => ({ name, age, came, status: 'registered' as const })), ...s.waiting.map(([name, age]) => ({ name, age, came: null, status: 'waiting' as const }))];
      for (const [i, p] of people.entries()) {
        const email = emailOf(p.name);
        const existing = await trx
          .selectFrom('info_registrations')
          .select('id')
          .where('session_id', '=', session.id)
          .where(sql<string>`lower(email)`, '=', email)
          .executeTakeFirst();
        if (existing) continue;
        // Registered over the fortnight before the meeting, in this order.
        const queuedAt = new Date(startsAt.getTime() - (people.length - i) * 24 * 3_600_000);
        await trx
          .insertInto('info_registrations')
          .values({
            session_id: session.id,
            full_name: p.name,
            email,
            consent_contact: true,
            age_bracket: p.age,
            status: p.status,
            queued_at: queuedAt,
            cancel_token_hash: hashToken(newOpaqueToken()),
            attended: p.came,
            // The invitation to apply went to those who came, the evening of the meeting.
            invited_to_apply_at: p.came ? endsAt : null,
            created_at: queuedAt,
            updated_at: queuedAt,
          })
          .execute();
        if (p.status === 'registered') {
          await trx.updateTable('info_sessions').set({ registered: sql`registered + 1` }).where('id', '=', session.id).where(sql<boolean>`registered < capacity`).execute();
        }
        count('info registrations');
      }
    }
  });
}
