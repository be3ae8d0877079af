import { parisDateOf, parisInstant } from '../lib/dates.js';
import { dayAfter, remindRegistrationsOn } from '../modules/info-sessions/info-sessions.service.js';
import type { Job } from './registry.js';

/** Not before 9 h in Paris, as the forum's reminders (forum-reminders.ts): no e-mail wakes a phone at night. */
export const INFO_SESSION_REMINDERS_FROM_MINUTES = 9 * 60;

/**
 * The day before an information meeting (in Paris), from 9 h, each person registered gets a
 * reminder — once: `reminded_at` is set by a guarded update with the message, so a second run, or
 * one at the same time in another process, writes nothing more.
 */
export const infoSessionRemindersJob: Job = {
  name: 'info-session-reminders',
  description: 'Writes the day-before reminder of an information meeting to each person registered, once',
  run: async (ctx) => {
    const today = parisDateOf(ctx.now);
    if (ctx.now < parisInstant(today, INFO_SESSION_REMINDERS_FROM_MINUTES)) return { reminded: 0 };
    return { reminded: await remindRegistrationsOn(ctx.db, dayAfter(today), ctx.now, ctx.signal) };
  },
};
