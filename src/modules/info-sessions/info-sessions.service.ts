import type { Db } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { Conflict, Forbidden, Gone, Invalid, NotFound, PreconditionFailed, RuleViolation } from '../../errors.js';
import { text } from '../../i18n/index.js';
import { type Actor, scopeOf } from '../../lib/access.js';
import { ageOn, parisDateOf, parisInstant } from '../../lib/dates.js';
import { hashToken, newOpaqueToken } from '../../lib/tokens.js';
import { RULES } from '../../rules.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findEdition } from '../editions/editions.repository.js';
import { composeEmail, type EmailDraft } from '../outbox/compose.js';
import { enqueueEmail } from '../outbox/outbox.repository.js';
import {
  cancelledRegistrationEmail,
  invitationToApplyEmail,
  promotedEmail,
  registeredEmail,
  reminderEmail,
  type SessionFacts,
  sessionCancelledEmail,
  waitingEmail,
} from './info-sessions.emails.js';
import {
  accountIdentity,
  activeRegistrationOf,
  activeRegistrations,
  anonymiseRegistrationsOf,
  clearReminders,
  communeExists,
  deleteExpiredRegistrations,
  findPublicSession,
  findRegistrationByToken,
  findSession,
  firstWaiting,
  insertRegistration,
  insertSession,
  listPublicSessions,
  listSessions,
  loadSession,
  lockSession,
  markInvitedToApply,
  markReminded,
  markSessionCancelled,
  registrationsOf,
  registrationsOfUser,
  registrationsToRemind,
  releasePlace,
  type SessionRow,
  setAttended,
  setRegistrationStatus,
  takePlace,
  updateSession,
  waitingRank,
} from './info-sessions.repository.js';
import { AGE_BRACKETS, type RegisterInput, type SessionInput } from './info-sessions.schemas.js';

/**
 * Information meetings (« réunions d'information ») of an edition: a coordinator of the edition's
 * operator runs them; anyone registers, with an account or without. The capacity is held by the
 * database (a counter under a check, moved by guarded updates); every change of a session's
 * registrations first locks the session's row, so that the waiting list is promoted in its order.
 */

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toSession(row: SessionRow) {
  return {
    id: row.id,
    editionId: row.edition_id,
    editionLabel: row.edition_label,
    programme: { id: row.programme_id, name: row.programme_name },
    operator: { id: row.operator_id, name: row.operator_name },
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    venue: row.venue,
    address: row.address,
    commune: { code: row.commune_code, name: row.commune_name, postalCode: row.postal_codes[0] ?? null },
    capacity: row.capacity,
    registered: row.registered,
    waiting: Number(row.waiting ?? 0),
    placesLeft: Math.max(0, row.capacity - row.registered),
    onlineUrl: row.online_url,
    cancelledAt: iso(row.cancelled_at),
    version: row.version,
  };
}
export type InfoSession = ReturnType<typeof toSession>;

export function factsOf(row: SessionRow): SessionFacts {
  return {
    id: row.id,
    programme: row.programme_name,
    edition: row.edition_label,
    operator: row.operator_name,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    venue: row.venue,
    address: row.address,
    commune: [row.postal_codes[0], row.commune_name].filter(Boolean).join(' '),
    onlineUrl: row.online_url,
  };
}

const firstNameOf = (fullName: string) => fullName.trim().split(/\s+/)[0] ?? null;

async function mail(trx: Db, to: { user_id: string | null; email: string }, kind: string, draft: EmailDraft, at: Date) {
  await enqueueEmail(trx, { userId: to.user_id, to: to.email, kind: `info-session.${kind}`, ...composeEmail(draft) }, at);
}

function assertStaff(actor: Actor) {
  if (actor.role !== 'coordinator' && actor.role !== 'admin') throw new Forbidden(text('access.roleMayNot', { role: actor.role }));
}

/** The session a coordinator of its operator (or an admin) sees; 404 for anyone else, before any other check. */
async function staffSession(db: Db, actor: Actor, id: string): Promise<SessionRow> {
  const row = await findSession(db, id, scopeOf(actor));
  if (!row) throw new NotFound('infoSession');
  return row;
}

