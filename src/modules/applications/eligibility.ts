import type { EarlierServiceCivique, Nationality } from '../../../db/database.js';
import { ageOn, rangesOverlap } from '../../lib/dates.js';
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

export function checkEligibility(input: EligibilityInput): Check[] {
  const { mission } = input;
  const age = ageOn(input.birthDate, mission.startsOn);
  const minor = age < AGE.majority;
  const at = `on ${mission.startsOn}, the mission’s start`;
  const checks: Check[] = [];

  checks.push({
    rule: 'age-min',
    ok: age >= AGE.min,
    detail: age >= AGE.min ? `${age} years old ${at}` : `A volunteer is at least ${AGE.min} at the start: ${age} years old ${at}`,
  });

  let ageMax: Check;
  if (age < AGE.maxExclusive) ageMax = { rule: 'age-max', ok: true, detail: `Under ${AGE.maxExclusive} ${at}` };
  else if (age < AGE.maxExclusiveWithDisability && input.disabilityRecognised === true) {
    ageMax = { rule: 'age-max', ok: true, detail: `Under ${AGE.maxExclusiveWithDisability} ${at}, with a recognised disability` };
  } else if (age < AGE.maxExclusiveWithDisability) {
    ageMax = {
      rule: 'age-max',
      ok: false,
      detail: `The mission starts on or after the ${AGE.maxExclusive}th birthday; up to the day before the ${AGE.maxExclusiveWithDisability}st with a recognised disability (PUT /me/disability)`,
    };
  } else {
    ageMax = { rule: 'age-max', ok: false, detail: `The mission starts on or after the ${AGE.maxExclusiveWithDisability}st birthday` };
  }
  checks.push(ageMax);

  checks.push(
    minor
      ? {
          rule: 'open-to-minors',
          ok: mission.openToMinors,
          detail: mission.openToMinors ? 'Minor at the start; the mission is open to minors' : 'Minor at the start, and the mission is not open to minors',
        }
      : { rule: 'open-to-minors', ok: true, detail: 'Of age at the start' },
  );
  checks.push(
    minor
      ? {
          rule: 'minor-hours',
          ok: mission.weeklyHours <= RULES.minorWeeklyHoursMax,
          detail: `Minor at the start: at most ${RULES.minorWeeklyHoursMax} hours a week; the mission takes ${mission.weeklyHours}`,
        }
      : { rule: 'minor-hours', ok: true, detail: 'Of age at the start' },
  );

  const nationalities: Record<Nationality, string> = {
    french: 'French',
    'eu-eea-swiss': 'Citizen of the EU, the EEA or Switzerland',
    'residence-permit': 'Holder of a valid residence permit',
    other: 'A volunteer is French, a citizen of the EU, the EEA or Switzerland, or holds a valid residence permit',
  };
  checks.push({ rule: 'nationality', ok: input.nationality !== 'other', detail: nationalities[input.nationality] });

  const placed = input.placements.filter((p) => p.missionId !== mission.id);
  const statement: Record<EarlierServiceCivique, { ok: boolean; detail: string }> = {
    none: { ok: true, detail: 'No earlier service civique (sworn statement)' },
    interrupted: { ok: true, detail: 'An earlier service civique was interrupted: the coordinator checks the months left' },
    completed: { ok: false, detail: 'A person does one service civique: an earlier one was completed (sworn statement)' },
    ongoing: { ok: false, detail: 'A person does one service civique: one is under way (sworn statement)' },
  };
  const one = placed.length > 0 ? { ok: false, detail: `A person does one service civique: already placed on “${placed[0]!.title}”` } : statement[input.earlierServiceCivique];
  checks.push({ rule: 'one-service-civique', ...one });

  const period = { from: mission.startsOn, to: mission.endsOn };
  const overlapping = placed.find((p) => rangesOverlap(period, { from: p.startsOn, to: p.endsOn }));
  checks.push(
    overlapping
      ? { rule: 'placement-overlap', ok: false, detail: `Overlaps the accepted placement “${overlapping.title}” (${overlapping.startsOn} to ${overlapping.endsOn})` }
      : { rule: 'placement-overlap', ok: true, detail: 'No accepted placement over the same period' },
  );
  return checks;
}
