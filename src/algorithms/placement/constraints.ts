/**
 * What placeVolunteers refuses before solving: malformed input (checkShape, a programming error:
 * it throws) and contradictory constraints (checkConstraints, a user's error: every one of them
 * named, so that the API can answer 422 on the entry at fault).
 */
import { type Text, text } from '../../i18n/index.js';
import { augmentMatching, lockedNeed } from './partners.js';
import type { ConstraintInput, ConstraintIssue, PlacementInput } from './types.js';

const isIndex = (x: unknown, n: number): x is number => Number.isInteger(x) && (x as number) >= 0 && (x as number) < n;
/** A mission's places usable by binômes: an odd last place stays open. */
export const evenPart = (places: number) => (places >= 2 ? 2 * Math.floor(places / 2) : 0);

/**
 * Every contradiction among locks, together and apart, in plain English, each naming the entry
 * it is about (kind + index; the API answers 422 with `locks[i]` and the message). An empty list
 * means placeVolunteers can honour them all.
 */
export function checkConstraints(input: ConstraintInput): ConstraintIssue[] {
  const V = input.volunteers;
  const M = input.places.length;
  const issues: ConstraintIssue[] = [];
  // The messages are catalogue texts (pure data): the API renders them in the reader's language.
  const issue = (kind: ConstraintIssue['kind'], index: number, message: Text) => issues.push({ kind, index, message });
  const allowed = (v: number, m: number) => !Number.isNaN(Number(input.score[v * M + m]));
  const cap = (m: number) => evenPart(Number(input.places[m]));

  const lockOf = new Int32Array(Math.max(V, 0)).fill(-1);
  const lockIndex = new Int32Array(Math.max(V, 0)).fill(-1);
  const validLock: boolean[] = [];
  input.locks.forEach(({ volunteer: v, mission: m }, i) => {
    validLock[i] = false;
    if (!isIndex(v, V)) return issue('lock', i, text('constraint.volunteerOutOfRange'));
    if (!isIndex(m, M)) return issue('lock', i, text('constraint.missionOutOfRange'));
    if (!allowed(v, m)) return issue('lock', i, text('constraint.lockNotAllowed'));
    if (cap(m) < 2) return issue('lock', i, text('constraint.fewerThanTwoPlaces'));
    if (lockOf[v]! >= 0 && lockOf[v] !== m) return issue('lock', i, text('constraint.alreadyLocked', { other: lockIndex[v]! }));
    validLock[i] = true;
    if (lockOf[v]! < 0) {
      lockOf[v] = m;
      lockIndex[v] = i;
    }
  });

  const apartIndex = new Map<number, number>();
  input.apart.forEach(({ a, b }, i) => {
    if (!isIndex(a, V) || !isIndex(b, V)) return issue('apart', i, text('constraint.aVolunteerOutOfRange'));
    if (a === b) return issue('apart', i, text('constraint.apartFromItself'));
    const key = Math.min(a, b) * V + Math.max(a, b);
    if (!apartIndex.has(key)) apartIndex.set(key, i);
  });
  const isApart = (a: number, b: number) => apartIndex.has(Math.min(a, b) * V + Math.max(a, b));

  // Couples, merged by pair: the first entry names the couple.
  const partnerOf = new Int32Array(Math.max(V, 0)).fill(-1);
  const partnerIndex = new Int32Array(Math.max(V, 0)).fill(-1);
  const couples = new Map<number, { a: number; b: number; mission: number; index: number; missionIndex: number }>();
  const validTogether: boolean[] = [];
  input.together.forEach(({ a, b, mission }, i) => {
    validTogether[i] = false;
    if (!isIndex(a, V) || !isIndex(b, V)) return issue('together', i, text('constraint.aVolunteerOutOfRange'));
    if (mission !== undefined && !isIndex(mission, M)) return issue('together', i, text('constraint.missionOutOfRange'));
    if (a === b) return issue('together', i, text('constraint.pairedWithItself'));
    for (const [x, y, which] of [
      [a, b, 'first'],
      [b, a, 'second'],
    ] as const) {
      if (partnerOf[x]! >= 0 && partnerOf[x] !== y) return issue('together', i, text('constraint.alreadyPaired', { which, other: partnerIndex[x]! }));
    }
    const key = Math.min(a, b) * V + Math.max(a, b);
    if (apartIndex.has(key)) return issue('together', i, text('constraint.alsoApart', { other: apartIndex.get(key)! }));
    const previous = couples.get(key);
    if (mission !== undefined) {
      if (!allowed(a, mission)) return issue('together', i, text('constraint.notAllowed', { which: 'first' }));
      if (!allowed(b, mission)) return issue('together', i, text('constraint.notAllowed', { which: 'second' }));
      if (cap(mission) < 2) return issue('together', i, text('constraint.fewerThanTwoPlaces'));
      for (const [x, which] of [
        [a, 'first'],
        [b, 'second'],
      ] as const) {
        if (lockOf[x]! >= 0 && lockOf[x] !== mission) return issue('together', i, text('constraint.lockedElsewhere', { which, other: lockIndex[x]! }));
      }
      if (previous && previous.mission >= 0 && previous.mission !== mission) return issue('together', i, text('constraint.otherMission', { other: previous.missionIndex }));
    }
    validTogether[i] = true;
    if (!previous) {
      couples.set(key, { a, b, mission: mission ?? -1, index: i, missionIndex: mission === undefined ? -1 : i });
      partnerOf[a] = b;
      partnerOf[b] = a;
      partnerIndex[a] = i;
      partnerIndex[b] = i;
    } else if (mission !== undefined && previous.mission < 0) {
      previous.mission = mission;
      previous.missionIndex = i;
    }
  });
  // A couple without a mission goes where one of its members is locked.
  for (const c of couples.values()) {
    if (c.mission >= 0) continue;
    const la = lockOf[c.a]!;
    const lb = lockOf[c.b]!;
    if (la >= 0 && lb >= 0 && la !== lb) {
      validTogether[c.index] = false;
      issue('together', c.index, text('constraint.lockedApart', { a: lockIndex[c.a]!, b: lockIndex[c.b]! }));
    } else if (la >= 0 || lb >= 0) {
      const [locked, other, which] = la >= 0 ? [c.a, c.b, 'second'] : [c.b, c.a, 'first'];
      const m = lockOf[locked]!;
      if (!allowed(other, m)) {
        validTogether[c.index] = false;
        issue('together', c.index, text('constraint.notAllowedWhereLocked', { which, other: lockIndex[locked]! }));
      } else {
        c.mission = m;
        c.missionIndex = lockIndex[locked]!;
      }
    } else {
      let any = false;
      for (let m = 0; m < M && !any; m++) any = cap(m) >= 2 && allowed(c.a, m) && allowed(c.b, m);
      if (!any) {
        validTogether[c.index] = false;
        issue('together', c.index, text('constraint.noMissionForBoth'));
      }
    }
  }

  // Capacity: volunteers bound to a mission (locks, couples with a mission), in input order.
  const boundTo = new Int32Array(Math.max(V, 0)).fill(-1);
  const count = new Int32Array(M);
  const full = new Uint8Array(M);
  const bind = (kind: 'lock' | 'together', index: number, volunteers: readonly number[], m: number) => {
    for (const v of volunteers) {
      if (boundTo[v] === m) continue;
      boundTo[v] = m;
      count[m]!++;
    }
    if (count[m]! > cap(m) && !full[m]) {
      full[m] = 1;
      issue(kind, index, text('constraint.tooManyLocked', { places: Number(input.places[m]), room: cap(m), locked: count[m]! }));
    }
  };
  input.locks.forEach(({ volunteer: v, mission: m }, i) => {
    if (validLock[i] && lockOf[v] === m) bind('lock', i, [v], m);
  });
  input.together.forEach((_, i) => {
    for (const c of couples.values()) if (c.index === i && validTogether[i] && c.mission >= 0) bind('together', i, [c.a, c.b], c.mission);
  });

  // Partners for the locked singles: those they cannot find among themselves must come from
  // distinct free singles (a bipartite matching, as the solvers' partner seats).
  const inCouple = (v: number) => {
    const p = partnerOf[v]!;
    return p >= 0 && validTogether[partnerIndex[v]!] === true;
  };
  const lockedAt: number[][] = Array.from({ length: M }, () => []);
  for (let v = 0; v < V; v++) if (lockOf[v]! >= 0 && !inCouple(v)) lockedAt[lockOf[v]!]!.push(v);
  const seats: number[] = [];
  for (let m = 0; m < M; m++) {
    const locked = lockedAt[m]!;
    if (locked.length === 0 || full[m]) continue;
    const need = lockedNeed(locked, isApart);
    if (count[m]! + need > cap(m)) {
      let apartEntry = -1;
      for (let i = 0; i < locked.length && apartEntry < 0; i++) {
        for (let j = i + 1; j < locked.length && apartEntry < 0; j++) {
          if (isApart(locked[i]!, locked[j]!)) apartEntry = apartIndex.get(Math.min(locked[i]!, locked[j]!) * V + Math.max(locked[i]!, locked[j]!))!;
        }
      }
      issue(
        'apart',
        apartEntry,
        text('constraint.bothLockedNoRoom', { other: lockIndex[locked[0]!]! }),
      );
      continue;
    }
    for (let k = 0; k < need; k++) seats.push(m);
  }
  if (seats.length > 0) {
    const free = (v: number) => lockOf[v]! < 0 && !inCouple(v);
    const candidates = seats.map((m) => {
      const list: number[] = [];
      for (let v = 0; v < V; v++) if (free(v) && allowed(v, m) && lockedAt[m]!.some((l) => !isApart(v, l))) list.push(v);
      return list;
    });
    const seatOf = new Int32Array(seats.length).fill(-1);
    augmentMatching(candidates, seatOf, new Int32Array(V).fill(-1));
    const reported = new Set<number>();
    seats.forEach((m, k) => {
      if (seatOf[k]! >= 0 || reported.has(m)) return;
      reported.add(m);
      const first = lockIndex[lockedAt[m]![0]!]!;
      issue(
        'lock',
        first,
        candidates[k]!.length === 0
          ? text('constraint.noPartner')
          : text('constraint.partnersNeededElsewhere'),
      );
    });
  }
  return issues;
}

