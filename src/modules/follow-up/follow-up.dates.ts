/** Calendar arithmetic of the follow-up, on 'YYYY-MM-DD' dates (Europe/Paris days, docs/rules.md). */

const utc = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { y, m, d };
};
const iso = (at: number) => new Date(at).toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  const { y, m, d } = utc(day);
  return iso(Date.UTC(y, m - 1, d + days));
}

/** The same day `months` later, or the month's last day when it has fewer (31 December + 2 months: 28 or 29 February). */
export function addMonths(day: string, months: number): string {
  const { y, m, d } = utc(day);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return iso(Date.UTC(y, m - 1 + months, Math.min(d, last)));
}

/** The Monday of the week (Monday to Sunday) holding the day. */
export function mondayOf(day: string): string {
  const { y, m, d } = utc(day);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}
