// TEMPORARY stub (replaced by the placement-algo branch): the types the service builds on.
export interface PlacementInput {
  mode: 'optimal' | 'stable';
  volunteers: number;
  places: ArrayLike<number>;
  score: ArrayLike<number>;
  volunteerPreference: ArrayLike<number>;
  missionPreference: ArrayLike<number>;
  pairScore: (a: number, b: number, mission: number) => number;
  pairWeight: number;
  locks: readonly { volunteer: number; mission: number }[];
  together: readonly { a: number; b: number; mission?: number }[];
  apart: readonly { a: number; b: number }[];
}
export interface PlacementResult {
  binomes: { mission: number; members: [number, number]; score: number; pair: number }[];
  unplaced: { volunteer: number; reason: 'no-allowed-mission' | 'not-chosen' | 'odd-volunteer' }[];
  openPlaces: { mission: number; places: number; reason: 'no-volunteer' | 'one-place-left' }[];
  value: number;
  bound: number;
  assignmentOptimum: number;
  matching?: Int32Array;
}
export function checkConstraints(_input: PlacementInput): { kind: 'lock' | 'together' | 'apart'; index: number; message: string }[] {
  return [];
}
export function placeVolunteers(_input: PlacementInput): PlacementResult {
  throw new Error('not yet');
}
