import { type Kysely, sql } from 'kysely';

/**
 * The console's sessions are rows of `sessions` too, so that everything that ends a person's
 * sessions (sign-out, a password change, the account's anonymisation) ends them without
 * knowing about the console. A console session has no refresh token: the browser holds an
 * opaque 256-bit secret in an HttpOnly cookie, and the row its SHA-256 (`cookie_token_hash`).
 * `last_seen_at` carries the idle expiry (the absolute one is `expires_at`). An API session has
 * both null. Frozen in time: it takes Kysely<any> and never imports app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sessions')
    .addColumn('cookie_token_hash', 'text', (c) => c.unique())
    .addColumn('last_seen_at', 'timestamptz')
    .execute();
  await sql`alter table sessions add constraint sessions_cookie_seen
    check ((cookie_token_hash is null) = (last_seen_at is null))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table sessions drop constraint sessions_cookie_seen`.execute(db);
  await db.schema.alterTable('sessions').dropColumn('last_seen_at').dropColumn('cookie_token_hash').execute();
}
