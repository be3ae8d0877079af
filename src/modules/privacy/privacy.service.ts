import { randomBytes } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { Forbidden, Invalid } from '../../errors.js';
import { text } from '../../i18n/index.js';
import type { Actor } from '../../lib/access.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';
import { RULES } from '../../rules.js';
import type { Db } from '../../../db/database.js';
import { findUserById } from '../accounts/accounts.repository.js';
import { recordAudit } from '../audit/audit.repository.js';
import { revokeUserSessions } from '../auth/sessions.repository.js';
import { lockProfile } from '../candidates/candidates.repository.js';
import { withdrawAllPending } from '../recruitment/recruitment.service.js';
import { readDisability } from '../candidates/candidates.service.js';
import { deleteKeysBefore } from '../idempotency/idempotency.repository.js';
import { anonymiseRegistrations, exportRegistrationsOf } from '../info-sessions/info-sessions.service.js';
import { binomeMemberships, candidatesDueForRetention, collectUserData, eraseCandidate, hasAcceptedPlacement, hasOpenApplication } from './privacy.repository.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Everything held about the caller, as JSON (GDPR right of access and portability). */
export async function exportMyData(deps: Deps, actor: Actor) {
  return deps.db.transaction().execute(async (trx) => {
    const data = await collectUserData(trx, actor.userId);
    const disability = actor.role === 'candidate' ? await readDisability(trx, actor.userId, actor.userId, 'data-export') : undefined;
    await recordAudit(trx, { actorId: actor.userId, action: 'user.data-exported', entityType: 'user', entityId: actor.userId });
    const { profile } = data;
    const binomes = await binomeMemberships(trx, actor.userId);
    return {
      exportedAt: deps.clock().toISOString(),
      account: { ...data.account, created_at: iso(data.account.created_at), updated_at: iso(data.account.updated_at), last_login_at: iso(data.account.last_login_at) },
      profile: profile ? { ...profile, statement_sworn_at: iso(profile.statement_sworn_at), created_at: iso(profile.created_at), updated_at: iso(profile.updated_at) } : null,
      disability: disability ? { recognised: disability.recognised, consentAt: iso(disability.consent_at) } : null,
      applications: data.applications.map((a) => ({ ...a, created_at: iso(a.created_at), status_changed_at: iso(a.status_changed_at) })),
      applicationHistory: data.transitions.map((t) => ({ ...t, at: iso(t.at) })),
      binomes: binomes.map((b) => ({ ...b, joined_at: iso(b.joined_at), left_at: iso(b.left_at), accepted_at: iso(b.accepted_at) })),
      notesAboutMe: data.notes.map((n) => ({ ...n, created_at: iso(n.created_at) })),
      infoRegistrations: await exportRegistrationsOf(trx, actor.userId),
      emails: data.emails.map((e) => ({ ...e, created_at: iso(e.created_at), sent_at: iso(e.sent_at) })),
      sessions: data.sessions.map((s) => ({ ...s, created_at: iso(s.created_at), expires_at: iso(s.expires_at), revoked_at: iso(s.revoked_at) })),
      activity: data.audit.map((a) => ({ ...a, at: iso(a.at) })),
    };
  });
}

/** Anonymises one candidate in the caller's transaction; `why` goes to the audit trail. */
async function anonymise(trx: Db, userId: string, actorId: string | null, at: Date, why: 'deleted-by-candidate' | 'retention') {
  // Nobody knows this password: the account can no longer sign in.
  const unusable = await hashPassword(randomBytes(32).toString('base64url'));
  const placed = (await hasAcceptedPlacement(trx, userId)) !== undefined;
  await eraseCandidate(trx, userId, unusable, at, placed);
  await anonymiseRegistrations(trx, userId, at);
  await revokeUserSessions(trx, userId, 'account-anonymised', at);
  await recordAudit(trx, { actorId, action: 'candidate.anonymised', entityType: 'candidate', entityId: userId, after: { why, placementKept: placed } });
}

/** DELETE /me: the candidate's identifying data is erased, irreversibly, after the password check. */
export async function deleteMyAccount(deps: Deps, actor: Actor, password: string) {
  if (actor.role !== 'candidate') {
    throw new Forbidden(text('privacy.staffClosedByAdmin'));
  }
  const user = await findUserById(deps.db, actor.userId);
  if (!user || !(await verifyPassword(user.password_hash, password))) {
    throw new Invalid(text('auth.passwordWrong'), [{ path: 'password', message: text('field.wrong') }]);
  }
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await withdrawAllPending(trx, actor, now);
    await anonymise(trx, actor.userId, actor.userId, now, 'deleted-by-candidate');
  });
}

function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/**
 * The retention job: unsuccessful candidates anonymised 3 months after the last decision, or 2
 * years after their last contact when they agreed to stay in the pool; Idempotency-Keys past
 * their replay window are forgotten. `now` is an argument (docs/rules.md).
 */
export async function applyRetention(deps: Pick<Deps, 'db'>, now: Date) {
  const unsuccessfulBefore = monthsBefore(now, RULES.retention.unsuccessfulMonths);
  const poolBefore = monthsBefore(now, RULES.retention.poolMonths);
  let anonymised = 0;
  for (;;) {
    const due = await candidatesDueForRetention(deps.db, unsuccessfulBefore, poolBefore, 100);
    for (const { id } of due) {
      const done = await deps.db.transaction().execute(async (trx) => {
        // Applying locks the profile too: a candidate who applies meanwhile is not erased.
        await lockProfile(trx, id);
        if (await hasOpenApplication(trx, id)) return false;
        await anonymise(trx, id, null, now, 'retention');
        return true;
      });
      if (done) anonymised++;
    }
    if (due.length < 100) break;
  }
  const keys = await deleteKeysBefore(deps.db, new Date(now.getTime() - RULES.idempotencyHours * 3_600_000));
  return { anonymised, idempotencyKeysForgotten: keys };
}
