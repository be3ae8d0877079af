import { nextVersion, workflow } from '../../lib/workflow.js';

/**
 * A mediation project's life, as data. The binôme's volunteers write it in `draft` and
 * `submit` it; a coordinator of the edition's operator `validate`s it or `return`s it to draft
 * with a reason the volunteers read. A validated project is `start`ed by a volunteer or a
 * coordinator — or by the platform when the attendance of its first outing is recorded — and
 * `finish`ed once its outings are done. Anyone of them may `abandon` it, with a reason, before
 * it is done. Which project a person may move is decided by its visibility (a volunteer moves
 * their binôme's only): the table below says which roles may make each move.
 */
export const PROJECT_WORKFLOW = workflow({
  entity: 'project',
  table: 'mediation_projects',
  what: 'project',
  transitions: [
    { name: 'submit', from: ['draft'], to: 'submitted', by: ['candidate'] },
    { name: 'return', from: ['submitted'], to: 'draft', by: ['coordinator', 'admin'] },
    { name: 'validate', from: ['submitted'], to: 'validated', by: ['coordinator', 'admin'] },
    { name: 'start', from: ['validated'], to: 'running', by: ['candidate', 'coordinator', 'admin', 'platform'] },
    { name: 'finish', from: ['running'], to: 'done', by: ['candidate', 'coordinator', 'admin'] },
    { name: 'abandon', from: ['draft', 'submitted', 'validated', 'running'], to: 'abandoned', by: ['candidate', 'coordinator', 'admin'] },
  ],
  stamp: (at) => ({ updated_at: at, version: nextVersion }),
});

/** The statuses in which a volunteer may still change the project (a coordinator: all but the last two). */
export const VOLUNTEER_EDITABLE = ['draft'] as const;
export const CLOSED = ['done', 'abandoned'] as const;
/** The statuses in which outings may be scheduled (rule `project-not-validated`). */
export const SCHEDULING = ['validated', 'running'] as const;
