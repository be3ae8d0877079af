import type { Text } from '../../i18n/index.js';
/** The public input and output of placeVolunteers and checkConstraints (the theory: ./README.md). */

export interface PlacementInput {
  mode: 'optimal' | 'stable';
  /** V: volunteers are 0..V−1. */
  volunteers: number;
  /** Per mission (M missions): binômes of two, so 4 places = two binômes, 3 places = one binôme + one open place. */
  places: ArrayLike<number>;
  /** V×M row-major volunteer–mission score ≥ 0; NaN = not allowed (ineligible, host said no, coordinator's exclusion). */
  score: ArrayLike<number>;
  /** V×M, the volunteer's own view (stable mode); NaN where score is NaN. */
  volunteerPreference: ArrayLike<number>;
  /** V×M, the mission's view of each volunteer (stable mode). */
  missionPreference: ArrayLike<number>;
  /** 0..100, symmetric in a and b; called with a < b. */
  pairScore: (a: number, b: number, mission: number) => number;
  /** λ ≥ 0: weight of the pair score in the objective. */
  pairWeight: number;
  /** This volunteer on this mission. */
  locks: readonly { volunteer: number; mission: number }[];
  /** These two in one binôme (optionally on this mission). */
  together: readonly { a: number; b: number; mission?: number }[];
  /** Never these two in one binôme. */
  apart: readonly { a: number; b: number }[];
}

export type UnplacedReason = 'no-allowed-mission' | 'not-chosen' | 'odd-volunteer';
export type OpenPlacesReason = 'no-volunteer' | 'one-place-left';

export interface PlacedBinome {
  mission: number;
  /** Ascending. */
  members: [number, number];
  /** s(a,m) + s(b,m) + λ·pair. */
  score: number;
  /** p(a,b,m). */
  pair: number;
}

export interface PlacementResult {
  /** Sorted by mission, then members. */
  binomes: PlacedBinome[];
  /**
   * Every volunteer in no binôme, by index: 'no-allowed-mission' (no mission where they are
   * placeable), 'odd-volunteer' (they were on a mission but left without a partner: odd count,
   * or apart), 'not-chosen' (the places went to others).
   */
  unplaced: { volunteer: number; reason: UnplacedReason }[];
  /**
   * Every mission with free places (places − 2·binômes > 0), sorted by mission then reason:
   * 'one-place-left' for the odd last place of an odd number of places and the two places of each
   * volunteer unplaced there as 'odd-volunteer' (capped by the free places); 'no-volunteer' for
   * the rest (places no binôme was found for). The entries of a mission add up to its free places.
   */
  openPlaces: { mission: number; places: number; reason: OpenPlacesReason }[];
  /** Σ over binômes of s(a,m) + s(b,m) + λ·p(a,b,m). */
  value: number;
  /** An upper bound on the best possible value of this problem: value ≤ bound. */
  bound: number;
  /** The exact assignment optimum of Σ s ignoring pairing/parity/apart, locks and together honoured as in the solve. */
  assignmentOptimum: number;
  /** Stable mode: the deferred-acceptance matching (mission per volunteer, −1), locks and couples included, before pairs/parity. */
  matching?: Int32Array;
}

export interface ConstraintIssue {
  kind: 'lock' | 'together' | 'apart';
  /** Index in locks, together or apart. */
  index: number;
  /** What is wrong, as a catalogue text (src/i18n/): pure data, rendered by whoever shows it. */
  message: Text;
}

export type ConstraintInput = Pick<PlacementInput, 'volunteers' | 'places' | 'score' | 'locks' | 'together' | 'apart'>;
