import type { ComponentChildren } from 'preact';
import type { z } from 'zod';
import { Conflict, DomainError, Invalid, RuleViolation } from '../errors.js';
import { zodIssueMessage } from '../i18n/validation.js';
import { STATUS_OF_KIND } from '../lib/problem.js';
import type { PageContext } from './render.js';

/**
 * Forms post back to their page. On an error the page is rendered again with what the person
 * typed (never a password) and each error beside its field (`aria-describedby`,
 * `aria-invalid`), plus a summary at the top linking to the fields. The texts of the errors
 * are the services' own messages (`error.message`) and zod's: one catalogue for the API and the
 * pages. The field names of a form are those of the API's body, so that the errors a service
 * names (`Invalid.errors[].path`, `Conflict`'s `field`) land beside the right field.
 */

/** What the person typed, by field: strings (a repeated field, such as checkboxes, gives several). */
export type FormValues = Readonly<Record<string, string | readonly string[]>>;

export interface FormErrors {
  /** By field name: the message shown beside the field. */
  readonly fields: Readonly<Record<string, string>>;
  /** Messages about no field in particular. */
  readonly general: readonly string[];
}

export interface FormState {
  readonly values: FormValues;
  readonly errors: FormErrors;
}

export const NO_ERRORS: FormErrors = Object.freeze({ fields: {}, general: [] });
export const EMPTY_FORM: FormState = Object.freeze({ values: {}, errors: NO_ERRORS });

export function hasErrors(errors: FormErrors): boolean {
  return errors.general.length > 0 || Object.keys(errors.fields).length > 0;
}

/** The posted fields as strings, without the CSRF token. */
export function formValues(body: unknown): FormValues {
  const values: Record<string, string | string[]> = {};
  if (!body || typeof body !== 'object') return values;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key === '_csrf') continue;
    if (typeof value === 'string') values[key] = value;
    else if (Array.isArray(value)) values[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return values;
}

export type FormParse<S extends z.ZodObject> = { ok: true; data: z.output<S> } | { ok: false; errors: FormErrors };

/**
 * Reads a form with a zod object schema (often the API body's): only the schema's fields are
 * taken, and an empty field is absent when the schema allows it to be (an optional name).
 */
export function parseForm<S extends z.ZodObject>(schema: S, values: FormValues): FormParse<S> {
  const input: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const value = values[key];
    if (value === undefined || (value === '' && field.safeParse(undefined).success)) continue;
    input[key] = value;
  }
  return checkInput(schema, input, Object.keys(schema.shape));
}

/**
 * `input` checked with a schema — the form's strings (parseForm), or values the page has already
 * typed (numbers, booleans, lists) — each issue in French beside the field its path names, when
 * that is one of `fields` (the page's; every name when absent), else at the top.
 */
export function checkInput<S extends z.ZodType>(schema: S, input: Record<string, unknown>, fields?: readonly string[]): { ok: true; data: z.output<S> } | { ok: false; errors: FormErrors } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const issue of result.error.issues) {
    const key = issue.path[0];
    // zod's own message is English, and a schema's custom one a catalogue key: the page says it in French.
    const message = zodIssueMessage(issue, 'fr');
    if (typeof key === 'string' && (!fields || fields.includes(key))) byField[key] ??= message;
    else general.push(message);
  }
  return { ok: false, errors: { fields: byField, general } };
}

/**
 * A service's refusal as form errors: the fields it names, else `field` (where the page knows
 * the error belongs, e.g. the password of a sign-in), else a general message.
 */
export function domainErrors(error: DomainError, field?: string): FormErrors {
  if (error instanceof Invalid && error.errors.length > 0) {
    const fields: Record<string, string> = {};
    // One field named: the service's whole sentence reads best beside it.
    if (error.errors.length === 1) fields[error.errors[0]!.path] = error.message;
    else for (const e of error.errors) fields[e.path] ??= e.message;
    return { fields, general: [] };
  }
  // A conflict or a rule may name its field (the mission service says which field breaks a rule).
  const named = (error instanceof Conflict || error instanceof RuleViolation) && typeof error.extra.field === 'string' ? error.extra.field : field;
  return named ? { fields: { [named]: error.message }, general: [] } : { fields: {}, general: [error.message] };
}

