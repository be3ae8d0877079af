import { expireOffers, refuseUnanswered } from '../modules/recruitment/recruitment.service.js';
import { RULES } from '../rules.js';
import type { Job } from './registry.js';

/** Each application is re-read under its row lock before it moves: two runs at once move it once. */
export const refuseUnansweredJob: Job = {
  name: 'refuse-unanswered',
  description: `Refuses submitted and in-review applications untouched for ${RULES.noResponseDays} days (reason "no response", shared)`,
  run: async (ctx) => ({ refused: await refuseUnanswered(ctx, ctx.now) }),
};

export const expireOffersJob: Job = {
  name: 'expire-offers',
  description: `Expires offers left unanswered for ${RULES.offerExpiryDays} days`,
  run: async (ctx) => ({ expired: await expireOffers(ctx, ctx.now) }),
};
