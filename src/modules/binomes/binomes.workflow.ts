import type { BinomeStatus } from '../../../db/database.js';
import type { Transition } from '../../lib/workflow.js';

/**
 * A binôme's life, as data. It is `proposed` when formed (its members' applications are
 * `offered`), `confirmed` when both accepted (and every minor's parental authorisation is
 * recorded, rule `minor-consent`), `broken` when an offer ends otherwise (declined, expired,
 * withdrawn…); a coordinator may dissolve it. The platform makes the first two moves.
 */
export const BINOME_TRANSITIONS: readonly Transition<BinomeStatus>[] = [
  { name: 'confirm', from: ['proposed'], to: 'confirmed', roles: [] },
  { name: 'break', from: ['proposed'], to: 'broken', roles: [] },
  { name: 'dissolve', from: ['proposed', 'confirmed'], to: 'dissolved', roles: ['coordinator', 'admin'] },
];