/** The HTTP status of a form sent back with a service's refusal (the API's for the same error). */
export function statusOf(error: DomainError): number {
  return STATUS_OF_KIND[error.kind] ?? 500;
}

export { DomainError };

/** A field's id: `champ-<name>`, which the error summary links to. */
export const fieldId = (name: string) => `champ-${name}`;

/** The ids a field's `aria-describedby` names: its hint's, its error's. */
export function describedByOf(id: string, hint: unknown, error: string | undefined): string | undefined {
  return [hint ? `${id}-aide` : '', error ? `${id}-erreur` : ''].filter(Boolean).join(' ') || undefined;
}

/** A field's hint and error paragraphs (`<id>-aide`, `<id>-erreur`), which `describedByOf` names. */
export function FieldNotes(props: { id: string; hint?: ComponentChildren; error?: string | undefined }) {
  return (
    <>
      {props.hint ? (
        <p class="hint" id={`${props.id}-aide`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={`${props.id}-erreur`}>
          <span class="visually-hidden">Erreur : </span>
          {props.error}
        </p>
      ) : null}
    </>
  );
}

/** A field's frame: its label (« facultatif » unless required), hint and error, then the control. */
export function FieldFrame(props: { form: FormState; name: string; label: string; hint?: string | undefined; required?: boolean | undefined; children: ComponentChildren }) {
  const id = fieldId(props.name);
  const error = props.form.errors.fields[props.name];
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required ? null : <span class="optional"> (facultatif)</span>}
      </label>
      <FieldNotes id={id} hint={props.hint} error={error} />
      {props.children}
    </div>
  );
}

/** A form posting back with its CSRF token; `novalidate`: the server's messages are the ones shown. */
export function Form(props: { ctx: PageContext; action: string; children: ComponentChildren; class?: string }) {
  return (
    <form method="post" action={props.action} novalidate class={props.class}>
      <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
      {props.children}
    </form>
  );
}

/** The list of errors at the top of a form, each linking to its field. */
export function ErrorSummary(props: { errors: FormErrors; labels: Readonly<Record<string, string>> }) {
  if (!hasErrors(props.errors)) return null;
  const count = props.errors.general.length + Object.keys(props.errors.fields).length;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{count === 1 ? 'Le formulaire contient une erreur' : `Le formulaire contient ${count} erreurs`}</h2>
      <ul>
        {props.errors.general.map((message) => (
          <li>{message}</li>
        ))}
        {Object.entries(props.errors.fields).map(([name, message]) => (
          <li>
            <a href={`#${fieldId(name)}`}>
              {props.labels[name] ?? name} : {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  form: FormState;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'date' | 'tel' | 'number' | 'search';
  hint?: string;
  autocomplete?: string;
  required?: boolean;
}

/**
 * A labelled input with its hint and its error, linked by `aria-describedby`. A password field
 * is never filled back: what was typed there is not sent to the browser again.
 */
export function Field(props: FieldProps) {
  const id = fieldId(props.name);
  const error = props.form.errors.fields[props.name];
  const value = props.type === 'password' ? undefined : props.form.values[props.name];
  return (
    <FieldFrame form={props.form} name={props.name} label={props.label} hint={props.hint} required={props.required}>
      <input
        id={id}
        name={props.name}
        // preact types each input type apart; this one component renders them all.
        type={(props.type ?? 'text') as 'text'}
        value={typeof value === 'string' ? value : undefined}
        autocomplete={props.autocomplete}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedByOf(id, props.hint, error)}
      />
    </FieldFrame>
  );
}