/** The session's instants and values as stored, from what the coordinator typed. */
async function sessionValues(db: Db, input: SessionInput) {
  if (!(await communeExists(db, input.communeCode))) {
    throw new Invalid(text('notFound.commune', { code: input.communeCode }), [{ path: 'communeCode', message: text('notFound.commune', { code: input.communeCode }) }]);
  }
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return {
    starts_at: parisInstant(input.day, minutes(input.startsAt)),
    ends_at: parisInstant(input.day, minutes(input.endsAt)),
    venue: input.venue,
    address: input.address ?? null,
    commune_code: input.communeCode,
    capacity: input.capacity,
    online_url: input.onlineUrl ?? null,
  };
}

function assertFuture(startsAt: Date, now: Date) {
  if (startsAt <= now) throw new Invalid(text('infoSessions.closed'), [{ path: 'day', message: text('field.tooSmall', { minimum: 'aujourd’hui', inclusive: false }) }]);
}

export async function createSession(deps: Deps, actor: Actor, editionId: string, input: SessionInput): Promise<InfoSession> {
  assertStaff(actor);
  const edition = await findEdition(deps.db, editionId, scopeOf(actor));
  if (!edition) throw new NotFound('edition');
  if (edition.status !== 'planning' && edition.status !== 'recruiting') throw new Conflict(text('infoSessions.editionNotRecruiting'));
  const values = await sessionValues(deps.db, input);
  const now = deps.clock();
  assertFuture(values.starts_at, now);
  const id = await deps.db.transaction().execute(async (trx) => {
    const { id } = await insertSession(trx, { ...values, edition_id: edition.id, created_by: actor.userId }, now);
    await recordAudit(trx, { actorId: actor.userId, action: 'info-session.created', entityType: 'info_session', entityId: id });
    return id;
  });
  return toSession(await loadSession(deps.db, id));
}

/**
 * Changes a session's facts. The capacity never goes below the people registered (`info-capacity`);
 * a larger one lets the waiting list in, in order. A new start resets the reminders.
 */
export async function editSession(deps: Deps, actor: Actor, id: string, input: SessionInput, version?: number): Promise<InfoSession> {
  assertStaff(actor);
  const row = await staffSession(deps.db, actor, id);
  const values = await sessionValues(deps.db, input);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const locked = await lockSession(trx, row.id);
    if (!locked) throw new NotFound('infoSession');
    if (locked.cancelled_at) throw new Conflict(text('infoSessions.cancelled'));
    if (version !== undefined && locked.version !== version) throw new PreconditionFailed(text('infoSessions.stale', { read: version, current: locked.version }));
    if (values.starts_at.getTime() !== locked.starts_at.getTime()) assertFuture(values.starts_at, now);
    if (values.capacity < locked.registered) {
      throw new RuleViolation('info-capacity', text('infoSessions.capacityBelow', { registered: locked.registered }), { field: 'capacity' });
    }
    await updateSession(trx, row.id, undefined, values, now);
    if (values.starts_at.getTime() !== locked.starts_at.getTime()) await clearReminders(trx, row.id);
    if (values.capacity > locked.registered) await promote(trx, row.id, now);
    await recordAudit(trx, { actorId: actor.userId, action: 'info-session.edited', entityType: 'info_session', entityId: row.id });
  });
  return toSession(await loadSession(deps.db, row.id));
}

/** Cancels the session: it takes no more registrations, and everyone registered or waiting is told. */
export async function cancelSession(deps: Deps, actor: Actor, id: string): Promise<InfoSession> {
  assertStaff(actor);
  const row = await staffSession(deps.db, actor, id);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await lockSession(trx, row.id);
    if (!(await markSessionCancelled(trx, row.id, now))) throw new Conflict(text('infoSessions.cancelled'));
    for (const person of await activeRegistrations(trx, row.id)) {
      await mail(trx, person, 'cancelled-by-operator', sessionCancelledEmail({ session: factsOf(row), firstName: firstNameOf(person.full_name) }), now);
    }
    await recordAudit(trx, { actorId: actor.userId, action: 'info-session.cancelled', entityType: 'info_session', entityId: row.id });
  });
  return toSession(await loadSession(deps.db, row.id));
}

