import type { Deps } from '../../deps.js';
import { searchKey } from '../../lib/search-key.js';
import { searchMissionsQuery, type SearchSort } from '../../modules/missions/missions.schemas.js';
import { searchMissions } from '../../modules/missions/missions.service.js';
import { searchCommunes } from '../../modules/territory/territory.service.js';
import { type FormErrors, NO_ERRORS, parseForm } from '../forms.js';

/**
 * The mission search of the console: the form's fields (named as the API's query, plus `lieu`,
 * a commune's name or postal code as typed), read from the URL so that a search is a link to
 * share; the place resolved to a commune on the server (the suggestions of the page are only a
 * help), then the missions service called directly.
 */

/** The fields of the search form, in the URL's order. */
export const SEARCH_FIELDS = ['q', 'theme', 'lieu', 'radiusKm', 'startsAfter', 'startsBefore', 'openToMinors'] as const;

/** Missions per page. */
export const SEARCH_PAGE_SIZE = 10;

/** The radii offered, in km; the API's default first. */
export const RADII = [5, 10, 25, 50, 100] as const;
export const DEFAULT_RADIUS_KM = 25;

export type Commune = Awaited<ReturnType<typeof searchCommunes>>['items'][number];
export type MissionHit = Awaited<ReturnType<typeof searchMissions>>['items'][number];

/** « Lens (62300) »: how a commune is written in the place field, and read back. */
export function communeLabel(commune: Pick<Commune, 'name' | 'postalCodes' | 'department'>): string {
  return `${commune.name} (${commune.postalCodes[0] ?? commune.department})`;
}

const LABELLED = /^(.*\S)\s*\(\s*([0-9][0-9AB][0-9]{3}|[0-9]{2,3}|2A|2B)\s*\)$/i;
const CODE = /^[0-9][0-9AB][0-9]{3}$/i;

/** What a typed place asks for: a name, a postal code, or both (« Lens (62300) », as a suggestion writes it). */
function placeQuery(typed: string): { q?: string; postalCode?: string; department?: string } {
  const labelled = LABELLED.exec(typed);
  if (labelled) {
    const code = labelled[2]!.toUpperCase();
    return CODE.test(code) ? { q: labelled[1]!, postalCode: code } : { q: labelled[1]!, department: code };
  }
  if (CODE.test(typed)) return { postalCode: typed.toUpperCase() };
  return { q: typed };
}

/** Communes that match what was typed, the best first: the suggestions. */
export async function suggestCommunes(deps: Deps, typed: string, limit = 8): Promise<Commune[]> {
  const text = typed.trim().slice(0, 100);
  if (text.length < 2) return [];
  const query = placeQuery(text);
  if (query.q !== undefined && searchKey(query.q) === '') return [];
  // A postal code typed in part (« 623 ») names no commune yet.
  if (query.q === undefined && query.postalCode === undefined) return [];
  return (await searchCommunes(deps, { ...query, limit })).items;
}

export interface ResolvedPlace {
  readonly commune: Commune;
  /** Other communes the words could mean (its homonyms, or the other matches of words that are no name), for « Vous cherchiez… ». */
  readonly others: readonly Commune[];
}

/**
 * The commune a typed place names: the one whose name is exactly the words (the most populated
 * of homonyms), else the best match; undefined when nothing matches.
 */
export async function resolvePlace(deps: Deps, typed: string): Promise<ResolvedPlace | undefined> {
  const query = placeQuery(typed);
  if (query.q !== undefined && searchKey(query.q) === '') return undefined;
  // Enough to find the homonyms among the names that start with the words.
  const found = (await searchCommunes(deps, { ...query, limit: 20 })).items;
  if (found.length === 0) return undefined;
  const key = query.q === undefined ? undefined : searchKey(query.q);
  const exact = key === undefined ? undefined : found.find((c) => searchKey(c.name) === key);
  const commune = exact ?? found[0]!;
  // Found by its very name, the others worth offering are its homonyms; else every other match.
  const others = found.filter((c) => c.code !== commune.code && (!exact || searchKey(c.name) === key));
  return { commune, others: others.slice(0, 5) };
}

