import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/database.js';

/** The clock is an argument everywhere, so that tests can move time (expiry, lifetimes). */
export type Clock = () => Date;

export interface AccessClaims {
  sub: string;
  sid: string;
  role: Role;
}

/**
 * What services need from the outside world, built once by `buildApp` and handed to each
 * module's routes. Services open their transaction from `db` and pass it down.
 */
export interface Deps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly signAccessToken: (claims: AccessClaims) => string;
}

/** Where a request comes from, kept on the session for the user's list of devices. */
export interface RequestMeta {
  readonly ip: string;
  readonly userAgent: string | undefined;
}
