import type { Deps } from '../../deps.js';
import { RULES } from '../../rules.js';
import { composeEmail } from '../outbox/compose.js';
import { enqueueEmail } from '../outbox/outbox.repository.js';
import { loadApplication, lockApplication } from './applications.repository.js';
import { OFFER_REMINDER_DAYS, offerDeadline } from './offer-deadline.js';
import { offerReminderEmail } from './offer-reminder.email.js';
import { claimOfferReminder, offersToRemind } from './offer-reminders.repository.js';

const DAY = 86_400_000;

/**
 * Writes the reminder of each offer whose deadline is at most OFFER_REMINDER_DAYS away and not
 * passed, once per offer (table `offer_reminders`), each in its own short transaction: the
 * application is locked and read again (it may have been answered meanwhile), then the
 * reminder is claimed; only the run that claims it writes the e-mail. Returns how many it wrote.
 */
export async function remindOffers(deps: Pick<Deps, 'db'>, now: Date): Promise<number> {
  const offeredAfter = new Date(now.getTime() - RULES.offerExpiryDays * DAY);
  const offeredBefore = new Date(now.getTime() - (RULES.offerExpiryDays - OFFER_REMINDER_DAYS) * DAY);
  let written = 0;
  for (const offer of await offersToRemind(deps.db, offeredAfter, offeredBefore)) {
    const wrote = await deps.db.transaction().execute(async (trx) => {
      await lockApplication(trx, offer.id);
      const row = await loadApplication(trx, offer.id);
      // Answered, or offered again, since the list was read.
      if (row.status !== 'offered' || row.status_changed_at.getTime() !== offer.status_changed_at.getTime()) return false;
      if (!(await claimOfferReminder(trx, row.id, row.status_changed_at, now))) return false;
      const draft = offerReminderEmail({
        applicationId: row.id,
        firstName: row.first_name,
        missionTitle: row.mission_title,
        hostName: row.host_name,
        programme: row.programme_name,
        deadline: offerDeadline(row.status_changed_at),
      });
      // An anonymised account's address takes nothing (false); the reminder counts as done.
      return enqueueEmail(trx, { userId: row.candidate_id, to: row.email, kind: 'application.offer-reminder', applicationId: row.id, ...composeEmail(draft) }, now);
    });
    if (wrote) written++;
  }
  return written;
}