export async function getStaffSession(deps: Deps, actor: Actor, id: string): Promise<InfoSession> {
  assertStaff(actor);
  return toSession(await staffSession(deps.db, actor, id));
}

/** The sessions of an edition the caller runs (404 for another operator's edition). */
export async function listEditionSessions(deps: Deps, actor: Actor, editionId: string) {
  assertStaff(actor);
  const edition = await findEdition(deps.db, editionId, scopeOf(actor));
  if (!edition) throw new NotFound('edition');
  return { items: (await listSessions(deps.db, scopeOf(actor), { editionId })).map(toSession) };
}

/** Every session the caller runs, of one edition or all (the staff's page). */
export async function listStaffSessions(deps: Deps, actor: Actor, filter: { editionId?: string | undefined }) {
  assertStaff(actor);
  return (await listSessions(deps.db, scopeOf(actor), filter)).map(toSession);
}

/** A session's registrations: the registered, the waiting list in its order (with ranks), the cancelled. */
export async function listRegistrations(deps: Deps, actor: Actor, id: string) {
  assertStaff(actor);
  const row = await staffSession(deps.db, actor, id);
  let rank = 0;
  const items = (await registrationsOf(deps.db, row.id)).map((r) => ({
    id: r.id,
    fullName: r.full_name,
    email: r.email,
    phone: r.phone,
    ageBracket: r.age_bracket,
    withAccount: r.user_id !== null,
    status: r.status,
    rank: r.status === 'waiting' ? ++rank : null,
    queuedAt: r.queued_at.toISOString(),
    attended: r.attended,
    invitedToApplyAt: iso(r.invited_to_apply_at),
    cancelledAt: iso(r.cancelled_at),
  }));
  return { session: toSession(row), items };
}
export type InfoRegistrationView = Awaited<ReturnType<typeof listRegistrations>>['items'][number];

/**
 * Records who came (`info-attendance`: once the session has started, for the people registered),
 * and invites each attendee to apply — once (`invited_to_apply_at`).
 */
export async function recordAttendance(deps: Deps, actor: Actor, id: string, entries: readonly { registrationId: string; attended: boolean }[]) {
  assertStaff(actor);
  const row = await staffSession(deps.db, actor, id);
  const now = deps.clock();
  if (row.cancelled_at) throw new Conflict(text('infoSessions.cancelled'));
  if (now < row.starts_at) throw new RuleViolation('info-attendance', text('infoSessions.attendanceTooEarly'));
  await deps.db.transaction().execute(async (trx) => {
    for (const [i, entry] of entries.entries()) {
      if (!(await setAttended(trx, row.id, entry.registrationId, entry.attended, now))) {
        throw new RuleViolation('info-attendance', text('infoSessions.notRegistered'), { field: `attendance.${i}.registrationId` });
      }
    }
    for (const person of await registrationsOf(trx, row.id)) {
      if (person.attended && person.invited_to_apply_at === null && (await markInvitedToApply(trx, person.id, now))) {
        await mail(trx, person, 'invitation-to-apply', invitationToApplyEmail({ session: factsOf(row), firstName: firstNameOf(person.full_name) }), now);
      }
    }
    await recordAudit(trx, { actorId: actor.userId, action: 'info-session.attendance', entityType: 'info_session', entityId: row.id, after: { entries: entries.length } });
  });
  return listRegistrations(deps, actor, row.id);
}

// --- The public side -----------------------------------------------------------------------

/** The upcoming sessions (not cancelled, not started) of the editions that are recruiting. */
export async function listUpcomingSessions(deps: Deps, filter: { editionId?: string | undefined } = {}) {
  return { items: (await listPublicSessions(deps.db, deps.clock(), filter)).map(toSession) };
}

/** A session of an edition that is recruiting (past and cancelled ones too: their page says so). */
export async function getPublicSession(deps: Deps, id: string): Promise<InfoSession> {
  const row = await findPublicSession(deps.db, id);
  if (!row) throw new NotFound('infoSession');
  return toSession(row);
}

