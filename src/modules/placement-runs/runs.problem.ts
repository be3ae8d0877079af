import { createHash } from 'node:crypto';
import { checkConstraints, type PlacementInput } from '../../algorithms/placement/index.js';
import type { FieldText } from '../../errors.js';
import { type Text, text } from '../../i18n/index.js';
import type { EvaluationRow, InPlayRow, MissionInPlayRow } from './runs.repository.js';
import {
  type Mobility,
  missionPreference,
  needsDriver,
  type PairMember,
  pairScore,
  type Point,
  type Scored,
  distanceKm,
  volunteerMissionScore,
  volunteerPreference,
  type Weights,
} from './scores.js';

/**
 * From the edition's rows to the placement algorithm's input (indices, scores), and back:
 * which request field each constraint came from, why a pair is not allowed, and a digest of
 * everything the result depends on. Pure: the service reads the rows and the eligibility.
 */
export type LockRequest = { candidateId: string; missionId: string } | { candidateIds: readonly [string, string]; missionId?: string | undefined };
export type ExclusionRequest = { candidateId: string; missionId: string } | { candidateIds: readonly [string, string] };

export interface RunRequest {
  mode: 'optimal' | 'stable';
  weights: Weights;
  locks: readonly LockRequest[];
  exclusions: readonly ExclusionRequest[];
}

export interface ProblemData {
  applications: readonly InPlayRow[];
  missions: readonly MissionInPlayRow[];
  evaluations: readonly EvaluationRow[];
  /** The first failing rule of an application (by id); absent when eligible. */
  /** The first failing check of each application not eligible: its rule, its line and the line's `Text`. */
  ineligible: ReadonlyMap<string, { rule: string; detail: string; text?: Text | undefined }>;
}

export interface Volunteer {
  candidateId: string;
  /** Their application per mission index. */
  applications: Map<number, InPlayRow>;
  /** The mission they accepted (they hold its place and wait for a partner). */
  acceptedMission?: number;
  member: PairMember;
}

export interface Problem {
  input: PlacementInput;
  weights: Weights;
  volunteers: Volunteer[];
  missions: readonly MissionInPlayRow[];
  /** V×M: the score and its parts where the volunteer applied (even when not allowed), else undefined. */
  scored: (Scored | undefined)[];
  /** V×M: why the pair is not allowed, in words; undefined when allowed or not applied. */
  notAllowed: (Text | undefined)[];
  driverNeeded: boolean[];
  /** The request field each algorithm constraint came from (null: implied by an acceptance). */
  paths: { lock: (string | null)[]; together: string[]; apart: string[] };
  errors: FieldText[];
  digest: string;
}

/** JSON with sorted keys: a request read back from jsonb (which reorders keys) digests the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Everything the result depends on: a run keeps the digest of the inputs it was computed on;
 * applying re-reads the rows and compares (a pure function of the rows, cheap: no solve).
 */
