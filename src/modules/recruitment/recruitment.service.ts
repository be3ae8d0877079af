import type { ApplicationStatus, Db } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { DomainError, Gone, NotFound } from '../../errors.js';
import { text, withTexts } from '../../i18n/index.js';
import { type Actor, scopeOf } from '../../lib/access.js';
import { parisDateOf } from '../../lib/dates.js';
import { allowedMove, assertVersion, move, PLATFORM, platformCan, wentThrough } from '../../lib/workflow.js';
import { RULES } from '../../rules.js';
import { findActiveMemberByApplication } from '../binomes/binomes.repository.js';
import { memberAccepted, memberOfferEnded } from '../binomes/binomes.service.js';
import { lockProfile } from '../candidates/candidates.repository.js';
import {
  findApplication,
  loadApplication,
  lockApplication,
  otherPending,
  pendingOf,
  unheldOffers,
  untouchedSince,
} from '../applications/applications.repository.js';
import {
  type ApplicationMove,
  assertMayAccept,
  assertRefusalFields,
  missionFull,
  moveApplication,
  offerWarnings,
  type TransitionInput,
  viewFor,
} from '../applications/applications.service.js';
import { APPLICATION_WORKFLOW, MISSION_FILLED } from '../applications/applications.workflow.js';
import { offerDeadline } from '../applications/offer-deadline.js';
import { MISSION_WORKFLOW } from '../missions/missions.workflow.js';
import { acceptReservedPlace, lockMissionPlaces, takePlace } from '../missions/places.repository.js';

/**
 * Recruitment as a process: the moves of an application that reach beyond it.
 *
 * Applications, binômes and a mission's places are concepts of their own, and their services
 * never call one another back: `binomes` uses the applications' plain moves (offer a place, take
 * an offer back), `applications` knows nothing of binômes. What crosses them is decided here, in
 * the transaction of the move that causes it:
 * - accepting an offer takes a place (a free one, or the one reserved for a binôme member), may
 *   fill the mission, ends the offers no place backs any more and the candidate's other pending
 *   applications, and confirms the member's binôme once both accepted;
 * - an offer that ends otherwise (declined, expired, withdrawn, refused, obsolete) breaks the
 *   member's binôme, which takes back the partner's offer.
 * A process module above the three was chosen over events returned by leaf services: the
 * consequences are few, always applied in the same transaction, and read here in one place;
 * an event a caller forgets to apply is a silent bug.
 *
 * Routes, jobs and the privacy service start application moves here; `applications.service`
 * `moveApplication` is the plain move (engine, history line, e-mail) without consequences.
 */

/** A plain move, then what it means for a binôme: an offer ending otherwise than by an acceptance breaks it. */
async function moveWithConsequences(trx: Db, id: string, request: ApplicationMove) {
  const before = await loadApplication(trx, id);
  const moved = await moveApplication(trx, id, request);
  if (before.status === 'offered' && moved.status !== 'accepted') await memberOfferEnded(trx, id, moved.status, request.at);
  return moved;
}

/**
 * Moves an application (one transaction); accepting an offer takes a place of the mission. The
 * answer carries `warnings`: an offer beyond the mission's free places is made, with a warning.
 */
export async function moveApplicationTo(deps: Deps, actor: Actor, id: string, input: TransitionInput) {
  assertRefusalFields(input);
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const seen = await findApplication(trx, id, scopeOf(actor));
    if (!seen) throw new NotFound('application');
    // The candidate's acceptances are decided one at a time (profile row), then the mission's
    // places, then the application's (see lockMissionPlaces for why in this order).
    if (input.to === 'accepted') {
      await lockProfile(trx, seen.candidate_id);
      await lockMissionPlaces(trx, seen.mission_id);
    }
    await lockApplication(trx, id);
    const row = await loadApplication(trx, id);
    // An offer that ended because the mission filled answers as a full mission does.
    if (input.to === 'accepted' && row.status === 'obsolete' && actor.role === 'candidate' && (await wentThrough(trx, 'application', id, MISSION_FILLED.transition))) {
      throw missionFull(row, { currentState: row.status });
    }
    const request = { to: input.to, by: actor, at: now, version: input.version } as const;
    if (input.to !== 'accepted') {
      const moved = await moveWithConsequences(trx, id, { ...request, refusal: { reason: input.reason, message: input.message, shared: input.shareReason } });
      return { ...viewFor(actor, moved), warnings: offerWarnings(moved) };
    }

    // Accepting: the move must be possible before a place is taken (409, 403, 412 first), then
    // the rules once more, then a place (or 409 mission-full).
    allowedMove(APPLICATION_WORKFLOW.transitions, APPLICATION_WORKFLOW.what, row.status, 'accepted', actor);
    assertVersion(APPLICATION_WORKFLOW, input.version, row.version);
    // The expire-offers job ends an unanswered offer within a minute or so of its deadline, and
    // never when the jobs are off (JOBS_INTERVAL_SECONDS=0): the deadline holds here too.
    if (row.status === 'offered' && offerDeadline(row.status_changed_at) <= now) {
      throw new Gone(text('application.offerExpired', { deadline: parisDateOf(offerDeadline(row.status_changed_at)) }), { currentState: row.status });
    }
    await assertMayAccept(trx, row, actor.userId);
    // A binôme member's place was reserved when the offer was made; anyone else takes a free one.
    const member = await findActiveMemberByApplication(trx, row.id);
    const place = member ? await acceptReservedPlace(trx, row.mission_id) : await takePlace(trx, row.mission_id);
    if (!place) throw missionFull(row);
    const accepted = await moveApplication(trx, id, request);
    if (member) await memberAccepted(trx, member, now);
    if (place.accepted === place.places && place.status === 'published') {
      await move(trx, MISSION_WORKFLOW, row.mission_id, { to: 'filled', by: PLATFORM, at: now, why: { reason: 'every place accepted' } });
    }
    if (place.accepted + place.reserved >= place.places) await endOffersBeyondPlaces(trx, row.mission_id, now);
    for (const other of await otherPending(trx, row.candidate_id, row.id)) {
      await moveWithConsequences(trx, other.id, { to: 'obsolete', by: PLATFORM, at: now, name: 'make obsolete', context: { acceptedMissionTitle: row.mission_title } });
    }
    return { ...viewFor(actor, accepted), warnings: [] };
  });
}

