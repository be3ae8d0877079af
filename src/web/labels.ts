/** The domain's words live in src/i18n/labels.ts, where the API's CSV exports read them too. */
export * from '../i18n/labels.js';
