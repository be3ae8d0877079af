import type { Thing } from './i18n/catalogue.js';
import { type Lang, render, type Text, text } from './i18n/index.js';

/**
 * Domain errors: plain classes that say what went wrong in the domain's words. Services throw
 * them; the one error handler (src/plugins/problem.ts) decides the HTTP status and writes the
 * RFC 9457 problem+json body. Nothing else in the code base builds an error response.
 *
 * Their words come from the message catalogue (src/i18n/): an error carries a `Text` (key and
 * params), never a raw string, so that the API can answer in the reader's language. `message`
 * is the French text — the contract the server-rendered pages rely on: they show
 * `error.message` as it is; the API renders `text` again in English when the request asks.
 * test/i18n/throw-sites.test.ts fails when an error is built from a raw string.
 */
export abstract class DomainError extends Error {
  /** Stable, machine-readable slug; becomes the problem `type`. */
  abstract readonly kind: string;
  constructor(
    /** What went wrong, for a person: `message` is its French rendering. */
    readonly text: Text,
    /** Extra members of the problem body (e.g. `rule`, `currentState`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(render(text, 'fr'));
    this.name = new.target.name;
  }

  /** The message in another language (the API's `Accept-Language`). */
  messageIn(lang: Lang): string {
    return render(this.text, lang);
  }
}

/** The caller is not authenticated, or its credentials are not valid. */
export class Unauthorized extends DomainError {
  readonly kind = 'unauthorized';
}

/** The caller's role may not do this (function-level authorisation). */
export class Forbidden extends DomainError {
  readonly kind = 'forbidden';
}

/**
 * No such object, or the caller may not know it exists (object-level authorisation): names the
 * thing (« Mission introuvable. ») or, when more can be said, a text of its own.
 */
export class NotFound extends DomainError {
  readonly kind = 'not-found';
  constructor(what: Thing | Text, extra?: Record<string, unknown>) {
    super(typeof what === 'string' ? text('notFound', { thing: what }) : what, extra);
  }
}

/** The request clashes with the current state (duplicate, invalid transition…). */
export class Conflict extends DomainError {
  readonly kind = 'conflict';
}

/** The thing existed but is no longer usable (expired or consumed one-time token). */
export class Gone extends DomainError {
  readonly kind = 'gone';
}

/** One invalid field: its dotted path and what is wrong with it. */
export interface FieldText {
  path: string;
  message: Text;
}

/** Well-formed input that the domain refuses for a reason other than a named rule. */
export class Invalid extends DomainError {
  readonly kind = 'invalid';
  constructor(
    message: Text,
    readonly fields: readonly FieldText[] = [],
  ) {
    super(message);
  }

  /** The invalid fields with their messages in French (or in `lang`). */
  errorsIn(lang: Lang): { path: string; message: string }[] {
    return this.fields.map((f) => ({ path: f.path, message: render(f.message, lang) }));
  }

  /** The invalid fields with their French messages, as the pages show them. */
  get errors(): { path: string; message: string }[] {
    return this.errorsIn('fr');
  }
}

/** A named rule of docs/rules.md refuses the request; `rule` is the rule's stable id. */
export class RuleViolation extends DomainError {
  readonly kind = 'rule-violation';
  constructor(
    readonly rule: string,
    message: Text,
    extra?: Record<string, unknown>,
  ) {
    super(message, extra);
  }
}

/** The If-Match version is stale: someone else changed the record meanwhile. */
export class PreconditionFailed extends DomainError {
  readonly kind = 'precondition-failed';
}

/** Too many attempts; `retryAfterSeconds` becomes the Retry-After header. */
export class TooManyRequests extends DomainError {
  readonly kind = 'too-many-requests';
  constructor(
    message: Text,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** A dependency (the database) is not answering; the request may be retried later. */
export class Unavailable extends DomainError {
  readonly kind = 'unavailable';
}
