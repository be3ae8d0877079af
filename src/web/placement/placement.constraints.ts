import { z } from 'zod';

/**
 * A run's locks and exclusions as form values, so that a re-run carries them as checkboxes:
 * `fixer:<volunteer>:<mission>`, `ensemble:<a>:<b>[:<mission>]` (the two ids sorted),
 * `exclure:<volunteer>:<mission>`, `separer:<a>:<b>`. The API's body (createRunBody) checks the ids.
 */

type Lock = { candidateId: string; missionId: string } | { candidateIds: [string, string]; missionId?: string };
type Exclusion = { candidateId: string; missionId: string } | { candidateIds: [string, string] };

const uuid = z.uuid();
const sorted = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

export const lockValue = (candidateId: string, missionId: string) => `fixer:${candidateId}:${missionId}`;
export const pairValue = (a: string, b: string, missionId?: string) => `ensemble:${sorted(a, b).join(':')}${missionId ? `:${missionId}` : ''}`;
export const exclusionValue = (candidateId: string, missionId: string) => `exclure:${candidateId}:${missionId}`;
export const apartValue = (a: string, b: string) => `separer:${sorted(a, b).join(':')}`;

/** The stored locks and exclusions of a run, as form values (anything else is left out). */
export function valuesOf(locks: readonly unknown[], exclusions: readonly unknown[]): string[] {
  const values: string[] = [];
  for (const raw of locks) {
    const l = raw as Partial<{ candidateId: string; candidateIds: [string, string]; missionId: string }>;
    if (l.candidateIds) values.push(pairValue(l.candidateIds[0], l.candidateIds[1], l.missionId));
    else if (l.candidateId && l.missionId) values.push(lockValue(l.candidateId, l.missionId));
  }
  for (const raw of exclusions) {
    const e = raw as Partial<{ candidateId: string; candidateIds: [string, string]; missionId: string }>;
    if (e.candidateIds) values.push(apartValue(e.candidateIds[0], e.candidateIds[1]));
    else if (e.candidateId && e.missionId) values.push(exclusionValue(e.candidateId, e.missionId));
  }
  return values;
}

export type Decoded = { kind: 'lock'; lock: Lock } | { kind: 'exclusion'; exclusion: Exclusion };

/** A form value back into a lock or an exclusion; undefined when it is not one (ids not uuids, unknown word). */
export function decode(value: string): Decoded | undefined {
  const [word, ...ids] = value.split(':');
  if (ids.length < 2 || ids.length > 3 || !ids.every((id) => uuid.safeParse(id).success)) return undefined;
  const [a, b, c] = ids as [string, string, string | undefined];
  switch (word) {
    case 'fixer':
      return ids.length === 2 ? { kind: 'lock', lock: { candidateId: a, missionId: b } } : undefined;
    case 'ensemble':
      return { kind: 'lock', lock: c ? { candidateIds: [a, b], missionId: c } : { candidateIds: [a, b] } };
    case 'exclure':
      return ids.length === 2 ? { kind: 'exclusion', exclusion: { candidateId: a, missionId: b } } : undefined;
    case 'separer':
      return ids.length === 2 ? { kind: 'exclusion', exclusion: { candidateIds: [a, b] } } : undefined;
    default:
      return undefined;
  }
}

/** A constraint in words, with the names and titles a run gives. */
export function describe(value: string, names: ReadonlyMap<string, string>, titles: ReadonlyMap<string, string>): string {
  const d = decode(value);
  const who = (id: string) => names.get(id) ?? 'une personne qui n’est plus en jeu';
  const where = (id: string) => `« ${titles.get(id) ?? 'une mission qui n’est plus en jeu'} »`;
  if (!d) return value;
  if (d.kind === 'lock') {
    const l = d.lock;
    if ('candidateIds' in l) return `${who(l.candidateIds[0])} et ${who(l.candidateIds[1])} ensemble${l.missionId ? ` sur ${where(l.missionId)}` : ''}`;
    return `${who(l.candidateId)} sur ${where(l.missionId)}`;
  }
  const e = d.exclusion;
  if ('candidateIds' in e) return `${who(e.candidateIds[0])} et ${who(e.candidateIds[1])} jamais ensemble`;
  return `${who(e.candidateId)} jamais sur ${where(e.missionId)}`;
}
