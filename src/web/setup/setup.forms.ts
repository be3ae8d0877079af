import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFound } from '../../errors.js';
import type { Actor } from '../../lib/access.js';
import { listOperatorsFor } from '../../modules/operators/operators.service.js';
import type { Choice } from '../fields.js';
import type { Web } from '../pages.js';
import type { Deps } from '../../deps.js';
import { searchEpcis } from '../../modules/territory/territory.service.js';
import { searchKey } from '../../lib/search-key.js';
import type { FormValues } from '../forms.js';

/** Reading the set-up's forms: typed values (numbers, lists) checked by the API's own body schemas. */

export function stringOf(values: FormValues, name: string): string {
  const value = values[name];
  return typeof value === 'string' ? value.trim() : '';
}

export function listOf(values: FormValues, name: string): string[] {
  const value = values[name];
  return value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
}

/** A comma-separated list (« DRAC, Région »), empty parts left out. */
export function commaList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** A number as typed, or the text itself when it is none (the schema then says « un nombre »). */
export function numberOf(text: string): number | string | undefined {
  if (text === '') return undefined;
  const n = Number(text.replace(',', '.'));
  return Number.isFinite(n) ? n : text;
}

/** « Nom (200072460) »: how an EPCI is written in the territory field, and read back. */
export const epciLabel = (epci: { code: string; name: string }) => `${epci.name} (${epci.code})`;

/**
 * The EPCIs a territory field names: each part a SIREN number, « Nom (SIREN) » (a suggestion
 * taken) or a name that one EPCI alone matches. Undefined codes for a part that names none or several.
 */
export async function resolveEpcis(deps: Deps, typed: string): Promise<{ codes: string[]; unknown: string[] }> {
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const part of commaList(typed)) {
    const code = /^([0-9]{9})$/.exec(part)?.[1] ?? /\(([0-9]{9})\)$/.exec(part)?.[1];
    if (code) {
      codes.push(code);
      continue;
    }
    const key = searchKey(part);
    const found = key && part.length <= 200 ? (await searchEpcis(deps, { q: part, limit: 10 })).items : [];
    const exact = found.filter((e) => searchKey(e.name) === key);
    const pick = exact.length === 1 ? exact[0] : found.length === 1 ? found[0] : undefined;
    if (pick) codes.push(pick.code);
    else unknown.push(part);
  }
  return { codes: [...new Set(codes)], unknown };
}

/** An id of the address: a UUID, else the 404 page (never a database error). */
export function idOf(request: FastifyRequest, thing: ConstructorParameters<typeof NotFound>[0], name = 'id'): string {
  const value = (request.params as Record<string, unknown>)[name];
  const parsed = z.uuid().safeParse(value);
  if (!parsed.success) throw new NotFound(thing);
  return parsed.data;
}

/** The notice of a page after a saved form: its query flag (`?enregistre=…`) names it. */
export function savedNotice(request: FastifyRequest, notices: Readonly<Record<string, string>>): string | undefined {
  const { enregistre } = request.query as { enregistre?: unknown };
  return typeof enregistre === 'string' ? notices[enregistre] : undefined;
}

/** The operators an admin chooses from (a coordinator acts for their own): undefined for a coordinator. */
export async function operatorChoices(web: Web, actor: Actor): Promise<Choice[] | undefined> {
  if (actor.role !== 'admin') return undefined;
  const page = await listOperatorsFor(web.deps, actor, { limit: 100 });
  return [{ value: '', label: 'Choisissez un organisme' }, ...page.items.map((o) => ({ value: o.id, label: o.name }))];
}

/** The fields of a structure's contact row, posted as `contacts.<row>.<field>`. */
export const CONTACT_FIELDS = ['name', 'role', 'email', 'phone'] as const;
export const contactKey = (row: number, field: (typeof CONTACT_FIELDS)[number] | 'retirer') => `contacts.${row}.${field}`;

/** The contact rows a form holds (their numbers, in order), read from its field names alone. */
export function contactRowsOf(values: FormValues): number[] {
  const rows = new Set<number>();
  for (const key of Object.keys(values)) {
    const row = /^contacts\.([0-9]{1,3})\.(?:name|role|email|phone|retirer)$/.exec(key)?.[1];
    if (row !== undefined) rows.add(Number(row));
  }
  return [...rows].sort((a, b) => a - b);
}

/** Whether a contact row has nothing typed (it is then left out). */
export const emptyContactRow = (values: FormValues, row: number) => CONTACT_FIELDS.every((field) => stringOf(values, contactKey(row, field)) === '');
