import type { createEdition } from '../../modules/editions/editions.service.js';
import type { listEditionPartnerships } from '../../modules/partnerships/partnerships.service.js';
import type { toProgramme } from '../../modules/programmes/programmes.service.js';

/** What the set-up pages show, as the services return it. */
export type Programme = ReturnType<typeof toProgramme>;
export type Edition = Awaited<ReturnType<typeof createEdition>>;
export type Partnership = Awaited<ReturnType<typeof listEditionPartnerships>>['items'][number];
