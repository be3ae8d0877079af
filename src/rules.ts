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
  /** `age-min` / `age-max`: 16 at the start; the contract starts at the latest the day before the 26th birthday, the 31st with a recognised disability (L120-1). */
  age: { min: 16, majority: 18, maxExclusive: 26, maxExclusiveWithDisability: 31 },
  /** `application-quota`: applications a candidate may have pending at once (platform policy). */
  maxPendingApplications: 10,
  /** Untouched submitted / in-review applications are refused ("no response") after this many days. */
  noResponseDays: 60,
  /** Unanswered offers expire after this many days. */
  offerExpiryDays: 14,
  /** Retention (CNIL recruitment guidance): unsuccessful candidates are anonymised after 3 months, 2 years when they agreed to stay in the pool. */
  retention: { unsuccessfulMonths: 3, poolMonths: 24 },
  /** How long an Idempotency-Key answer is replayed. */
  idempotencyHours: 24,
} as const;

/** Every `rule` id a refusal may carry (RULES.md, plus the platform's own). */
export type RuleId =
  | 'age-min'
  | 'age-max'
  | 'duration'
  | 'weekly-hours'
  | 'minor-hours'
  | 'open-to-minors'
  | 'nationality'
  | 'one-service-civique'
  | 'placement-overlap'
  | 'intermediation'
  | 'application-quota'
  | 'mission-full'
  | 'profile-incomplete'
  | 'tutor'
  | 'indemnity'
  | 'minor-consent';