/**
 * The mission has no free place left after an acceptance: the offers that no reserved place
 * backs can no longer be accepted, so they end — `obsolete`, reason « mission pourvue », each with
 * its history line and e-mail — in the acceptance's transaction. A binôme member's offer holds a
 * reserved place and stays.
 */
async function endOffersBeyondPlaces(trx: Db, missionId: string, at: Date) {
  for (const { id } of await unheldOffers(trx, missionId)) {
    await moveWithConsequences(trx, id, {
      to: 'obsolete',
      by: PLATFORM,
      at,
      name: MISSION_FILLED.transition,
      ended: { reason: MISSION_FILLED.reason, message: MISSION_FILLED.message },
    });
  }
}

export interface BulkItem extends TransitionInput {
  id: string;
}

/** Each item in its own transaction: one failing leaves the others done, and the answer says which. */
export async function bulkMove(deps: Deps, actor: Actor, items: readonly BulkItem[]) {
  const results = [];
  for (const item of items) {
    try {
      const application = await moveApplicationTo(deps, actor, item.id, item);
      results.push({ id: item.id, ok: true as const, status: application.status, warnings: application.warnings });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      // `detail` in French, and in English when the request asks (withTexts).
      const error = { kind: err.kind, detail: err.message, ...('rule' in err ? { rule: String(err.rule) } : {}), ...err.extra };
      results.push({ id: item.id, ok: false as const, error: withTexts(error, { detail: err.text }) });
    }
  }
  return { succeeded: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length, results };
}

/**
 * A candidate who deletes their account withdraws every pending application first (caller's
 * transaction): structures stop reviewing it, and an offer to a binôme member ends, which
 * breaks the binôme and frees the partner for another.
 */
export async function withdrawAllPending(trx: Db, actor: Actor, at: Date) {
  for (const { id } of await pendingOf(trx, actor.userId)) {
    await moveWithConsequences(trx, id, { to: 'withdrawn', by: actor, at });
  }
}

// ---------------------------------------------------------------------------------------------
// The platform's own moves (jobs): each application in its own transaction.

const DAY = 86_400_000;

async function platformMove(deps: Pick<Deps, 'db'>, statuses: readonly ApplicationStatus[], olderThanDays: number, now: Date, to: ApplicationStatus, name: string) {
  const before = new Date(now.getTime() - olderThanDays * DAY);
  let moved = 0;
  for (;;) {
    const due = await untouchedSince(deps.db, statuses, before, 100);
    if (due.length === 0) return moved;
    let progressed = false;
    for (const { id } of due) {
      const done = await deps.db.transaction().execute(async (trx) => {
        await lockApplication(trx, id);
        const row = await loadApplication(trx, id);
        // Someone acted between the search and the lock: not untouched any more.
        if (!platformCan(APPLICATION_WORKFLOW.transitions, row.status, to, name) || row.status_changed_at >= before) return false;
        await moveWithConsequences(trx, id, { to, by: PLATFORM, at: now, name, refusal: { reason: 'no-response', shared: true } });
        return true;
      });
      if (done) {
        moved++;
        progressed = true;
      }
    }
    if (!progressed) return moved;
  }
}

/** Submitted or in-review applications untouched for 60 days are refused, reason "no response" (shared). */
export function refuseUnanswered(deps: Pick<Deps, 'db'>, now: Date) {
  return platformMove(deps, ['submitted', 'in_review'], RULES.noResponseDays, now, 'refused', 'refuse for no response');
}

// Re-exported: the console's pages and the tests read the deadline from the recruitment process.
export { offerDeadline };

/** Offers unanswered for 14 days expire. */
export function expireOffers(deps: Pick<Deps, 'db'>, now: Date) {
  return platformMove(deps, ['offered'], RULES.offerExpiryDays, now, 'expired', 'expire');
}