export function inputDigest(data: ProblemData, request: RunRequest): string {
  return createHash('sha256')
    .update(
      canonical({
        request,
        applications: data.applications.map((a) => [a.id, a.status, a.version, a.rating, a.profile_version]),
        missions: data.missions.map((m) => [m.id, m.places, m.accepted, m.reserved, m.version]),
        evaluations: data.evaluations.map((e) => [e.candidate_id, e.structure_id, e.structure_score, e.would_host, e.candidate_interest]),
        ineligible: [...data.ineligible.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
      }),
    )
    .digest('hex');
}

const point = (lat: number | null, lon: number | null): Point | undefined => (lat === null || lon === null ? undefined : { latitude: lat, longitude: lon });

export function buildProblem(data: ProblemData, request: RunRequest): Problem {
  const w = request.weights;
  const missions = data.missions;
  const M = missions.length;
  const missionIndex = new Map(missions.map((m, i) => [m.id, i]));
  const volunteers: Volunteer[] = [];
  const volunteerIndex = new Map<string, number>();
  for (const a of data.applications) {
    const m = missionIndex.get(a.mission_id);
    if (m === undefined) continue;
    let v = volunteerIndex.get(a.candidate_id);
    if (v === undefined) {
      v = volunteers.length;
      volunteerIndex.set(a.candidate_id, v);
      const mobility: Mobility = { drivingLicence: a.driving_licence, hasCar: a.has_car, publicTransport: a.public_transport };
      volunteers.push({ candidateId: a.candidate_id, applications: new Map(), member: { interests: a.interests, home: point(a.latitude, a.longitude), mobility } });
    }
    volunteers[v]!.applications.set(m, a);
    if (a.status === 'accepted') volunteers[v]!.acceptedMission = m;
  }
  const V = volunteers.length;

  // Forum opinions by (candidate, structure); a later forum overrides an earlier one.
  const opinion = new Map<string, EvaluationRow>();
  for (const e of data.evaluations) opinion.set(`${e.candidate_id}|${e.structure_id}`, e);

  const errors: Problem['errors'] = [];
  const excludedPair = new Set<string>();
  const apart: { a: number; b: number }[] = [];
  const apartPaths: string[] = [];
  const knownVolunteer = (id: string, path: string) => {
    const v = volunteerIndex.get(id);
    if (v === undefined) errors.push({ path, message: text('run.field.notInPlay') });
    return v;
  };
  const knownMission = (id: string, path: string) => {
    const m = missionIndex.get(id);
    if (m === undefined) errors.push({ path, message: text('run.field.notPublished') });
    return m;
  };
  request.exclusions.forEach((x, i) => {
    if ('candidateId' in x) {
      const v = knownVolunteer(x.candidateId, `exclusions.${i}.candidateId`);
      const m = knownMission(x.missionId, `exclusions.${i}.missionId`);
      if (v !== undefined && m !== undefined) excludedPair.add(`${v}|${m}`);
    } else {
      const a = knownVolunteer(x.candidateIds[0], `exclusions.${i}.candidateIds.0`);
      const b = knownVolunteer(x.candidateIds[1], `exclusions.${i}.candidateIds.1`);
      if (a !== undefined && b !== undefined) {
        apart.push({ a, b });
        apartPaths.push(`exclusions.${i}`);
      }
    }
  });

  const score = new Float64Array(V * M).fill(NaN);
  const vPref = new Float64Array(V * M).fill(NaN);
  const mPref = new Float64Array(V * M).fill(NaN);
  const scored: (Scored | undefined)[] = new Array(V * M);
  const notAllowed: (Text | undefined)[] = new Array(V * M);
  const driverNeeded = missions.map((m) => needsDriver({ host: point(m.host_latitude, m.host_longitude), partner: point(m.partner_latitude, m.partner_longitude) }));
  const missionPoint = missions.map((m) => point(m.latitude, m.longitude));
  for (let v = 0; v < V; v++) {
    const vol = volunteers[v]!;
    for (const [m, a] of vol.applications) {
      const mission = missions[m]!;
      const host = opinion.get(`${vol.candidateId}|${mission.host_structure_id}`);
      const partner = opinion.get(`${vol.candidateId}|${mission.first_circle_structure_id}`);
      const mp = missionPoint[m];
      const s = volunteerMissionScore(
        {
          hostScore: host?.structure_score ?? undefined,
          hostWouldHost: host?.would_host ?? undefined,
          applicationRating: a.rating ?? undefined,
          partnerScore: partner?.structure_score ?? undefined,
          partnerWouldHost: partner?.would_host ?? undefined,
          interestInHost: host?.candidate_interest ?? undefined,
          interestInPartner: partner?.candidate_interest ?? undefined,
          distanceKm: vol.member.home && mp ? distanceKm(vol.member.home, mp) : undefined,
          mobility: vol.member.mobility,
        },
        w,
      );
      const k = v * M + m;
      scored[k] = s;
      const failed = a.status === 'accepted' ? undefined : data.ineligible.get(a.id);
      let why: Text | undefined;
      if (vol.acceptedMission !== undefined && vol.acceptedMission !== m) why = text('run.why.acceptedElsewhere', { title: missions[vol.acceptedMission]!.title });
      else if (failed) why = text('run.why.ineligible', { rule: failed.rule, line: failed.text ?? failed.detail });
      else if (s.excludedBy === 'host-would-not-host' && a.status !== 'accepted') why = text('run.why.hostWouldNot', { name: mission.host_name });
      else if (s.excludedBy === 'partner-would-not-host' && a.status !== 'accepted') why = text('run.why.partnerWouldNot', { name: mission.partner_name });
      else if (excludedPair.has(`${v}|${m}`)) why = text('run.why.excluded');
      notAllowed[k] = why;
      if (why === undefined) {
        score[k] = s.score;
        vPref[k] = volunteerPreference(s);
        mPref[k] = missionPreference(s);
      }
    }
  }

  // Locks: each volunteer who accepted a mission is held there; then the coordinator's.
  const locks: PlacementInput['locks'][number][] = [];
  const lockPaths: (string | null)[] = [];
  volunteers.forEach((vol, v) => {
    if (vol.acceptedMission !== undefined) {
      locks.push({ volunteer: v, mission: vol.acceptedMission });
      lockPaths.push(null);
    }
  });
  const together: { a: number; b: number; mission?: number }[] = [];
  const togetherPaths: string[] = [];
  const allowedOrSay = (v: number, m: number, path: string) => {
    const k = v * M + m;
    if (scored[k] === undefined) errors.push({ path, message: text('run.field.noApplication', { title: missions[m]!.title }) });
    else if (notAllowed[k] !== undefined) errors.push({ path, message: text('run.field.cannotGo', { title: missions[m]!.title, why: notAllowed[k] }) });
  };
  request.locks.forEach((l, i) => {
    if ('candidateId' in l) {
      const v = knownVolunteer(l.candidateId, `locks.${i}.candidateId`);
      const m = knownMission(l.missionId, `locks.${i}.missionId`);
      if (v === undefined || m === undefined) return;
      allowedOrSay(v, m, `locks.${i}`);
      if (volunteers[v]!.acceptedMission === m) {
        // Held there by their acceptance already: the hold becomes the coordinator's lock.
        lockPaths[locks.findIndex((x) => x.volunteer === v)] = `locks.${i}`;
        return;
      }
      locks.push({ volunteer: v, mission: m });
      lockPaths.push(`locks.${i}`);
    } else {
      const a = knownVolunteer(l.candidateIds[0], `locks.${i}.candidateIds.0`);
      const b = knownVolunteer(l.candidateIds[1], `locks.${i}.candidateIds.1`);
      const m = l.missionId === undefined ? undefined : knownMission(l.missionId, `locks.${i}.missionId`);
      if (a === undefined || b === undefined || (l.missionId !== undefined && m === undefined)) return;
      if (m !== undefined) {
        allowedOrSay(a, m, `locks.${i}.candidateIds.0`);
        allowedOrSay(b, m, `locks.${i}.candidateIds.1`);
      }
      together.push(m === undefined ? { a, b } : { a, b, mission: m });
      togetherPaths.push(`locks.${i}`);
    }
  });

  const places = missions.map((m) => {
    const heldInPlay = volunteers.filter((vol) => vol.acceptedMission !== undefined && missions[vol.acceptedMission]!.id === m.id).length;
    return Math.max(0, m.places - m.accepted - m.reserved + heldInPlay);
  });

  const input: PlacementInput = {
    mode: request.mode,
    volunteers: V,
    places,
    score,
    volunteerPreference: vPref,
    missionPreference: mPref,
    pairScore: (a, b, m) => pairScore(volunteers[a]!.member, volunteers[b]!.member, driverNeeded[m]!, w).score,
    pairWeight: w.pair,
    locks,
    together,
    apart,
  };

  // A volunteer who accepted a mission is held there; when nobody in play can partner them
  // there, that hold cannot be honoured. Rather than refuse every run of the edition, they sit
  // this run out, reported with the reason (the coordinator pairs them by hand or waits for a
  // new applicant). The coordinator's own locks are never dropped: those contradictions are 422.
  for (let round = 0; round < V; round++) {
    const hopeless = checkConstraints(input).filter((c) => c.kind === 'lock' && lockPaths[c.index] === null);
    if (hopeless.length === 0) break;
    for (const c of hopeless.sort((x, y) => y.index - x.index)) {
      const { volunteer, mission } = locks[c.index]!;
      locks.splice(c.index, 1);
      lockPaths.splice(c.index, 1);
      const k = volunteer * M + mission;
      score[k] = NaN;
      vPref[k] = NaN;
      mPref[k] = NaN;
      notAllowed[k] = text('run.why.lockedAlone', { issue: c.message });
      places[mission] = places[mission]! - 1; // their place stays theirs
    }
  }

  const digest = inputDigest(data, request);

  return { input, weights: w, volunteers, missions, scored, notAllowed, driverNeeded, paths: { lock: lockPaths, together: togetherPaths, apart: apartPaths }, errors, digest };
}
