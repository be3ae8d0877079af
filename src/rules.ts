/**
 * The numbers of the service civique rules (RULES.md), in one place. Each refusal names its
 * rule id in the problem body (`rule`).
 */
export const RULES = {
  /** `duration`: a mission lasts 6 to 12 months, in one piece (L120-1 II). */
  duration: { minMonths: 6, maxMonths: 12 },
  /** `weekly-hours`: at least 24 h a week unless a derogation is recorded, at most 48 h, over at most 6 days (L120-8). */
  weeklyHours: { min: 24, max: 48, maxDays: 6 },
  /** `minor-hours`: under 18, at most 35 h a week over at most 5 days, at most 7 h a day (L120-8, R121-12). */
  minorWeeklyHoursMax: 35,
  minorMaxDays: 5,
  minorMaxHoursPerDay: 7,
} as const;
