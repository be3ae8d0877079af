import { m } from '../entry.js';

/** The catalogue's messages of the follow-up area (issue 16), gathered in src/i18n/catalogue.ts. */
export const FOLLOW_UP_MESSAGES = {
  'follow-up.placeholder': m('(réservé)', '(reserved)'),
} as const;