/** Throws on input no caller should build (a programming error, not a user's): placeVolunteers's first step. */
export function checkShape(input: PlacementInput): void {
  const { volunteers: V, places } = input;
  if (input.mode !== 'optimal' && input.mode !== 'stable') throw new TypeError(`mode must be 'optimal' or 'stable', not ${String(input.mode)}`);
  if (!Number.isInteger(V) || V < 0) throw new RangeError('volunteers must be a whole number ≥ 0');
  for (let m = 0; m < places.length; m++) {
    if (!Number.isInteger(places[m]) || places[m]! < 0) throw new RangeError(`places[${m}] must be a whole number ≥ 0`);
  }
  const cells = V * places.length;
  if (input.score.length !== cells) throw new RangeError(`score must hold volunteers × missions = ${cells} numbers`);
  if (input.mode === 'stable' && (input.volunteerPreference.length !== cells || input.missionPreference.length !== cells)) {
    throw new RangeError(`volunteerPreference and missionPreference must hold volunteers × missions = ${cells} numbers`);
  }
  if (!Number.isFinite(input.pairWeight) || input.pairWeight < 0) throw new RangeError('pairWeight must be a finite number ≥ 0');
  if (typeof input.pairScore !== 'function') throw new TypeError('pairScore must be a function');
}
