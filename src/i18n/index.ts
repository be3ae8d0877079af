import { CATALOGUE, type Entry } from './catalogue.js';

/**
 * French first (issue 13): every text a person reads comes from one catalogue (./catalogue.ts),
 * French by default, English when the request prefers it. This file is the mechanism:
 *
 * - `text(key, params)` names a message without rendering it. A `Text` is plain data (a key and
 *   JSON params), so it survives a worker thread's structured clone and a jsonb column: domain
 *   errors, eligibility checks and placement explanations carry one and are rendered late, in
 *   the language of whoever reads them.
 * - `render(text, lang)` writes it. Code that has no reader yet (a DomainError's `message`, the
 *   `detail` of a check) renders it in French, the platform's language; the API renders it again
 *   in English when asked (`negotiate`).
 * - `withTexts(object, { field: text })` sets the French text of fields of an object that goes
 *   into an API answer and remembers their `Text`s under a symbol, invisible to JSON and to the
 *   response schemas; `localise(payload, 'en')` (the problem plugin runs it before serialising)
 *   rewrites those fields in English. One walk, for every answer, instead of one per route.
 */

export type Lang = 'fr' | 'en';
export const DEFAULT_LANG: Lang = 'fr';

export type MessageKey = keyof typeof CATALOGUE;
export type ParamsOf<K extends MessageKey> = (typeof CATALOGUE)[K] extends Entry<infer P> ? P : never;

/** A message named but not rendered: a catalogue key and its params (plain JSON data). */
export interface Text {
  readonly key: MessageKey;
  readonly params?: unknown;
}

/** A string param may also be a `Text`, rendered in the same language first (a reason inside a sentence). */
type Nestable<P> = { [F in keyof P]: P[F] extends string ? P[F] | Text : P[F] };
type ParamArgs<K extends MessageKey> = [ParamsOf<K>] extends [undefined] ? [] : [params: Nestable<ParamsOf<K>>];

export function text<K extends MessageKey>(key: K, ...params: ParamArgs<K>): Text {
  return params.length ? { key, params: params[0] } : { key };
}

export function isText(value: unknown): value is Text {
  return typeof value === 'object' && value !== null && typeof (value as Text).key === 'string' && Object.hasOwn(CATALOGUE, (value as Text).key);
}

export function render(message: Text, lang: Lang = DEFAULT_LANG): string {
  const entry = CATALOGUE[message.key] as Entry<unknown> | undefined;
  // A key from an older deployment (a stored run) that no longer exists: say so rather than crash.
  if (!entry) return message.key;
  const form = entry[lang];
  if (typeof form === 'string') return form;
  const params = message.params;
  if (typeof params !== 'object' || params === null) return form(params);
  const resolved: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) resolved[name] = isText(value) ? render(value, lang) : value;
  return form(resolved);
}

/**
 * `Accept-Language` → 'fr' | 'en' (RFC 9110 §12.5.4). French unless English is preferred over
 * French: the highest weight wins, and at equal weight the range listed first. `*` and any other
 * language count as French, the default; `q=0` means "not this one".
 */
export function negotiate(header: string | readonly string[] | undefined): Lang {
  const value = Array.isArray(header) ? header.join(',') : (header as string | undefined);
  if (!value) return DEFAULT_LANG;
  let best: { lang: Lang; q: number } | undefined;
  for (const part of value.split(',')) {
    const [range = '', ...parameters] = part.trim().split(';');
    const primary = range.trim().toLowerCase().split('-')[0];
    if (!primary) continue;
    const qParam = parameters.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    const lang: Lang | undefined = primary === 'en' ? 'en' : primary === 'fr' || primary === '*' ? 'fr' : undefined;
    if (lang && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? DEFAULT_LANG;
}

// Fields rendered from the catalogue, by field name, on objects headed for an API answer.
const TEXTS = Symbol('texts');
type WithTexts = { [TEXTS]?: Record<string, Text> };

/** Sets each named field to its French text and remembers the `Text` for `localise`. */
export function withTexts<T extends object>(target: T, fields: Partial<Record<keyof T & string, Text>>): T {
  const texts: Record<string, Text> = { ...(target as WithTexts)[TEXTS] };
  for (const [field, message] of Object.entries(fields) as [string, Text][]) {
    (target as Record<string, unknown>)[field] = render(message, DEFAULT_LANG);
    texts[field] = message;
  }
  Object.defineProperty(target, TEXTS, { value: texts, enumerable: false, configurable: true });
  return target;
}

/** The `Text`s `withTexts` recorded on an object (to store them beside the French, say). */
export function textsOf(target: object): Record<string, Text> {
  return { ...(target as WithTexts)[TEXTS] };
}

/**
 * The payload with every field `withTexts` marked written in `lang` (plain objects and arrays are
 * copied on the way, so that an object shared between answers is never changed). French needs
 * nothing: the fields already hold it.
 */
export function localise<T>(payload: T, lang: Lang): T {
  if (lang === DEFAULT_LANG) return payload;
  const walk = (value: unknown, depth: number): unknown => {
    if (typeof value !== 'object' || value === null || depth > 64) return value;
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1));
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value; // Dates, Buffers, streams: no text inside
    const texts = (value as WithTexts)[TEXTS];
    const copy: Record<string, unknown> = {};
    for (const [field, item] of Object.entries(value)) copy[field] = texts?.[field] ? render(texts[field], lang) : walk(item, depth + 1);
    return copy;
  };
  return walk(payload, 0) as T;
}
