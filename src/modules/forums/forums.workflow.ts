import { nextVersion, workflow } from '../../lib/workflow.js';

/**
 * A forum's life. It becomes `scheduled` when its first grid is stored (POST /forums/{id}/schedule):
 * the platform's move, which no request names directly; coordinators start it and close it.
 */
export const FORUM_WORKFLOW = workflow({
  entity: 'forum',
  table: 'forums',
  what: 'forum',
  transitions: [
    { name: 'schedule', from: ['planning'], to: 'scheduled', by: ['platform'] },
    { name: 'start', from: ['scheduled'], to: 'running', by: ['coordinator', 'admin'] },
    { name: 'close', from: ['planning', 'scheduled', 'running'], to: 'closed', by: ['coordinator', 'admin'] },
  ],
  stamp: (at) => ({ updated_at: at, version: nextVersion }),
});
