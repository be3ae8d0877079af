import { parisDateOf, parisInstant } from '../lib/dates.js';
import { scheduledForumsOn } from '../modules/forums/forum-mail.repository.js';
import { emailForumReminders } from '../modules/forums/forum.notify.js';
import type { Job } from './registry.js';

/** The calendar day after `day` (YYYY-MM-DD). */
function dayAfter(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * Not before 9 h in Paris: the jobs run around the clock, and a reminder written just after
 * midnight would wake phones (the rest of the day is time enough; the forum is tomorrow).
 */
export const FORUM_REMINDERS_FROM_MINUTES = 9 * 60;

/**
 * The day before a forum (in Paris), from 9 h, each participant with a meeting in its grid gets a
 * reminder — once: forum_reminders records it with the message, and its primary key makes a
 * second run, or one at the same time in another process, write nothing more.
 */
export const forumRemindersJob: Job = {
  name: 'forum-reminders',
  description: 'Writes the day-before reminder of a forum to each participant with a meeting in its grid, once',
  run: async (ctx) => {
    let reminded = 0;
    const today = parisDateOf(ctx.now);
    if (ctx.now < parisInstant(today, FORUM_REMINDERS_FROM_MINUTES)) return { reminded };
    for (const forum of await scheduledForumsOn(ctx.db, dayAfter(today))) {
      if (ctx.signal.aborted) break;
      reminded += await emailForumReminders(ctx.db, forum.id, ctx.now);
    }
    return { reminded };
  },
};
