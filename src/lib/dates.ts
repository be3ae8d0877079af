/**
 * Calendar dates ('YYYY-MM-DD'). Ages and deadlines of service civique are counted on calendar
 * dates in Europe/Paris, not on timestamps (docs/rules.md): a birthday starts at midnight in Paris.
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

const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Minutes Paris is ahead of UTC at this instant (60 in winter, 120 in summer). */
function parisOffsetMinutes(at: Date): number {
  const p = Object.fromEntries(parisParts.formatToParts(at).map((part) => [part.type, Number(part.value)]));
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((asUtc - at.getTime()) / 60_000);
}

/** The instant of a time of day (minutes after midnight) on a calendar day in Paris. */
export function parisInstant(day: string, minutes: number): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, Math.floor(minutes / 60), minutes % 60);
  const first = wall - parisOffsetMinutes(new Date(wall)) * 60_000;
  // Near a change of hour the offset at the first guess may be the other one: check once more.
  // A repeated time (October) resolves to its winter-time occurrence; a skipped one (March) an hour later.
  return new Date(wall - parisOffsetMinutes(new Date(first)) * 60_000);
}
