import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { checkInput } from '../forms.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EarlierServiceCivique, Interest, Nationality } from '../../../db/database.js';
import { profileBody, type ProfileInput } from '../../modules/candidates/candidates.schemas.js';
import type { toProfile } from '../../modules/candidates/candidates.service.js';
import type { FormErrors, FormValues } from '../forms.js';
import type { Web } from '../pages.js';
import { COOKIE_SESSION_POLICY } from '../session.js';

/**
 * The candidate's profile in steps. The API writes a profile whole (PUT /me/profile: names,
 * birth date, commune, nationality, earlier service civique and the sworn statement are all
 * required), so the steps are ordered for it: the four steps of what a profile cannot lack come
 * first, and the fourth creates the profile; until then the answers are kept in the browser, in
 * a cookie encrypted and bound to the account (nothing is held on the server before the person
 * certifies the statements). Once the profile exists, each step is written at once.
 */

export type Profile = ReturnType<typeof toProfile>;

/** What the steps know: a stored profile's fields, or the draft's so far. */
export interface ProfileState {
  firstName?: string;
  lastName?: string;
  birthDate?: string;
  phone?: string | null;
  communeCode?: string;
  communeName?: string;
  nationality?: Nationality;
  earlierServiceCivique?: EarlierServiceCivique;
  mobility?: { drivingLicence: boolean; car: boolean; publicTransport: boolean };
  interests?: Interest[];
  availableFrom?: string | null;
  stayInPool?: boolean;
  presentation?: string;
}

export const STEPS = [
  { slug: 'identite', title: 'Identité' },
  { slug: 'commune', title: 'Commune' },
  { slug: 'nationalite', title: 'Nationalité' },
  { slug: 'service-civique', title: 'Service civique antérieur' },
  { slug: 'mobilite', title: 'Mobilité' },
  { slug: 'centres-d-interet', title: 'Centres d’intérêt' },
  { slug: 'disponibilites', title: 'Disponibilités' },
  { slug: 'presentation', title: 'Présentation' },
] as const;
export type StepSlug = (typeof STEPS)[number]['slug'];

/** The steps before the profile exists (kept in the draft), and the one that creates it. */
export const DRAFT_STEPS = 3;
export const STATEMENT_STEPS: readonly StepSlug[] = ['nationalite', 'service-civique'];

export function stepIndex(slug: string): number {
  return STEPS.findIndex((s) => s.slug === slug);
}

export const stepUrl = (slug: StepSlug) => `/mon-profil/${slug}`;

/** Which step a field of the API's body is asked on (a service's error lands on its step). */
export const FIELD_STEP: Readonly<Record<string, StepSlug>> = {
  firstName: 'identite',
  lastName: 'identite',
  birthDate: 'identite',
  phone: 'identite',
  communeCode: 'commune',
  commune: 'commune',
  nationality: 'nationalite',
  earlierServiceCivique: 'service-civique',
  swornStatement: 'service-civique',
  mobility: 'mobilite',
  interests: 'centres-d-interet',
  availableFrom: 'disponibilites',
  stayInPool: 'disponibilites',
  presentation: 'presentation',
};

export function stateOfProfile(profile: Profile): ProfileState {
  return {
    firstName: profile.firstName,
    lastName: profile.lastName,
    birthDate: profile.birthDate,
    phone: profile.phone,
    communeCode: profile.commune.code,
    communeName: profile.commune.name,
    nationality: profile.nationality,
    earlierServiceCivique: profile.earlierServiceCivique,
    mobility: profile.mobility,
    interests: profile.interests as Interest[],
    availableFrom: profile.availableFrom,
    stayInPool: profile.stayInPool,
    presentation: profile.presentation,
  };
}

/** Whether a step has its answer (the optional steps are done once the profile exists). */
export function stepDone(state: ProfileState, slug: StepSlug, profileExists: boolean): boolean {
  switch (slug) {
    case 'identite':
      return Boolean(state.firstName && state.lastName && state.birthDate);
    case 'commune':
      return Boolean(state.communeCode);
    case 'nationalite':
      return Boolean(state.nationality);
    case 'service-civique':
      return profileExists;
    default:
      return profileExists;
  }
}

/** The first step still to answer before the profile can be created. */
export function firstMissingStep(state: ProfileState): StepSlug | undefined {
  return STEPS.slice(0, DRAFT_STEPS).find((s) => !stepDone(state, s.slug, false))?.slug;
}

/** The whole body of PUT /me/profile from the state and one step's changes. */
export function profileInput(state: ProfileState): ProfileInput | undefined {
  if (!state.firstName || !state.lastName || !state.birthDate || !state.communeCode || !state.nationality || !state.earlierServiceCivique) return undefined;
  return {
    firstName: state.firstName,
    lastName: state.lastName,
    birthDate: state.birthDate,
    communeCode: state.communeCode,
    phone: state.phone ?? null,
    mobility: state.mobility ?? { drivingLicence: false, car: false, publicTransport: false },
    interests: state.interests ?? [],
    availableFrom: state.availableFrom ?? null,
    presentation: state.presentation ?? '',
    nationality: state.nationality,
    earlierServiceCivique: state.earlierServiceCivique,
    swornStatement: true,
    stayInPool: state.stayInPool ?? false,
  };
}

/** The form's values of a state, as a step shows them (never the sworn statement: it is ticked anew). */
export function valuesOfState(state: ProfileState): FormValues {
  const values: Record<string, string | string[]> = {};
  const put = (key: string, value: string | null | undefined) => {
    if (value) values[key] = value;
  };
  put('firstName', state.firstName);
  put('lastName', state.lastName);
  put('birthDate', state.birthDate);
  put('phone', state.phone);
  put('commune', state.communeName);
  put('nationality', state.nationality);
  put('earlierServiceCivique', state.earlierServiceCivique);
  if (state.mobility?.drivingLicence) values.drivingLicence = 'true';
  if (state.mobility?.car) values.car = 'true';
  if (state.mobility?.publicTransport) values.publicTransport = 'true';
  if (state.interests) values.interests = [...state.interests];
  put('availableFrom', state.availableFrom);
  if (state.stayInPool) values.stayInPool = 'true';
  put('presentation', state.presentation);
  return values;
}

