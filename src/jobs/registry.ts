import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Config } from '../config.js';
import { expireOffersJob, refuseUnansweredJob } from './applications.js';
import { forumRemindersJob } from './forum-reminders.js';
import { infoSessionRemindersJob } from './info-session-reminders.js';
import { remindOffersJob } from './offer-reminders.js';
import { retentionJob } from './retention.js';
import { sendEmailsJob } from './send-emails.js';

/**
 * The periodic jobs: the server runs each every JOBS_INTERVAL_SECONDS (src/jobs/scheduler.ts),
 * and `npm run jobs [-- name…]` runs them once. To add one, write it in its own file as a
 * `Job` and append it to `JOBS`. A job must be safe to run at any time and more than once:
 * it finds its work in the database as of `ctx.now` (never `new Date()`, so that tests can
 * move time), and it must tolerate another run of itself in another process (guarded
 * updates, `FOR UPDATE SKIP LOCKED`): the scheduler prevents overlap within one process only.
 */
export interface JobContext {
  /** The database itself: a job opens its own (short) transactions. */
  readonly db: Kysely<Database>;
  /** The run's time. */
  readonly now: Date;
  readonly config: Config;
  readonly log: JobLog;
  /** Aborted when the process is stopping: a long job should stop at the next safe point. */
  readonly signal: AbortSignal;
}

/** Counts of what a run did (`{ sent: 3, failed: 1 }`), logged by the scheduler. */
export type JobResult = Record<string, number>;

export interface Job {
  /** Unique, kebab-case: the name on the command line and in the logs. */
  readonly name: string;
  readonly description: string;
  run(ctx: JobContext): Promise<JobResult>;
}

/** The part of a pino logger that jobs and the scheduler use. */
export interface JobLog {
  debug(details: object, message: string): void;
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

// The e-mails last, so that a run sends what the others wrote.
export const JOBS: readonly Job[] = [refuseUnansweredJob, expireOffersJob, remindOffersJob, retentionJob, forumRemindersJob, infoSessionRemindersJob, sendEmailsJob];
