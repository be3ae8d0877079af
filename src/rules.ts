/**
 * The registry of the rules (docs/rules.md): every `rule` id a refusal or a pending check may
 * carry in its problem body, with its numbers, in one place. docs/rules.md has one section per id
 * (where it is checked, which database constraint holds it); test/rules.test.ts fails when an id
 * used in the code is not registered here, or when docs/rules.md and this registry differ.
 */
interface RuleEntry {
  /** What the rule says, in a line. */
  readonly summary: string;
  /** Where it comes from: an article of the Code du service national, or the platform's policy. */
  readonly source: string;
  /** Its numbers, if any. */
  readonly numbers?: Readonly<Record<string, number>>;
}

export const RULE_REGISTRY = {
  // Service civique (Code du service national).
  'age-min': {
    summary: 'The volunteer is at least 16 on the mission’s start date',
    source: 'Code du service national, L120-1',
    numbers: { min: 16 },
  },
  'age-max': {
    summary: 'The mission starts at the latest the day before the 26th birthday, the 31st with a recognised disability',
    source: 'Code du service national, L120-1',
    numbers: { maxExclusive: 26, maxExclusiveWithDisability: 31 },
  },
  'open-to-minors': {
    summary: 'A volunteer under 18 at the start goes only on a mission open to minors',
    source: 'Code du service national, L120-8 and R121-12 (what a minor may do); platform policy (the mission says whether it is open to minors)',
    numbers: { majority: 18 },
  },
  'minor-hours': {
    summary: 'A minor works at most 35 hours a week, over at most 5 days, at most 7 hours a day',
    source: 'Code du service national, L120-8 and R121-12',
    numbers: { weeklyHoursMax: 35, maxDays: 5, maxHoursPerDay: 7 },
  },
  'minor-consent': {
    summary: 'A minor’s placement is not confirmed until a parental authorisation is recorded',
    source: 'Code du service national, R121-11',
  },
  duration: {
    summary: 'A mission lasts 6 to 12 months, in one piece',
    source: 'Code du service national, L120-1 II',
    numbers: { minMonths: 6, maxMonths: 12 },
  },
  'weekly-hours': {
    summary: 'A mission takes at least 24 hours a week (fewer with a recorded derogation), at most 48, over at most 6 days',
    source: 'Code du service national, L120-8',
    numbers: { min: 24, max: 48, maxDays: 6 },
  },
  nationality: {
    summary: 'The volunteer is French, a citizen of another EU or EEA state, or a foreigner with a valid residence permit',
    source: 'Code du service national, L120-4',
  },
  'one-service-civique': {
    summary: 'A person does one service civique: no second placement while one is under way or completed',
    source: 'Agence du Service Civique policy',
  },
  'placement-overlap': {
    summary: 'A volunteer is not placed on two missions over the same days',
    source: 'platform policy (follows from `one-service-civique`)',
  },
  intermediation: {
    summary: 'The operator places volunteers only with structures that hold no accreditation of their own',
    source: 'Code du service national, L120-32',
  },
  tutor: {
    summary: 'Every placement names a tutor of the host structure and one of the operator',
    source: 'Code du service national, L120-14',
  },
  indemnity: {
    summary: 'A placement’s monthly amounts are those of the rate in force on the mission’s start date',
    source: 'décret on the service civique indemnity; ASP rate table',
  },
  // The platform's own.
  'application-quota': {
    summary: 'A candidate has at most 10 applications waiting for an answer at once',
    source: 'platform policy',
    numbers: { maxPending: 10 },
  },
  'mission-full': {
    summary: 'A mission never holds more volunteers than places',
    source: 'platform policy (capacities hold under concurrency)',
  },
  'profile-incomplete': {
    summary: 'Applying (or being placed) needs a written profile',
    source: 'platform policy',
  },
  acceptance: {
    summary: 'A proposed binôme is confirmed only when both volunteers accepted their offer',
    source: 'platform policy',
  },
  'stale-run': {
    summary: 'A placement run is applied only if its inputs have not changed since it ran',
    source: 'platform policy',
  },
  // Information meetings (issue 16).
  'info-session-open': {
    summary: 'An information meeting takes registrations (and their cancellations) until it starts, and none once cancelled',
    source: 'platform policy',
  },
  'info-one-registration': {
    summary: 'One e-mail address registers once per information meeting (the waiting list included)',
    source: 'platform policy',
  },
  'info-capacity': {
    summary: 'An information meeting never has more people registered than its capacity; the others wait in line, in order',
    source: 'platform policy (capacities hold under concurrency)',
  },
  'info-attendance': {
    summary: 'Attendance at an information meeting is recorded once it has started, for the people registered',
    source: 'platform policy',
  },
  // Volunteer follow-up (issue 16).
  'training-within-mission': {
    summary: 'A volunteer’s FCC or PSC1 is dated within their placement (up to its early end), one of each kind',
    source: 'Code du service national, L120-14 (the operator organises the civic and citizen training); platform policy (the dates)',
  },
  'trainings-due': {
    summary: 'The coordination sees the volunteers ending within 2 months (or ended) without an FCC or a PSC1',
    source: 'Code du service national, L120-14 (the civic and citizen training, theory and PSC1, during the mission); platform policy (the 2 months)',
    numbers: { months: 2 },
  },
  'early-end': {
    summary: 'An early end is recorded once per volunteer, dated within the placement; it ends it and frees nothing retroactively',
    source: 'Code du service national, L120-16 (early end of the contract); platform policy (nothing freed)',
  },
  // Mediation projects and outings (issue 16, src/modules/projects).
  'project-binome-confirmed': { summary: 'A project belongs to a confirmed binôme', source: 'platform policy' },
  'project-needs-partner': { summary: 'A project is submitted with at least one public partner', source: 'the programme' },
  'project-editable': { summary: 'Volunteers change a draft project; coordinators one not yet done or abandoned', source: 'platform policy' },
  'project-not-validated': { summary: 'Outings are scheduled for a validated or running project only', source: 'the programme' },
  'outing-within-mission': { summary: 'An outing happens within the placement’s dates', source: 'the service civique contract' },
  'volunteer-double-booked': { summary: 'A volunteer is not in two outings at once', source: 'platform policy' },
  'volunteer-ended': { summary: 'A volunteer whose mission ended early does not accompany a later outing', source: 'the service civique contract' },
  'attendance-before-start': { summary: 'Attendance is recorded once the outing has started', source: 'the programme' },
  'outing-started': { summary: 'An outing is cancelled before it starts only', source: 'platform policy' },
} as const satisfies Record<string, RuleEntry>;