export interface SearchOutcome {
  /** What the form shows: what was asked, the place written as its commune once resolved. */
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FormErrors;
  readonly place: ResolvedPlace | undefined;
  readonly radiusKm: number;
  readonly items: readonly MissionHit[];
  readonly nextCursor: string | null;
  /** Whether this page is the first one (no cursor). */
  readonly firstPage: boolean;
  /** Whether the search names anything (else every published mission is listed). */
  readonly filtered: boolean;
}

/** The search's values as they are in the URL, each field once, trimmed; empty ones dropped. */
export function searchValues(query: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  const raw = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  for (const name of [...SEARCH_FIELDS, 'cursor']) {
    const value = raw[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string' && first.trim() !== '') values[name] = first.trim();
  }
  return values;
}

/** The address of a search (`/trouver-une-mission?…`), with only the fields that say something. */
export function searchUrl(values: Readonly<Record<string, string | undefined>>, changes: Readonly<Record<string, string | undefined>> = {}): string {
  const merged = { ...values, ...changes };
  const params = new URLSearchParams();
  for (const name of [...SEARCH_FIELDS, 'cursor'] as const) {
    const value = merged[name];
    if (value === undefined || value === '') continue;
    if (name === 'radiusKm' && (!merged.lieu || value === String(DEFAULT_RADIUS_KM))) continue;
    params.set(name, value);
  }
  const query = params.toString();
  return query ? `/trouver-une-mission?${query}` : '/trouver-une-mission';
}

/** Runs the search the URL asks for. */
export async function runSearch(deps: Deps, query: unknown): Promise<SearchOutcome> {
  const values: Record<string, string> = searchValues(query);
  let parsed = parseForm(searchMissionsQuery, { ...values, limit: String(SEARCH_PAGE_SIZE) });
  // A damaged cursor (an address cut short) starts again from the first page.
  if (!parsed.ok && parsed.errors.fields.cursor) {
    delete values.cursor;
    parsed = parseForm(searchMissionsQuery, { ...values, limit: String(SEARCH_PAGE_SIZE) });
  }
  const radiusKm = parsed.ok ? parsed.data.radiusKm : DEFAULT_RADIUS_KM;
  const filtered = SEARCH_FIELDS.some((name) => name !== 'radiusKm' && values[name] !== undefined);
  const fail = (errors: FormErrors): SearchOutcome => ({ values, errors, place: undefined, radiusKm, items: [], nextCursor: null, firstPage: true, filtered });
  if (!parsed.ok) return fail(parsed.errors);

  let place: ResolvedPlace | undefined;
  if (values.lieu) {
    place = await resolvePlace(deps, values.lieu);
    if (!place) {
      return fail({
        fields: { lieu: `Aucune commune ne correspond à « ${values.lieu} ». Vérifiez l’orthographe, ou saisissez son code postal à 5 chiffres.` },
        general: [],
      });
    }
    values.lieu = communeLabel(place.commune);
  }
  const { commune } = place ?? {};
  const near: [number, number] | undefined = commune && commune.latitude !== null && commune.longitude !== null ? [commune.latitude, commune.longitude] : undefined;
  const { q, theme, startsAfter, startsBefore, openToMinors } = parsed.data;
  // The order follows from the question, so that a page's cursor fits the next page: the
  // relevance of the words, else the distance from the place, else the start date.
  const sort: SearchSort = q ? 'relevance' : near ? 'distance' : 'startDate';
  // A cursor of another order (the question was changed by hand) starts again from the top.
  const cursor = parsed.data.cursor && parsed.data.cursor[0] === sort ? parsed.data.cursor : undefined;
  if (!cursor) delete values.cursor;
  const page = await searchMissions(deps, {
    q,
    theme,
    // A commune whose coordinates are unknown: its own missions only.
    commune: commune && !near ? commune.code : undefined,
    near,
    radiusKm,
    startsAfter,
    startsBefore,
    openToMinors,
    sort,
    limit: SEARCH_PAGE_SIZE,
    cursor,
  });
  return { values, errors: NO_ERRORS, place, radiusKm, items: page.items, nextCursor: page.nextCursor, firstPage: !cursor, filtered };
}