/** A repeated field (checkboxes) as a list. */
export function listOf(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

const text = (value: string | readonly string[] | undefined) => (typeof value === 'string' ? value.trim() : undefined);
const ticked = (value: string | readonly string[] | undefined) => value === 'true';

export type StepParse = { ok: true; changes: ProfileState } | { ok: false; errors: FormErrors };

const identitySchema = profileBody.pick({ firstName: true, lastName: true, birthDate: true, phone: true });
const nationalitySchema = profileBody.pick({ nationality: true, swornStatement: true });
const earlierSchema = profileBody.pick({ earlierServiceCivique: true, swornStatement: true });
const interestsSchema = profileBody.pick({ interests: true });
const availabilitySchema = profileBody.pick({ availableFrom: true, stayInPool: true });
const presentationSchema = profileBody.pick({ presentation: true });

/** Reads a step's form (not the commune's: it is looked up in the territory). */
export function parseStep(slug: Exclude<StepSlug, 'commune'>, values: FormValues): StepParse {
  const optionalText = (key: string) => {
    const v = text(values[key]);
    return v ? v : undefined;
  };
  switch (slug) {
    case 'identite': {
      const r = checkInput(identitySchema, { firstName: text(values.firstName) ?? '', lastName: text(values.lastName) ?? '', birthDate: text(values.birthDate) ?? '', phone: optionalText('phone') });
      return r.ok ? { ok: true, changes: { ...r.data, phone: r.data.phone ?? null } } : r;
    }
    case 'nationalite': {
      const r = checkInput(nationalitySchema, { nationality: text(values.nationality), swornStatement: ticked(values.swornStatement) ? true : undefined });
      return r.ok ? { ok: true, changes: { nationality: r.data.nationality } } : r;
    }
    case 'service-civique': {
      const r = checkInput(earlierSchema, { earlierServiceCivique: text(values.earlierServiceCivique), swornStatement: ticked(values.swornStatement) ? true : undefined });
      return r.ok ? { ok: true, changes: { earlierServiceCivique: r.data.earlierServiceCivique } } : r;
    }
    case 'mobilite':
      return { ok: true, changes: { mobility: { drivingLicence: ticked(values.drivingLicence), car: ticked(values.car), publicTransport: ticked(values.publicTransport) } } };
    case 'centres-d-interet': {
      const r = checkInput(interestsSchema, { interests: listOf(values.interests) });
      return r.ok ? { ok: true, changes: { interests: r.data.interests } } : r;
    }
    case 'disponibilites': {
      const r = checkInput(availabilitySchema, { availableFrom: optionalText('availableFrom'), stayInPool: ticked(values.stayInPool) });
      return r.ok ? { ok: true, changes: { availableFrom: r.data.availableFrom ?? null, stayInPool: r.data.stayInPool } } : r;
    }
    case 'presentation': {
      const raw = values.presentation;
      const r = checkInput(presentationSchema, { presentation: typeof raw === 'string' ? raw : '' });
      return r.ok ? { ok: true, changes: { presentation: r.data.presentation } } : r;
    }
  }
}

/**
 * The draft: the answers of the first steps before the profile exists, in an HttpOnly cookie
 * encrypted with AES-256-GCM (a key derived from the app's secret) and bound to the account, so
 * that someone else signing in on the same browser neither reads nor uses it, while its owner
 * finds it again after signing in anew. It lives 12 hours (a session's longest life) after the
 * last step saved, and is dropped when the profile is created or the account deleted.
 */
export class DraftStore {
  private readonly key: Buffer;
  readonly cookie: string;

  constructor(
    private readonly web: Web,
    secret: string,
  ) {
    this.key = createHash('sha256').update(secret).digest();
    this.cookie = draftCookie(web);
  }

  read(request: FastifyRequest): ProfileState {
    const raw = request.cookies[this.cookie];
    const userId = request.webSession?.user.id;
    if (!raw || !userId) return {};
    try {
      const bytes = Buffer.from(raw, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      const plain = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
      const parsed = JSON.parse(plain) as { u?: unknown; d?: unknown };
      if (parsed.u !== userId || !parsed.d || typeof parsed.d !== 'object') return {};
      return parsed.d as ProfileState;
    } catch {
      return {};
    }
  }

  write(request: FastifyRequest, reply: FastifyReply, state: ProfileState): void {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify({ u: request.webSession?.user.id, d: state }), 'utf8'), cipher.final()]);
    const value = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    reply.setCookie(this.cookie, value, {
      path: '/',
      httpOnly: true,
      secure: this.web.session.secure,
      sameSite: 'lax',
      maxAge: Math.floor(COOKIE_SESSION_POLICY.absoluteMs / 1000),
    });
  }

  clear(request: FastifyRequest, reply: FastifyReply): void {
    clearProfileDraft(this.web, request, reply);
  }
}

const draftCookie = (web: Web) => `${web.session.secure ? '__Host-' : ''}binome_profil`;

/** Drops the draft's cookie (the account's deletion does). */
export function clearProfileDraft(web: Web, request: FastifyRequest, reply: FastifyReply): void {
  const name = draftCookie(web);
  if (request.cookies[name] !== undefined) reply.clearCookie(name, { path: '/', httpOnly: true, secure: web.session.secure, sameSite: 'lax' });
}
