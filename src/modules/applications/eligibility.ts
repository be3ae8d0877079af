import type { EarlierServiceCivique, Nationality } from '../../../db/database.js';
import { ageOn, rangesOverlap } from '../../lib/dates.js';
import { type Text, text, textsOf, withTexts } from '../../i18n/index.js';
import { RULES, type RuleId } from '../../rules.js';

/**
 * Whether a candidate may do a mission, rule by rule (docs/rules.md). Pure: no I/O, no clock. Ages
 * are counted on calendar dates at the mission's start (L120-1: the contract starts at the
 * latest the day before the 26th birthday).
 */
export interface Check {
  rule: RuleId;
  ok: boolean;
  detail: string;
}

export interface EligibilityInput {
  birthDate: string;
  nationality: Nationality;
  earlierServiceCivique: EarlierServiceCivique;
  mission: { id: string; startsOn: string; endsOn: string; openToMinors: boolean; weeklyHours: number };
  /**
   * Whether a disability is recognised: read (and audited) only when the age asks for it — see
   * `needsDisability` — and undefined otherwise or when nothing is recorded.
   */
  disabilityRecognised?: boolean | undefined;
  /** The candidate's accepted placements (accepted applications), other missions than this one. */
  placements: readonly { missionId: string; title: string; startsOn: string; endsOn: string }[];
}

const { age: AGE } = RULES;

/** The disability record matters only between the 26th and the 31st birthday. */
export function needsDisability(birthDate: string, startsOn: string): boolean {
  const age = ageOn(birthDate, startsOn);
  return age >= AGE.maxExclusive && age < AGE.maxExclusiveWithDisability;
}

/**
 * A check's line: `detail` holds the French text (pages show it as it is) and the `Text` is kept
 * with it (`withTexts`), so that the API writes it in English when asked and a placement run can
 * store it (`checkText`). The rule stays pure: rendering from the catalogue is a pure function.
 */
function check(rule: RuleId, ok: boolean, line: Text): Check {
  return withTexts({ rule, ok, detail: '' }, { detail: line });
}

/** The `Text` of a check's line (the French `detail` when the check was not made by `check`). */
export function checkText(c: Check): Text | undefined {
  return textsOf(c).detail;
}

export function checkEligibility(input: EligibilityInput): Check[] {
  const { mission } = input;
  const age = ageOn(input.birthDate, mission.startsOn);
  const minor = age < AGE.majority;
  const { startsOn } = mission;
  const checks: Check[] = [];

  checks.push(
    check('age-min', age >= AGE.min, age >= AGE.min ? text('eligibility.ageMin.ok', { age, startsOn }) : text('eligibility.ageMin.fail', { age, startsOn, min: AGE.min })),
  );

  const limits = { max: AGE.maxExclusive, maxWithDisability: AGE.maxExclusiveWithDisability, startsOn };
  let ageMax: Check;
  if (age < AGE.maxExclusive) ageMax = check('age-max', true, text('eligibility.ageMax.under', { max: AGE.maxExclusive, startsOn }));
  else if (age < AGE.maxExclusiveWithDisability && input.disabilityRecognised === true) {
    ageMax = check('age-max', true, text('eligibility.ageMax.withDisability', { max: AGE.maxExclusiveWithDisability, startsOn }));
  } else if (age < AGE.maxExclusiveWithDisability) {
    ageMax = check('age-max', false, text('eligibility.ageMax.needsDisability', limits));
  } else {
    ageMax = check('age-max', false, text('eligibility.ageMax.over', limits));
  }
  checks.push(ageMax);

  checks.push(
    minor
      ? check('open-to-minors', mission.openToMinors, mission.openToMinors ? text('eligibility.minor.open') : text('eligibility.minor.closed'))
      : check('open-to-minors', true, text('eligibility.ofAge')),
  );
  checks.push(
    minor
      ? check('minor-hours', mission.weeklyHours <= RULES.minorWeeklyHoursMax, text('eligibility.minorHours', { max: RULES.minorWeeklyHoursMax, hours: mission.weeklyHours }))
      : check('minor-hours', true, text('eligibility.minorHours.ofAge')),
  );

  const nationalities: Record<Nationality, Text> = {
    french: text('eligibility.nationality.french'),
    'eu-eea-swiss': text('eligibility.nationality.euEeaSwiss'),
    'residence-permit': text('eligibility.nationality.residencePermit'),
    other: text('eligibility.nationality.other'),
  };
  checks.push(check('nationality', input.nationality !== 'other', nationalities[input.nationality]));

  const placed = input.placements.filter((p) => p.missionId !== mission.id);
  const statement: Record<EarlierServiceCivique, { ok: boolean; line: Text }> = {
    none: { ok: true, line: text('eligibility.earlier.none') },
    interrupted: { ok: true, line: text('eligibility.earlier.interrupted') },
    completed: { ok: false, line: text('eligibility.earlier.completed') },
    ongoing: { ok: false, line: text('eligibility.earlier.ongoing') },
  };
  const one = placed.length > 0 ? { ok: false, line: text('eligibility.alreadyPlaced', { title: placed[0]!.title }) } : statement[input.earlierServiceCivique];
  checks.push(check('one-service-civique', one.ok, one.line));

  const period = { from: mission.startsOn, to: mission.endsOn };
  const overlapping = placed.find((p) => rangesOverlap(period, { from: p.startsOn, to: p.endsOn }));
  checks.push(
    overlapping
      ? check('placement-overlap', false, text('eligibility.overlap', { title: overlapping.title, from: overlapping.startsOn, to: overlapping.endsOn }))
      : check('placement-overlap', true, text('eligibility.noOverlap')),
  );
  return checks;
}
