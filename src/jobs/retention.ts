import { applyRetention } from '../modules/privacy/privacy.service.js';
import { RULES } from '../rules.js';
import type { Job } from './registry.js';

export const retentionJob: Job = {
  name: 'retention',
  description:
    `Anonymises unsuccessful candidates ${RULES.retention.unsuccessfulMonths} months after the last decision ` +
    `(${RULES.retention.poolMonths} months after the last contact in the pool); forgets old Idempotency-Keys`,
  run: (ctx) => applyRetention(ctx, ctx.now),
};
