import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';

/**
 * Table types for Kysely, kept by hand beside the migrations: one interface per table, in the
 * database's snake_case. Repositories return these rows; services turn them into domain objects.
 */

/** A timestamp the database fills in (default now()); readable as a Date. */
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type Role = 'candidate' | 'structure_member' | 'coordinator' | 'admin';
export type InvitedRole = Extract<Role, 'coordinator' | 'structure_member'>;
export type SessionRevocationReason = 'logout' | 'logout-all' | 'refresh-token-reuse' | 'password-changed' | 'account-anonymised';

export interface OperatorsTable {
  id: Generated<string>;
  name: string;
  accreditation_number: ColumnType<string | null, string | null | undefined, string | null>;
  department: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export type StructureKind = 'first_circle' | 'proximity' | 'public_partner';
export type Reach = 'national' | 'regional' | 'departmental' | 'intercommunal';
export type PublicType =
  | 'ehpad'
  | 'maison-des-solidarites'
  | 'foyer-de-vie'
  | 'youth-council'
  | 'youth-centre'
  | 'social-centre'
  | 'school'
  | 'other';

export interface Contact {
  name: string;
  role?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
}

type Optional<T> = ColumnType<T, T | undefined, T>;

export interface StructuresTable {
  id: Generated<string>;
  operator_id: string;
  name: string;
  kind: StructureKind;
  reach: Optional<Reach | null>;
  public_types: Optional<PublicType[]>;
  commune_code: Optional<string | null>;
  address: Optional<string | null>;
  latitude: Optional<number | null>;
  longitude: Optional<number | null>;
  accredited: Optional<boolean>;
  accreditation_number: Optional<string | null>;
  /** JSON array of contacts; written as JSON text. */
  contacts: ColumnType<Contact[], string | undefined, string>;
  /** Incremented by every update: the ETag of the structure. */
  version: Optional<number>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  role: Role;
  full_name: string | null;
  operator_id: string | null;
  structure_id: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  last_login_at: NullableTimestamp;
  anonymised_at: NullableTimestamp;
}

export interface SessionsTable {
  id: Generated<string>;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  revoked_reason: SessionRevocationReason | null;
  user_agent: string | null;
  ip: string | null;
}

export interface RefreshTokensTable {
  id: Generated<string>;
  session_id: string;
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface InvitationsTable {
  id: Generated<string>;
  email: string;
  role: InvitedRole;
  full_name: string | null;
  operator_id: string | null;
  structure_id: string | null;
  token_hash: string;
  invited_by: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  accepted_user_id: string | null;
  revoked_at: NullableTimestamp;
}

export interface AuditEventsTable {
  id: Generated<string>;
  at: CreatedAt;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  /** JSON snapshots; written as JSON text so that both drivers store the same thing. */
  before: ColumnType<unknown, string | null | undefined, never>;
  after: ColumnType<unknown, string | null | undefined, never>;
}

export interface EpcisTable {
  code: string;
  name: string;
  search_name: string;
  kind: string;
  population: number | null;
}

export interface CommunesTable {
  code: string;
  name: string;
  search_name: string;
  department: string;
  region: string | null;
  postal_codes: ColumnType<string[], string[] | undefined, string[]>;
  population: number | null;
  epci_code: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface ReferenceDataTable {
  source: string;
  version: string;
  loaded_at: CreatedAt;
}

export type Theme =
  | 'culture-loisirs'
  | 'environnement'
  | 'solidarite'
  | 'education-pour-tous'
  | 'sante'
  | 'sport'
  | 'memoire-citoyennete'
  | 'developpement-international-action-humanitaire'
  | 'intervention-urgence';

export interface ProgrammesTable {
  id: Generated<string>;
  operator_id: string;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  theme: Theme;
  funders: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export type EditionStatus = 'planning' | 'recruiting' | 'running' | 'closed';

export interface EditionsTable {
  id: Generated<string>;
  programme_id: string;
  label: string;
  /** 'YYYY-MM-DD' (dates stay text: db/connect.ts). */
  starts_on: string;
  ends_on: string;
  planned_volunteers: number;
  status: ColumnType<EditionStatus, EditionStatus | undefined, EditionStatus>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface EditionEpcisTable {
  edition_id: string;
  epci_code: string;
}

export interface PartnershipsTable {
  id: Generated<string>;
  edition_id: string;
  proximity_structure_id: string;
  proximity_kind: Optional<'proximity'>;
  first_circle_structure_id: string;
  first_circle_kind: Optional<'first_circle'>;
  created_at: CreatedAt;
}

export type MissionStatus = 'draft' | 'published' | 'filled' | 'closed';

export interface MissionsTable {
  id: Generated<string>;
  edition_id: string;
  host_structure_id: string;
  host_kind: Optional<'proximity'>;
  first_circle_structure_id: string;
  first_circle_kind: Optional<'first_circle'>;
  title: string;
  description: Optional<string>;
  theme: Theme;
  places: Optional<number>;
  starts_on: string;
  duration_months: number;
  weekly_hours: number;
  days_per_week: Optional<number>;
  weekly_hours_derogation: Optional<string | null>;
  open_to_minors: Optional<boolean>;
  commune_code: string;
  status: Optional<MissionStatus>;
  search_text: Optional<string>;
  /** Generated from search_text; never written. */
  search: ColumnType<string, never, never>;
  version: Optional<number>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  published_at: Optional<Date | null>;
  /** Places taken by accepted applications (check: never more than `places`). */
  accepted: Optional<number>;
  /** Places held by members of active binômes whose offer is still open (check: accepted + reserved ≤ places). */
  reserved: Optional<number>;
}

export type Nationality = 'french' | 'eu-eea-swiss' | 'residence-permit' | 'other';
export type EarlierServiceCivique = 'none' | 'interrupted' | 'completed' | 'ongoing';

export interface CandidateProfilesTable {
  user_id: string;
  first_name: string;
  last_name: string;
  birth_date: string;
  commune_code: string;
  phone: Optional<string | null>;
  driving_licence: Optional<boolean>;
  has_car: Optional<boolean>;
  public_transport: Optional<boolean>;
  interests: Optional<string[]>;
  available_from: Optional<string | null>;
  presentation: Optional<string>;
  nationality: Nationality;
  earlier_service_civique: EarlierServiceCivique;
  statement_sworn_at: Timestamp;
  stay_in_pool: Optional<boolean>;
  version: Optional<number>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** Health data: read only for the `age-max` rule, every read audited. */
export interface CandidateDisabilitiesTable {
  user_id: string;
  recognised: boolean;
  consent_at: Timestamp;
  updated_at: CreatedAt;
}

export type ApplicationStatus =
  | 'submitted'
  | 'in_review'
  | 'shortlisted'
  | 'interview'
  | 'offered'
  | 'accepted'
  | 'declined'
  | 'refused'
  | 'withdrawn'
  | 'expired'
  | 'obsolete';

export type RefusalReason = 'profile-mismatch' | 'mission-filled' | 'no-response' | 'duplicate' | 'candidate-unreachable' | 'other';

export interface ApplicationsTable {
  id: Generated<string>;
  mission_id: string;
  candidate_id: string;
  motivation: string;
  status: Optional<ApplicationStatus>;
  status_changed_at: CreatedAt;
  refusal_reason: Optional<RefusalReason | null>;
  refusal_message: Optional<string | null>;
  refusal_reason_shared: Optional<boolean>;
  rating: Optional<number | null>;
  version: Optional<number>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export type TransitionActorRole = Role | 'system';

/** The workflows whose status changes the transition engine logs (src/lib/workflow.ts). */
export type WorkflowEntity = 'application' | 'mission' | 'edition' | 'forum' | 'binome';

/** One row per status change of any workflow (and an application's creation, `submit`). */
export interface StatusTransitionsTable {
  id: Generated<string>; // bigint identity, never read as a number
  entity: WorkflowEntity;
  entity_id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_role: TransitionActorRole;
  transition: string;
  from_status: string | null;
  to_status: string;
  reason: Optional<string | null>;
  message: Optional<string | null>;
  reason_shared: Optional<boolean>;
}

export interface ApplicationNotesTable {
  id: Generated<string>;
  application_id: string;
  author_id: string;
  body: string;
  rating: Optional<number | null>;
  created_at: CreatedAt;
}

export interface IdempotencyKeysTable {
  user_id: string;
  scope: string;
  key: string;
  request_hash: string;
  status_code: Optional<number | null>;
  /** JSON; written as JSON text. */
  response: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxTable {
  id: Generated<string>;
  user_id: string | null;
  to_address: string;
  subject: string;
  body: string;
  kind: string;
  application_id: Optional<string | null>;
  status: Optional<OutboxStatus>;
  attempts: Optional<number>;
  next_attempt_at: CreatedAt;
  last_error: Optional<string | null>;
  created_at: CreatedAt;
  sent_at: NullableTimestamp;
}

export type ForumStatus = 'planning' | 'scheduled' | 'running' | 'closed';
export interface ForumBreak {
  afterRound: number;
  minutes: number;
}

export interface ForumsTable {
  id: Generated<string>;
  edition_id: string;
  title: string;
  venue: Optional<string>;
  commune_code: string;
  held_on: string;
  /** 'HH:MM' in Europe/Paris. */
  starts_at: string;
  ends_at: string;
  slot_minutes: Optional<number>;
  changeover_minutes: Optional<number>;
  /** JSON; written as JSON text. */
  breaks: ColumnType<ForumBreak[], string | undefined, string>;
  status: Optional<ForumStatus>;
  version: Optional<number>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface ForumStructuresTable {
  forum_id: string;
  structure_id: string;
  tables: Optional<number>;
  unavailable_rounds: Optional<number[]>;
  created_at: CreatedAt;
}

export type Attendance = 'expected' | 'present' | 'absent' | 'gone';

export interface ForumCandidatesTable {
  forum_id: string;
  candidate_id: string;
  arrives_at: Optional<string | null>;
  leaves_at: Optional<string | null>;
  attendance: Optional<Attendance>;
  invited_by: string;
  created_at: CreatedAt;
}

export type RequestSide = 'candidate' | 'structure' | 'coordinator';

export interface MeetingRequestsTable {
  id: Generated<string>;
  forum_id: string;
  candidate_id: string;
  structure_id: string;
  side: RequestSide;
  priority: Optional<number>;
  requested_by: string;
  created_at: CreatedAt;
}

export interface ForumSchedulesTable {
  id: Generated<string>;
  forum_id: string;
  number: number;
  from_round: number | null;
  rounds_available: number;
  rounds_used: number;
  lower_bound: number;
  /** JSON; written as JSON text. */
  unscheduled: ColumnType<unknown[], string | undefined, string>;
  created_by: string;
  created_at: CreatedAt;
}

export interface ForumMeetingsTable {
  id: Generated<string>;
  schedule_id: string;
  round: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
  structure_id: string;
  table_number: number;
  candidate_id: string;
}

export type WouldHost = 'yes' | 'maybe' | 'no';

export interface ForumEvaluationsTable {
  forum_id: string;
  candidate_id: string;
  structure_id: string;
  structure_score: Optional<number | null>;
  would_host: Optional<WouldHost | null>;
  structure_comment: Optional<string | null>;
  structure_evaluated_by: Optional<string | null>;
  structure_evaluated_at: NullableTimestamp;
  candidate_interest: Optional<number | null>;
  candidate_evaluated_at: NullableTimestamp;
}

export interface IndemnityRatesTable {
  /** 'YYYY-MM-DD' */
  effective_from: string;
  state_monthly_cents: number;
  host_min_monthly_cents: number;
  source: string;
  created_at: CreatedAt;
}

export type PlacementMode = 'optimal' | 'stable';

export interface PlacementRunsTable {
  id: Generated<string>;
  edition_id: string;
  number: number;
  mode: PlacementMode;
  /** JSON; written as JSON text. */
  weights: ColumnType<Record<string, number>, string, string>;
  locks: ColumnType<unknown[], string | undefined, string>;
  exclusions: ColumnType<unknown[], string | undefined, string>;
  input_digest: string;
  volunteers: number;
  missions: number;
  proposals: ColumnType<unknown[], string, string>;
  unplaced: ColumnType<unknown[], string, string>;
  open_places: ColumnType<unknown[], string, string>;
  objective: number;
  bound: number;
  assignment_optimum: number;
  duration_ms: number;
  applied_at: NullableTimestamp;
  applied_by: Optional<string | null>;
  created_by: string;
  created_at: CreatedAt;
}

export type BinomeStatus = 'proposed' | 'confirmed' | 'broken' | 'dissolved';

export interface BinomesTable {
  id: Generated<string>;
  edition_id: string;
  mission_id: string;
  status: Optional<BinomeStatus>;
  run_id: Optional<string | null>;
  ended_at: NullableTimestamp;
  ended_reason: Optional<string | null>;
  version: Optional<number>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface BinomeMembersTable {
  binome_id: string;
  edition_id: string;
  mission_id: string;
  candidate_id: string;
  application_id: string;
  seat: number;
  active: Optional<boolean>;
  joined_at: CreatedAt;
  left_at: NullableTimestamp;
  accepted_at: NullableTimestamp;
  parental_consent_signed_by: Optional<string | null>;
  /** 'YYYY-MM-DD' */
  parental_consent_signed_on: Optional<string | null>;
  parental_consent_recorded_by: Optional<string | null>;
  parental_consent_recorded_at: NullableTimestamp;
}

export interface PlacementsTable {
  id: Generated<string>;
  binome_id: string;
  mission_id: string;
  host_structure_id: string;
  first_circle_structure_id: string;
  operator_id: string;
  host_tutor_id: string;
  operator_tutor_id: string;
  /** 'YYYY-MM-DD' */
  starts_on: string;
  ends_on: string;
  indemnity_rate_from: string;
  state_monthly_cents: number;
  host_monthly_cents: number;
  version: Optional<number>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface Database {
  operators: OperatorsTable;
  structures: StructuresTable;
  users: UsersTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  invitations: InvitationsTable;
  audit_events: AuditEventsTable;
  epcis: EpcisTable;
  communes: CommunesTable;
  reference_data: ReferenceDataTable;
  programmes: ProgrammesTable;
  editions: EditionsTable;
  edition_epcis: EditionEpcisTable;
  partnerships: PartnershipsTable;
  missions: MissionsTable;
  candidate_profiles: CandidateProfilesTable;
  candidate_disabilities: CandidateDisabilitiesTable;
  applications: ApplicationsTable;
  status_transitions: StatusTransitionsTable;
  application_notes: ApplicationNotesTable;
  idempotency_keys: IdempotencyKeysTable;
  outbox: OutboxTable;
  forums: ForumsTable;
  forum_structures: ForumStructuresTable;
  forum_candidates: ForumCandidatesTable;
  meeting_requests: MeetingRequestsTable;
  forum_schedules: ForumSchedulesTable;
  forum_meetings: ForumMeetingsTable;
  forum_evaluations: ForumEvaluationsTable;
  indemnity_rates: IndemnityRatesTable;
  placement_runs: PlacementRunsTable;
  binomes: BinomesTable;
  binome_members: BinomeMembersTable;
  placements: PlacementsTable;
}

export type OperatorRow = Selectable<OperatorsTable>;
export type StructureRow = Selectable<StructuresTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type RefreshTokenRow = Selectable<RefreshTokensTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type NewAuditEvent = Insertable<AuditEventsTable>;
export type CommuneRow = Selectable<CommunesTable>;
export type ProgrammeRow = Selectable<ProgrammesTable>;
export type EditionRow = Selectable<EditionsTable>;
export type EpciRow = Selectable<EpcisTable>;

/** What repositories take: the database, or the transaction a use case opened. */
export type Db = Kysely<Database> | Transaction<Database>;
