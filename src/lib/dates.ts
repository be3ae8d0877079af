/**
 * Calendar dates ('YYYY-MM-DD'). Ages and deadlines of service civique are counted on calendar
 * dates in Europe/Paris, not on timestamps (RULES.md): a birthday starts at midnight in Paris.
 */
const parisDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Paris at this instant. */
export function parisDateOf(at: Date): string {
  return parisDate.format(at);
}

/**
 * Full years between a birth date and a day. Someone born on 29 February turns a year older on
 * 1 March in common years (the day after 28 February), as the civil code counts.
 */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const beforeBirthday = m < bm || (m === bm && d < bd);
  return y - by - (beforeBirthday ? 1 : 0);
}

/** Whether two closed date ranges share at least one day. */
export function rangesOverlap(a: { from: string; to: string }, b: { from: string; to: string }): boolean {
  return a.from <= b.to && b.from <= a.to;
}
