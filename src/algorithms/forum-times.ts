/**
 * The forum's clock, pure: when each round starts and ends, from the start time, the slot
 * length, the changeover between slots and the breaks. Times of day are minutes after midnight
 * in Europe/Paris; rounds are numbered from 1.
 */
export interface ForumTiming {
  /** 'HH:MM' */
  startsAt: string;
  endsAt: string;
  slotMinutes: number;
  changeoverMinutes: number;
  breaks: readonly { afterRound: number; minutes: number }[];
}

export interface RoundTime {
  round: number;
  /** Minutes after midnight. */
  start: number;
  end: number;
}

export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const hhmmOf = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * Every round that ends by the forum's end time. Round r starts after r−1 slots and changeovers
 * and the breaks taken after earlier rounds; a break after the last round that fits changes nothing.
 */
export function roundTimes(t: ForumTiming): RoundTime[] {
  const end = minutesOf(t.endsAt);
  const rounds: RoundTime[] = [];
  let start = minutesOf(t.startsAt);
  for (let round = 1; start + t.slotMinutes <= end; round++) {
    rounds.push({ round, start, end: start + t.slotMinutes });
    const pause = t.breaks.filter((b) => b.afterRound === round).reduce((sum, b) => sum + b.minutes, 0);
    start += t.slotMinutes + t.changeoverMinutes + pause;
  }
  return rounds;
}

/** The rounds a participant present from `from` to `to` ('HH:MM', either end open) can take part in, whole. */
export function roundsWithin(rounds: readonly RoundTime[], from: string | null, to: string | null): RoundTime[] {
  const a = from === null ? -Infinity : minutesOf(from);
  const b = to === null ? Infinity : minutesOf(to);
  return rounds.filter((r) => r.start >= a && r.end <= b);
}
