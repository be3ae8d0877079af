import { remindOffers } from '../modules/applications/offer-reminders.service.js';
import { OFFER_REMINDER_DAYS } from '../modules/applications/offer-deadline.js';
import type { Job } from './registry.js';

/** Once per offer, even with two runs at once (the offer_reminders table's primary key). */
export const remindOffersJob: Job = {
  name: 'remind-offers',
  description: `Reminds candidates of offers still unanswered ${OFFER_REMINDER_DAYS} days before they expire (once per offer)`,
  run: async (ctx) => ({ reminded: await remindOffers(ctx, ctx.now) }),
};
