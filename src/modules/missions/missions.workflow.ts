import { sql } from 'kysely';
import { nextVersion, workflow } from '../../lib/workflow.js';

/**
 * A mission's life. Structure members write drafts; coordinators publish, fill and close. The
 * platform fills a mission when its last place is accepted (modules/recruitment); closing an
 * edition closes its missions, as the coordinator's act.
 */
export const MISSION_WORKFLOW = workflow({
  entity: 'mission',
  table: 'missions',
  what: 'mission',
  transitions: [
    { name: 'publish', from: ['draft'], to: 'published', by: ['coordinator', 'admin'] },
    { name: 'withdraw', from: ['published'], to: 'draft', by: ['coordinator', 'admin'] },
    { name: 'fill', from: ['published'], to: 'filled', by: ['coordinator', 'admin', 'platform'] },
    { name: 'reopen', from: ['filled'], to: 'published', by: ['coordinator', 'admin'] },
    { name: 'close', from: ['draft', 'published', 'filled'], to: 'closed', by: ['coordinator', 'admin'] },
  ],
  // Any move ends a submission for publication: published, it is done; back to draft, it is asked again.
  stamp: (at) => ({ updated_at: at, version: nextVersion, submitted_at: null, submitted_by: null }),
});

/** What publishing writes besides the status: the first publication's date, kept on a re-publication. */
export const publishedAt = (at: Date) => ({ published_at: sql<Date>`coalesce(published_at, ${at})` });
