import type { Db } from '../../../db/database.js';

export interface NewEmail {
  userId: string | null;
  to: string;
  subject: string;
  /** Plain text, in French. */
  body: string;
  /** What the message is about, e.g. `application.refused`. */
  kind: string;
  applicationId?: string | null | undefined;
}

/**
 * Writes an e-mail to the outbox. Call it with the transaction of the change it announces: the
 * message exists if and only if the change committed. The worker sends it later.
 */
export async function enqueueEmail(db: Db, email: NewEmail, at: Date): Promise<void> {
  await db
    .insertInto('outbox')
    .values({
      user_id: email.userId,
      to_address: email.to,
      subject: email.subject,
      body: email.body,
      kind: email.kind,
      application_id: email.applicationId ?? null,
      created_at: at,
      next_attempt_at: at,
    })
    .execute();
}