/** Every `rule` id a refusal may carry. */
export type RuleId = keyof typeof RULE_REGISTRY;

/** The registered ids, as data. */
export const RULE_IDS = Object.keys(RULE_REGISTRY) as RuleId[];

const R = RULE_REGISTRY;

/**
 * The numbers as the code reads them, every rule's taken from the registry above; the others
 * (deadlines of the jobs, retention, Idempotency-Key replay) carry no `rule` id and are set here.
 */
export const RULES = {
  duration: R.duration.numbers,
  weeklyHours: R['weekly-hours'].numbers,
  minorWeeklyHoursMax: R['minor-hours'].numbers.weeklyHoursMax,
  minorMaxDays: R['minor-hours'].numbers.maxDays,
  minorMaxHoursPerDay: R['minor-hours'].numbers.maxHoursPerDay,
  age: {
    min: R['age-min'].numbers.min,
    majority: R['open-to-minors'].numbers.majority,
    maxExclusive: R['age-max'].numbers.maxExclusive,
    maxExclusiveWithDisability: R['age-max'].numbers.maxExclusiveWithDisability,
  },
  maxPendingApplications: R['application-quota'].numbers.maxPending,
  /** Untouched submitted / in-review applications are refused ("no response") after this many days. */
  noResponseDays: 60,
  /** Unanswered offers expire after this many days. */
  offerExpiryDays: 14,
  /** Retention (CNIL recruitment guidance): unsuccessful candidates are anonymised after 3 months, 2 years when they agreed to stay in the pool. */
  retention: { unsuccessfulMonths: 3, poolMonths: 24 },
  /** Registrations to an information meeting without an account are deleted this many months after the meeting, unless the person applied. */
  infoRegistrationMonths: 6,
  /** How long an Idempotency-Key answer is replayed. */
  idempotencyHours: 24,
} as const;
