/**
 * Dates and times as people write them in French, in Europe/Paris: « mercredi 17 octobre 2018 »,
 * « 14 h 00 », « mercredi 1er octobre 2025, 9 h 30 ». Calendar dates (YYYY-MM-DD, as the API
 * gives a mission's start) are days, not instants: they are read as that day, never shifted by
 * a time zone.
 */
const ZONE = 'Europe/Paris';

const dayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const shortDayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: ZONE, hour: 'numeric', minute: '2-digit', hourCycle: 'h23' });
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date (YYYY-MM-DD) or an instant, as the day it is in Paris. */
function instantOf(value: string | Date): Date {
  if (value instanceof Date) return value;
  // Noon UTC is the same day in Paris whatever the season.
  if (CALENDAR_DATE.test(value)) return new Date(`${value}T12:00:00Z`);
  return new Date(value);
}

function withPremier(format: Intl.DateTimeFormat, value: string | Date): string {
  // French writes the first of the month « 1er ».
  return format
    .formatToParts(instantOf(value))
    .map((part) => (part.type === 'day' && part.value === '1' ? '1er' : part.value))
    .join('');
}

/** « mercredi 17 octobre 2018 » */
export function formatDate(value: string | Date): string {
  return withPremier(dayFormat, value);
}

/** « 17 octobre 2018 », without the day of the week. */
export function formatShortDate(value: string | Date): string {
  return withPremier(shortDayFormat, value);
}

/** « 14 h 00 », « 9 h 05 » */
export function formatTime(value: string | Date): string {
  const parts = timeFormat.formatToParts(instantOf(value));
  const hour = parts.find((p) => p.type === 'hour')?.value ?? '';
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '';
  return `${hour} h ${minute}`;
}

/** A time of day as the API takes it (« 09:30 », « 14:00:00 ») written « 9 h 30 », « 14 h 00 »; anything else as it is. */
export function formatClock(value: string): string {
  const match = /^(\d{1,2}):(\d{2})/.exec(value);
  return match ? `${Number(match[1])} h ${match[2]}` : value;
}

/** « mercredi 17 octobre 2018, 14 h 00 » */
export function formatDateTime(value: string | Date): string {
  return `${formatDate(value)}, ${formatTime(value)}`;
}

const numericDayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const numericTimeFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** « 01/10/2018 »: the day in Paris as a French spreadsheet reads a date (exports). */
export function formatNumericDate(value: string | Date): string {
  return numericDayFormat.format(instantOf(value));
}

/** « 09:05 »: the time in Paris as a French spreadsheet reads a time (exports). */
export function formatNumericTime(value: string | Date): string {
  return numericTimeFormat.format(instantOf(value));
}

/**
 * A phone number as French people write it: a French number (« +33 6 12 34 56 78 »,
 * « +33612345678 », « 0612345678 ») in the national format « 06 12 34 56 78 »; a foreign one
 * with « 00 » for its « + » (« 00 44 20 7946 0958 », as it is dialled from France: a leading
 * « + » would make a spreadsheet read a formula); anything else as it was typed.
 */
export function formatPhone(value: string): string {
  const typed = value.trim();
  const digits = typed.replace(/[\s.()-]/g, '');
  const french = /^(?:\+33|0033|0)([1-9]\d{8})$/.exec(digits);
  if (french) return `0${french[1]}`.replace(/(\d{2})(?=\d)/g, '$1 ');
  if (/^\+\d{6,}$/.test(digits)) return `00 ${typed.slice(1).trim()}`;
  return typed;
}

/** « 1 place », « 2 places »: a count and its noun, singular for 0 and 1 as French does. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('fr-FR')} ${count <= 1 ? singular : pluralForm}`;
}

/**
 * « de Bilal », « d’Elias », « d’Hugo »: « de » before a name, elided before a vowel or an h as
 * French writes it with given names (an aspirated h is rare among them), and before a y that
 * sounds as a vowel (« d’Yves », but « de Yanis »).
 */
export function ofName(name: string): string {
  return /^(?:[aeiouhàâäéèêëîïôöùûüœæ]|y[^aeiouàâäéèêëîïôöùûü])/i.test(name) ? `d’${name}` : `de ${name}`;
}
