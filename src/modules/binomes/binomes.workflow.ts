import { nextVersion, workflow } from '../../lib/workflow.js';

/**
 * A binôme's life, as data. It is `proposed` when formed (its members' applications are
 * `offered`), `confirmed` when both accepted (and every minor's parental authorisation is
 * recorded, rule `minor-consent`), `broken` when an offer ends otherwise (declined, expired,
 * withdrawn…); a coordinator may dissolve it. The platform makes the first two moves.
 */
export const BINOME_WORKFLOW = workflow({
  entity: 'binome',
  table: 'binomes',
  what: 'binôme',
  transitions: [
    { name: 'confirm', from: ['proposed'], to: 'confirmed', by: ['platform'] },
    { name: 'break', from: ['proposed'], to: 'broken', by: ['platform'] },
    { name: 'dissolve', from: ['proposed', 'confirmed'], to: 'dissolved', by: ['coordinator', 'admin'] },
  ],
  stamp: (at) => ({ updated_at: at, version: nextVersion }),
});

/** What ending a binôme writes besides the status. */
export const ended = (at: Date, reason: string) => ({ ended_at: at, ended_reason: reason });
