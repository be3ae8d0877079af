import { forgetOldRegistrations } from '../modules/info-sessions/info-sessions.service.js';
import { applyRetention } from '../modules/privacy/privacy.service.js';
import { RULES } from '../rules.js';
import type { Job } from './registry.js';

export const retentionJob: Job = {
  name: 'retention',
  description:
    `Anonymises unsuccessful candidates ${RULES.retention.unsuccessfulMonths} months after the last decision ` +
    `(${RULES.retention.poolMonths} months after the last contact in the pool); forgets old Idempotency-Keys; ` +
    `deletes registrations to information meetings without an account ${RULES.infoRegistrationMonths} months after the meeting, unless the person applied`,
  run: async (ctx) => ({ ...(await applyRetention(ctx, ctx.now)), infoRegistrationsDeleted: await forgetOldRegistrations(ctx.db, ctx.now) }),
};
