import type { ColumnType, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type {
  Applications,
  AuditEvents,
  CandidateProfiles,
  Communes,
  DB,
  Editions,
  Epcis,
  Invitations,
  Operators,
  Outbox,
  Programmes,
  RefreshTokens,
  Sessions,
  Structures,
  Users,
} from './database.js';

/**
 * What the schema cannot say, written by hand beside the generated db/database.ts (which
 * re-exports all of this, so that code imports every database type from one place).
 *
 * - The shapes of the JSON columns: the database stores any JSON there. scripts/database-types.ts
 *   names, column by column, which of these shapes each JSON column holds.
 * - The names the code knew the tables by before the file was generated (`Database`,
 *   `…Table`, `…Row`), and `Db`.
 *
 * The unions of values (`Role`, `MissionStatus`…) are not here: they are generated from the
 * columns' check constraints.
 */

/**
 * A JSON column, read as the value and written as JSON text (`JSON.stringify`): node-postgres
 * would write a JS array as a PostgreSQL array, not as JSON, so both drivers are given text.
 */
export type JsonText<T = unknown> = ColumnType<T, string, string>;

/** `structures.contacts`: the structure's contact people. */
export interface Contact {
  name: string;
  role?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
}

/** `forums.breaks`: a pause after a round. */
/** `outbox.attachments`: a file sent with an e-mail (an agenda's .ics), its content as text. */
export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface ForumBreak {
  afterRound: number;
  minutes: number;
}

/** The whole schema, as Kysely takes it. */
export type Database = DB;

/** What repositories take: the database, or the transaction a use case opened. */
export type Db = Kysely<Database> | Transaction<Database>;

export type ApplicationsTable = Applications;
export type CandidateProfilesTable = CandidateProfiles;
export type OutboxTable = Outbox;

export type OperatorRow = Selectable<Operators>;
export type StructureRow = Selectable<Structures>;
export type UserRow = Selectable<Users>;
export type NewUser = Insertable<Users>;
export type UserUpdate = Updateable<Users>;
export type SessionRow = Selectable<Sessions>;
export type RefreshTokenRow = Selectable<RefreshTokens>;
export type InvitationRow = Selectable<Invitations>;
export type NewAuditEvent = Insertable<AuditEvents>;
export type CommuneRow = Selectable<Communes>;
export type ProgrammeRow = Selectable<Programmes>;
export type EditionRow = Selectable<Editions>;
export type EpciRow = Selectable<Epcis>;
