import { type DomainError, domainErrors, type FormErrors, type FormValues } from './forms.js';

/**
 * Reading forms whose API body holds numbers and booleans (parseForm reads strings): the page
 * converts what it can, and leaves the rest as typed so that the schema's own message refuses it.
 */

/** A typed whole number as a number; anything else as typed (the schema then says why). */
export function numberOrText(value: string | readonly string[] | undefined): number | string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  return /^-?\d{1,9}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** A field's value as one string ('' when absent or repeated). */
export function one(values: FormValues, name: string): string {
  const value = values[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** A service's refusal as form errors (forms.tsx's domainErrors), `rename` mapping an API field to the page's (the commune typed in words, say). */
export function refusalErrors(error: DomainError, rename: Readonly<Record<string, string>> = {}): FormErrors {
  const errors = domainErrors(error);
  const fields: Record<string, string> = {};
  for (const [name, message] of Object.entries(errors.fields)) fields[rename[name] ?? name] ??= message;
  return { fields, general: errors.general };
}
