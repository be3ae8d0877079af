import { z } from 'zod';
import { CATALOGUE } from './catalogue.js';
import { type Lang, type MessageKey, type ParamsOf, render, type Text, text } from './index.js';

/**
 * Validation messages (zod 4, through fastify-type-provider-zod) in the reader's language.
 *
 * zod writes its messages once, at parse time, in English (its global locale); the language of
 * the request is only known when the error is answered. So the problem handler writes each issue
 * again from its code and params (which the type provider keeps) — not through a global
 * `z.config(z.locales.fr())`, which would give one language to every request. The common codes
 * have plain messages of our own in the catalogue; the rare ones fall back on zod's own locale
 * (`z.locales.fr()`/`z.locales.en()`). A schema's custom message (`.refine`, `addIssue`,
 * `.regex(…, message)`) is a catalogue key, written with `fieldMessage`.
 */

type FieldKey = Extract<MessageKey, `field.${string}`>;

/**
 * A schema's custom message: the key of a `field.*` message of the catalogue, rendered per
 * request; its params, if any, travel in the message as JSON after the key.
 */
export function fieldMessage<K extends FieldKey>(key: K, ...params: [ParamsOf<K>] extends [undefined] ? [] : [ParamsOf<K>]): string {
  return textMessage(params.length ? { key, params: params[0] } : { key });
}

/** `fieldMessage` for a `Text` already made (a `field.*` key). */
export function textMessage(message: Text): string {
  return message.params === undefined ? message.key : `${message.key} ${JSON.stringify(message.params)}`;
}

/** The `Text` a `fieldMessage` wrote, or undefined for any other message. */
function customText(message: string | undefined): Text | undefined {
  if (message === undefined) return undefined;
  const space = message.indexOf(' ');
  const key = space < 0 ? message : message.slice(0, space);
  if (!Object.hasOwn(CATALOGUE, key) || !key.startsWith('field.')) return undefined;
  if (space < 0) return { key: key as MessageKey };
  try {
    return { key: key as MessageKey, params: JSON.parse(message.slice(space + 1)) as unknown };
  } catch {
    return undefined;
  }
}

/** An issue as the type provider hands it to the error handler. */
export interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string | undefined;
  params: Record<string, unknown>;
}

const locales = { fr: z.locales.fr(), en: z.locales.en() };
const quoted = (values: readonly unknown[]) => values.map((v) => (typeof v === 'string' ? `« ${v} »` : String(v))).join(', ');

/** The text of one issue (its field's path aside). */
export function issueText(issue: ValidationIssue): Text | string {
  const p = issue.params;
  // A custom message of a schema is a catalogue key (fieldMessage).
  const custom = customText(issue.message);
  if (custom) return custom;
  switch (issue.keyword) {
    case 'invalid_type':
      // zod 4 keeps no input in the issue; its English message says when nothing was sent.
      if (/received undefined$/.test(issue.message ?? '')) return text('field.required');
      return text('field.wrongType', { expected: String(p.expected) });
    case 'invalid_value': {
      const values = (p.values as unknown[] | undefined) ?? [];
      return values.length === 1 ? text('field.equals', { value: quoted(values) }) : text('field.oneOf', { values: quoted(values) });
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.keyword === 'too_small';
      const bound = (small ? p.minimum : p.maximum) as number | bigint;
      const exact = p.exact === true;
      if (p.origin === 'string') return small ? text('field.tooShort', { minimum: Number(bound), exact }) : text('field.tooLong', { maximum: Number(bound), exact });
      if (p.origin === 'array' || p.origin === 'set') return small ? text('field.tooFewItems', { minimum: Number(bound) }) : text('field.tooManyItems', { maximum: Number(bound) });
      const inclusive = p.inclusive !== false;
      return small ? text('field.tooSmall', { minimum: String(bound), inclusive }) : text('field.tooBig', { maximum: String(bound), inclusive });
    }
    case 'invalid_format':
      return p.format === 'regex' ? text('field.pattern') : text('field.format', { format: String(p.format) });
    case 'not_multiple_of':
      return text('field.multipleOf', { divisor: String(p.divisor) });
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return text('field.invalid');
    case 'custom':
      return issue.message ?? text('field.invalid');
    default:
      // Anything else: zod's own locale, from the same params.
      return issue.message ?? text('field.invalid');
  }
}

/** The issue in `lang`; a code the catalogue does not know goes through zod's locale of `lang`. */
export function issueMessage(issue: ValidationIssue, lang: Lang): string {
  const message = issueText(issue);
  if (typeof message !== 'string') return render(message, lang);
  if (issue.keyword === 'custom') return message;
  const raw = { ...issue.params, code: issue.keyword, path: [], input: undefined } as unknown as Parameters<(typeof locales)['fr']['localeError']>[0];
  const localised = locales[lang].localeError(raw);
  return (typeof localised === 'string' ? localised : localised?.message) ?? message;
}

/** A zod issue met outside a route's validation (a page reading a form) in `lang`, as the API's problem handler writes it. */
export function zodIssueMessage(issue: z.core.$ZodIssue, lang: Lang): string {
  const { code, path: _path, message, ...params } = issue as unknown as { code: string; path: unknown; message: string } & Record<string, unknown>;
  return issueMessage({ keyword: code, instancePath: '', message, params }, lang);
}