/** The age bracket of a birth date on a day (the registration form's default for a candidate with a profile). */
export function ageBracketOf(birthDate: string, day: string): (typeof AGE_BRACKETS)[number] {
  const age = ageOn(birthDate, day);
  if (age < 16) return 'under-16';
  if (age < 18) return '16-17';
  if (age < 22) return '18-21';
  if (age < 26) return '22-25';
  if (age <= 30) return '26-30';
  return 'over-30';
}

/** What the page knows of a signed-in candidate before they register: their name, e-mail and age bracket. */
export async function candidateIdentity(deps: Deps, actor: Actor) {
  const account = await accountIdentity(deps.db, actor.userId);
  if (!account) return undefined;
  return {
    fullName: [account.first_name, account.last_name].filter(Boolean).join(' ') || account.full_name || account.email,
    email: account.email,
    ageBracket: account.birth_date ? ageBracketOf(account.birth_date, parisDateOf(deps.clock())) : undefined,
  };
}

/** Whether the session takes registrations now (`info-session-open`). */
export const isOpen = (session: Pick<InfoSession, 'cancelledAt' | 'startsAt'>, now: Date) => session.cancelledAt === null && new Date(session.startsAt) > now;

/**
 * Registers a person: without an account (name and e-mail given), or a signed-in candidate (name
 * and e-mail from the account). A place if one is left (the guarded update), else the waiting
 * list, with the rank said. One e-mail address once per session (`info-one-registration`).
 */
export async function register(deps: Deps, actor: Actor | null, sessionId: string, input: RegisterInput) {
  const session = await findPublicSession(deps.db, sessionId);
  if (!session) throw new NotFound('infoSession');
  let identity: { userId: string | null; fullName: string; email: string };
  if (actor) {
    if (actor.role !== 'candidate') throw new Forbidden(text('infoSessions.candidatesOnly'));
    const account = await candidateIdentity(deps, actor);
    if (!account) throw new NotFound('infoSession');
    identity = { userId: actor.userId, fullName: account.fullName, email: account.email };
  } else {
    const missing = [
      ...(input.fullName ? [] : [{ path: 'fullName', message: text('infoSessions.nameRequired') }]),
      ...(input.email ? [] : [{ path: 'email', message: text('infoSessions.emailRequired') }]),
    ];
    if (missing.length > 0) throw new Invalid(missing[0]!.message, missing);
    identity = { userId: null, fullName: input.fullName!, email: input.email! };
  }
  const token = newOpaqueToken();
  const result = await deps.db.transaction().execute(async (trx) => {
    const locked = await lockSession(trx, session.id);
    // The time in line is read once the session is locked: the line's order is the order in
    // which registrations got the lock, and so the order in which they took places.
    const now = deps.clock();
    if (!locked || locked.cancelled_at || locked.starts_at <= now) throw new RuleViolation('info-session-open', text('infoSessions.closed'));
    if (await activeRegistrationOf(trx, session.id, identity.email)) {
      throw new Conflict(text('infoSessions.duplicate'), { rule: 'info-one-registration', field: 'email' });
    }
    const status: 'registered' | 'waiting' = (await takePlace(trx, session.id)) ? 'registered' : 'waiting';
    const row = await insertRegistration(
      trx,
      {
        session_id: session.id,
        user_id: identity.userId,
        full_name: identity.fullName,
        email: identity.email,
        phone: input.phone ?? null,
        consent_contact: input.consentContact,
        age_bracket: input.ageBracket,
        status,
        cancel_token_hash: hashToken(token),
      },
      now,
    );
    const rank = status === 'waiting' ? await waitingRank(trx, row) : null;
    const fresh = await loadSession(trx, session.id);
    const firstName = firstNameOf(identity.fullName);
    const draft = rank === null ? registeredEmail({ session: factsOf(fresh), firstName, token, at: now }) : waitingEmail({ session: factsOf(fresh), firstName, token, rank });
    await mail(trx, row, status, draft, now);
    return { id: row.id, status, rank, session: toSession(fresh) };
  });
  return result;
}

