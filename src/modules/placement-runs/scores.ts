/**
 * The placement scores, in one place (issue 6; README "Placement"). Pure: no I/O, no clock.
 *
 * Volunteer–mission score (0–100): a weighted mean of five parts, each 0–100.
 *   host       the host structure's opinion of the volunteer: its forum score (1–5) where they
 *              met, else its rating of the application (1–5), else neutral (50).
 *   wouldHost  the host's answer to "would you host them?": yes 100, maybe 50, not asked 50.
 *              "No" — the host's or the first-circle partner's — excludes the mission outright.
 *   partner    the first-circle partner's forum score where it met the volunteer, else 50.
 *   interest   the volunteer's interest after meeting the host and/or the partner (1–5, their
 *              mean), else 50.
 *   distance   how easily the volunteer gets there: 100 at their door, falling to 0 at the
 *              reach of their mobility (car: 40 km, public transport: 20 km, neither: 8 km);
 *              50 when a commune has no coordinates.
 * Pair score (0–100) of two volunteers on one mission: a weighted mean of three parts.
 *   complementary  how much their interests differ (a pair brings more to a mediation project
 *                  when one likes music and the other reading): share of the interests of
 *                  either that only one of them has; 50 when neither gave any.
 *   near           100 when they live in one commune, 0 from 30 km apart (car-sharing, meeting
 *                  to prepare activities); 50 without coordinates.
 *   driving        when the mission needs a driver (its host and its first-circle partner are
 *                  more than 5 km apart: the binôme travels between them), 100 if at least one
 *                  has a licence and a car, 50 if one has a licence only, 0 otherwise; 100 when
 *                  the mission needs no driver.
 * The value of a proposal is score(a) + score(b) + pair × pairScore: the `pair` weight says how
 * much a good pair counts against two good volunteer–mission matches.
 *
 * Stable mode reads the same parts from each side: a volunteer ranks missions by interest and
 * distance; a mission ranks volunteers by host, wouldHost and partner.
 */
import { type Text, text } from '../../i18n/index.js';

export const SCORE_PARTS = ['host', 'wouldHost', 'partner', 'interest', 'distance'] as const;
export const PAIR_PARTS = ['complementary', 'near', 'driving'] as const;
export type ScorePart = (typeof SCORE_PARTS)[number];
export type PairPart = (typeof PAIR_PARTS)[number];
export type Weights = Record<ScorePart | PairPart | 'pair', number>;

export const DEFAULT_WEIGHTS: Readonly<Weights> = Object.freeze({
  host: 3,
  wouldHost: 2,
  partner: 1,
  interest: 2,
  distance: 1,
  complementary: 1,
  near: 1,
  driving: 1,
  pair: 0.5,
});
/** Every weight lies in this range; a run may override any of them. */
export const WEIGHT_RANGE = { min: 0, max: 10 } as const;

export const REACH_KM = { car: 40, publicTransport: 20, none: 8 } as const;
export const PAIR_NEAR_KM = 30;
export const DRIVER_NEEDED_BEYOND_KM = 5;
const NEUTRAL = 50;

export interface Point {
  latitude: number;
  longitude: number;
}

export interface Mobility {
  drivingLicence: boolean;
  hasCar: boolean;
  publicTransport: boolean;
}

/** What is known of one volunteer and one mission (absent = not met, not rated, not answered). */
export interface PairFacts {
  hostScore?: number | undefined;
  hostWouldHost?: 'yes' | 'maybe' | 'no' | undefined;
  applicationRating?: number | undefined;
  partnerScore?: number | undefined;
  partnerWouldHost?: 'yes' | 'maybe' | 'no' | undefined;
  interestInHost?: number | undefined;
  interestInPartner?: number | undefined;
  /** Kilometres from the volunteer's commune to the mission's; undefined without coordinates. */
  distanceKm?: number | undefined;
  mobility: Mobility;
}

export interface PartValue {
  value: number;
  weight: number;
  /** Where the value comes from, in words a coordinator reads (a catalogue text: French, or English on request). */
  source: Text;
}

export interface Scored {
  score: number;
  parts: Record<ScorePart, PartValue>;
  /** A hard exclusion ("would host: no"), when there is one. */
  excludedBy?: 'host-would-not-host' | 'partner-would-not-host' | undefined;
}

const EARTH_RADIUS_KM = 6371;

