import type { Kysely } from 'kysely';
import type { AgeBracket, Database, InfoRegistrationStatus } from '../../db/database.js';
import { hashToken, newOpaqueToken } from '../../src/lib/tokens.js';
import { createEdition, createUser, uniqueEmail } from './factories.js';

const HOUR = 3_600_000;

/**
 * An information meeting written straight to the table: by default in Lens, in two days, two
 * hours long, 10 places, of a recruiting edition of its own operator (made if not given).
 */
export async function createInfoSession(
  db: Kysely<Database>,
  values: { editionId?: string; operatorId?: string; startsAt?: Date; capacity?: number; venue?: string; communeCode?: string; cancelledAt?: Date; onlineUrl?: string } = {},
) {
  const editionId = values.editionId ?? (await createEdition(db, values.operatorId ? { operatorId: values.operatorId } : {})).id;
  const creator = (await db.selectFrom('users').select('id').where('role', '=', 'admin').limit(1).executeTakeFirst()) ?? (await createUser(db, 'admin'));
  const startsAt = values.startsAt ?? new Date(Date.now() + 48 * HOUR);
  return db
    .insertInto('info_sessions')
    .values({
      edition_id: editionId,
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + 2 * HOUR),
      venue: values.venue ?? 'Maison des associations',
      address: '12 rue Jean-Jaurès',
      commune_code: values.communeCode ?? '62498',
      capacity: values.capacity ?? 10,
      online_url: values.onlineUrl ?? null,
      cancelled_at: values.cancelledAt ?? null,
      created_by: creator.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A registration written straight to the table (the counter moved with it when registered); returns its cancel token too. */
export async function createInfoRegistration(
  db: Kysely<Database>,
  values: { sessionId: string; status?: InfoRegistrationStatus; email?: string; userId?: string; fullName?: string; queuedAt?: Date; attended?: boolean; ageBracket?: AgeBracket },
) {
  const token = newOpaqueToken();
  const status = values.status ?? 'registered';
  const at = values.queuedAt ?? new Date();
  const row = await db
    .insertInto('info_registrations')
    .values({
      session_id: values.sessionId,
      user_id: values.userId ?? null,
      full_name: values.fullName ?? 'Camille Martin',
      email: values.email ?? uniqueEmail('visitor'),
      consent_contact: true,
      age_bracket: values.ageBracket ?? '18-21',
      status,
      queued_at: at,
      cancel_token_hash: hashToken(token),
      attended: values.attended ?? null,
      cancelled_at: status === 'cancelled' ? at : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (status === 'registered') {
    await db
      .updateTable('info_sessions')
      .set((eb) => ({ registered: eb('registered', '+', 1) }))
      .where('id', '=', values.sessionId)
      .execute();
  }
  return { ...row, token };
}
