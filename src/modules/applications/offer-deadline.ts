import { RULES } from '../../rules.js';

const DAY = 86_400_000;

/**
 * When an offer made at `offeredAt` (its status change to `offered`) expires: the expire-offers
 * job ends it at its first run after this instant. What the candidate's page and e-mails show as
 * the deadline (« à accepter avant le … »). Here, beside the applications, because the offer's
 * e-mail (applications.workflow) and the reminder job need it as well as the recruitment process.
 */
export function offerDeadline(offeredAt: Date | string): Date {
  return new Date(new Date(offeredAt).getTime() + RULES.offerExpiryDays * DAY);
}

/** How long before its deadline an unanswered offer is recalled to the candidate (remind-offers job). */
export const OFFER_REMINDER_DAYS = 3;
