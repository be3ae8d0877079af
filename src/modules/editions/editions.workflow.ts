import { workflow } from '../../lib/workflow.js';

/** An edition's life: planned, then recruiting, then running, then closed. Coordinators move it. */
export const EDITION_WORKFLOW = workflow({
  entity: 'edition',
  table: 'editions',
  what: 'edition',
  transitions: [
    { name: 'open recruitment for', from: ['planning'], to: 'recruiting', by: ['coordinator', 'admin'] },
    { name: 'start', from: ['recruiting'], to: 'running', by: ['coordinator', 'admin'] },
    { name: 'close', from: ['running', 'planning', 'recruiting'], to: 'closed', by: ['coordinator', 'admin'] },
  ],
  stamp: (at) => ({ updated_at: at }),
});