/** Lets the waiting list in, first in line first, while places are left. */
async function promote(trx: Db, sessionId: string, now: Date): Promise<number> {
  let promoted = 0;
  for (;;) {
    const next = await firstWaiting(trx, sessionId);
    if (!next || !(await takePlace(trx, sessionId))) break;
    await setRegistrationStatus(trx, next.id, 'waiting', 'registered', now);
    const session = await loadSession(trx, sessionId);
    await mail(trx, next, 'promoted', promotedEmail({ session: factsOf(session), firstName: firstNameOf(next.full_name), at: now }), now);
    promoted++;
  }
  return promoted;
}

/** What the cancel link's page shows before the person confirms. */
export async function registrationOfToken(deps: Deps, token: string) {
  const row = await findRegistrationByToken(deps.db, hashToken(token));
  if (!row || row.status === 'cancelled') throw new Gone(text('infoSessions.linkGone'));
  return { id: row.id, fullName: row.full_name, status: row.status, session: toSession(await loadSession(deps.db, row.session_id)) };
}

/**
 * Cancels with the link's token, until the session starts: a registered person's place goes to
 * the first in line, in the same transaction, and that person is told.
 */
export async function cancelRegistration(deps: Deps, token: string) {
  const hash = hashToken(token);
  const found = await findRegistrationByToken(deps.db, hash);
  if (!found || found.status === 'cancelled') throw new Gone(text('infoSessions.linkGone'));
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    // The session first, as a registration locks it: one order of locks, no deadlock.
    const locked = await lockSession(trx, found.session_id);
    const row = await findRegistrationByToken(trx, hash, { forUpdate: true });
    if (!locked || !row || row.status === 'cancelled') throw new Gone(text('infoSessions.linkGone'));
    if (locked.starts_at <= now) throw new RuleViolation('info-session-open', text('infoSessions.cancelTooLate'));
    await setRegistrationStatus(trx, row.id, row.status, 'cancelled', now);
    let promoted = 0;
    if (row.status === 'registered') {
      await releasePlace(trx, row.session_id);
      if (!locked.cancelled_at) promoted = await promote(trx, row.session_id, now);
    }
    const session = await loadSession(trx, row.session_id);
    await mail(trx, row, 'cancelled', cancelledRegistrationEmail({ session: factsOf(session), firstName: firstNameOf(row.full_name), wasWaiting: row.status === 'waiting' }), now);
    return { id: row.id, status: 'cancelled' as const, promoted, session: toSession(session) };
  });
}

// --- Jobs, retention, privacy --------------------------------------------------------------

/** The calendar day after `day` (YYYY-MM-DD). */
function dayAfter(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The reminders of the sessions held on `day` (Paris), each registered person once (guarded `reminded_at`). */
export async function remindRegistrationsOn(db: Db, day: string, now: Date, signal?: AbortSignal): Promise<number> {
  const from = parisInstant(day, 0);
  const to = parisInstant(dayAfter(day), 0);
  let reminded = 0;
  for (;;) {
    const due = await registrationsToRemind(db, from, to, 100);
    for (const { id, session_id } of due) {
      if (signal?.aborted) return reminded;
      const done = await db.transaction().execute(async (trx) => {
        const row = await markReminded(trx, id, now);
        if (!row) return false;
        const session = await loadSession(trx, session_id);
        await mail(trx, row, 'reminder', reminderEmail({ session: factsOf(session), firstName: firstNameOf(row.full_name) }), now);
        return true;
      });
      if (done) reminded++;
    }
    if (due.length < 100) return reminded;
  }
}
export { dayAfter };

/** Retention: registrations without an account deleted 6 months after their session, unless the person applied. */
export async function forgetOldRegistrations(db: Db, now: Date): Promise<number> {
  const before = new Date(now);
  before.setUTCMonth(before.getUTCMonth() - RULES.infoRegistrationMonths);
  return deleteExpiredRegistrations(db, before);
}

/** A person's registrations, for their data export. */
export async function exportRegistrationsOf(db: Db, userId: string) {
  return (await registrationsOfUser(db, userId)).map((r) => ({
    ...r,
    starts_at: iso(r.starts_at),
    created_at: iso(r.created_at),
    cancelled_at: iso(r.cancelled_at),
  }));
}

/** A person's registrations anonymised with their account. */
export async function anonymiseRegistrations(db: Db, userId: string, at: Date): Promise<void> {
  await anonymiseRegistrationsOf(db, userId, at);
}