/** Great-circle distance (haversine), in kilometres. */
export function distanceKm(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A 1–5 mark as 0–100. */
const mark = (m: number) => round2(((m - 1) / 4) * 100);
const round2 = (x: number) => Math.round(x * 100) / 100;
const round1 = (x: number) => Math.round(x * 10) / 10;

export function reachKm(m: Mobility): number {
  if (m.drivingLicence && m.hasCar) return REACH_KM.car;
  if (m.publicTransport) return REACH_KM.publicTransport;
  return REACH_KM.none;
}

function weightedMean<K extends string>(parts: Record<K, PartValue>, keys: readonly K[]): number {
  let sum = 0;
  let weights = 0;
  for (const k of keys) {
    sum += parts[k].value * parts[k].weight;
    weights += parts[k].weight;
  }
  return weights === 0 ? 0 : round2(sum / weights);
}

export function volunteerMissionScore(f: PairFacts, w: Weights): Scored {
  const host: PartValue =
    f.hostScore !== undefined
      ? { value: mark(f.hostScore), weight: w.host, source: text('score.host.forum', { score: f.hostScore }) }
      : f.applicationRating !== undefined
        ? { value: mark(f.applicationRating), weight: w.host, source: text('score.host.rating', { rating: f.applicationRating }) }
        : { value: NEUTRAL, weight: w.host, source: text('score.host.none') };
  const wouldHost: PartValue =
    f.hostWouldHost === 'yes'
      ? { value: 100, weight: w.wouldHost, source: text('score.wouldHost.yes') }
      : f.hostWouldHost === 'maybe'
        ? { value: 50, weight: w.wouldHost, source: text('score.wouldHost.maybe') }
        : { value: NEUTRAL, weight: w.wouldHost, source: text('score.wouldHost.none') };
  const partner: PartValue =
    f.partnerScore !== undefined
      ? { value: mark(f.partnerScore), weight: w.partner, source: text('score.partner.forum', { score: f.partnerScore }) }
      : { value: NEUTRAL, weight: w.partner, source: text('score.partner.none') };
  const interests = [f.interestInHost, f.interestInPartner].filter((i): i is number => i !== undefined);
  const interest: PartValue = interests.length
    ? {
        value: mark(interests.reduce((a, b) => a + b, 0) / interests.length),
        weight: w.interest,
        source: text('score.interest.given', { marks: interests }),
      }
    : { value: NEUTRAL, weight: w.interest, source: text('score.interest.none') };
  const reach = reachKm(f.mobility);
  const distance: PartValue =
    f.distanceKm === undefined
      ? { value: NEUTRAL, weight: w.distance, source: text('score.distance.unknown') }
      : {
          value: round2(Math.max(0, 100 * (1 - f.distanceKm / reach))),
          weight: w.distance,
          source: text('score.distance.km', { km: round1(f.distanceKm), reach }),
        };
  const parts = { host, wouldHost, partner, interest, distance };
  const excludedBy = f.hostWouldHost === 'no' ? 'host-would-not-host' : f.partnerWouldHost === 'no' ? 'partner-would-not-host' : undefined;
  return { score: weightedMean(parts, SCORE_PARTS), parts, excludedBy };
}

/** The volunteer's side (stable mode): interest and distance. */
export function volunteerPreference(s: Scored): number {
  return weightedMean(s.parts, ['interest', 'distance'] as const);
}

/** The mission's side (stable mode): host, wouldHost and partner. */
export function missionPreference(s: Scored): number {
  return weightedMean(s.parts, ['host', 'wouldHost', 'partner'] as const);
}

export interface PairMember {
  interests: readonly string[];
  home?: Point | undefined;
  mobility: Mobility;
}

export interface MissionPlaces {
  /** Where the host and its first-circle partner are; undefined without coordinates. */
  host?: Point | undefined;
  partner?: Point | undefined;
}

export function needsDriver(m: MissionPlaces): boolean {
  return m.host !== undefined && m.partner !== undefined && distanceKm(m.host, m.partner) > DRIVER_NEEDED_BEYOND_KM;
}

export function pairScore(a: PairMember, b: PairMember, driverNeeded: boolean, w: Weights): { score: number; parts: Record<PairPart, PartValue> } {
  const union = new Set([...a.interests, ...b.interests]);
  const shared = a.interests.filter((i) => b.interests.includes(i)).length;
  const complementary: PartValue =
    union.size === 0
      ? { value: NEUTRAL, weight: w.complementary, source: text('score.complementary.none') }
      : {
          value: round2((100 * (union.size - shared)) / union.size),
          weight: w.complementary,
          source: text('score.complementary.count', { own: union.size - shared, total: union.size }),
        };
  let near: PartValue;
  if (a.home && b.home) {
    const km = distanceKm(a.home, b.home);
    near = { value: round2(Math.max(0, 100 * (1 - km / PAIR_NEAR_KM))), weight: w.near, source: text('score.near.km', { km: round1(km) }) };
  } else near = { value: NEUTRAL, weight: w.near, source: text('score.distance.unknown') };
  let driving: PartValue;
  if (!driverNeeded) driving = { value: 100, weight: w.driving, source: text('score.driving.notNeeded') };
  else if ([a, b].some((m) => m.mobility.drivingLicence && m.mobility.hasCar)) driving = { value: 100, weight: w.driving, source: text('score.driving.car') };
  else if ([a, b].some((m) => m.mobility.drivingLicence)) driving = { value: 50, weight: w.driving, source: text('score.driving.licence') };
  else driving = { value: 0, weight: w.driving, source: text('score.driving.none') };
  const parts = { complementary, near, driving };
  return { score: weightedMean(parts, PAIR_PARTS), parts };
}
