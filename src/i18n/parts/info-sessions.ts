import { m } from '../entry.js';

/** The catalogue's messages of the info-sessions area (issue 16), gathered in src/i18n/catalogue.ts. */
export const INFO_SESSIONS_MESSAGES = {
  'info-sessions.placeholder': m('(réservé)', '(reserved)'),
} as const;
