import { createRequire } from 'node:module';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { z } from 'zod';
import { Invalid } from '../errors.js';
import { type ParamsOf, render, type Text, text } from '../i18n/index.js';
import { textMessage } from '../i18n/validation.js';

/**
 * Password rules (docs/rules.md, "API security"; NIST SP 800-63B §3.1.1.2): a length window and
 * a strength estimate. No composition rules: they push people to weaker, predictable passwords.
 * The estimate is zxcvbn-ts's (score 0–4, from the guesses an attacker would need), with its
 * common dictionaries (the ranked list of common passwords, keyboard layouts) and the French ones
 * (words, first names, last names, Wikipedia), and its French feedback for the refusal. A score
 * of 3 or more passes: `cheval-agrafe-batterie-correcte` does, `Marseille2024` does not.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_MIN_SCORE = 3;

/**
 * The dictionaries weigh some 4 MB of JavaScript and the estimator takes ~150 ms more to rank
 * them: loaded at start they would cost every start (issue 11: `npm start` ≤ 2× a bare PGlite
 * reopen) for a check that only sign-ups and password changes make. So they are loaded on the
 * first check, synchronously, with `require`:
 * - synchronous, because zod runs `passwordSchema`'s refinement synchronously (the type provider
 *   and the pages' `parseForm` call `safeParse`); an async refinement would throw there, and
 *   a warm-up after listening would take the same time out of the event loop at start anyway;
 * - through `createRequire`, not `import()`: esbuild inlines a static `import()` into the server
 *   bundle (scripts/build.js), which would put the dictionaries back in the file Node parses at
 *   start. A `require` made by `createRequire` is opaque to esbuild, so the packages stay in
 *   node_modules and are read from there, by the built server (the bundle's `import.meta.url` of
 *   this module is that of dist/src/lib/password-policy.js) as by tsx in the tests.
 * The first check blocks the event loop ~250 ms, once per process.
 */
let estimator: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  if (estimator) return estimator;
  const load = createRequire(import.meta.url);
  const core = load('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const common = load('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const fr = load('@zxcvbn-ts/language-fr') as typeof import('@zxcvbn-ts/language-fr');
  estimator = new core.ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...fr.dictionary },
    graphs: common.adjacencyGraphs,
    translations: fr.translations,
  });
  return estimator;
}

/**
 * zxcvbn's French sentences as our texts write French (test/i18n/catalogue.test.ts): guillemets
 * rather than straight quotes (`'aaa'` → « aaa »; its warnings and suggestions have no
 * apostrophe), « par exemple » rather than « ex: », and a full stop at the end of each.
 */
export function frenchSentence(sentence: string): string {
  const quoted = sentence
    .trim()
    .replace(/'([^']+)'/g, '« $1 »')
    .replace(/\(ex: /g, '(par exemple ');
  return /[.!?]$/.test(quoted) ? quoted : `${quoted}.`;
}

/**
 * What is known of the person (e-mail, first and last names) as words a password should not lean
 * on: each value, and its parts (the e-mail's local part, its pieces, each word of a name, and
 * those words run together: `jeandupont`), lowercased by zxcvbn. Parts shorter than three letters are left out: they would match anywhere.
 */
function personalWords(inputs: readonly (string | null | undefined)[]): string[] {
  const words = new Set<string>();
  for (const input of inputs) {
    const value = input?.trim();
    if (!value) continue;
    words.add(value);
    const [local, domain] = value.split('@');
    const separators = /[\s._+-]+/;
    for (const part of [local, local?.replace(new RegExp(separators, 'g'), ''), domain?.split('.')[0], ...(local ?? '').split(separators)]) {
      if (part && [...part].length >= 3) words.add(part);
    }
  }
  return [...words];
}

/**
 * Why the password is refused (a catalogue text), or undefined when it is acceptable.
 * `personal`: the person's e-mail and names where the caller knows them, so that a password built
 * on them scores lower (`Dupont2024!` for Jean Dupont), and is refused if what remains is simple.
 */
export function passwordRefusal(password: string, personal: readonly (string | null | undefined)[] = []): Text | undefined {
  // Length in code points, so that a password of emoji is measured as a person counts it.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return text('field.tooShort', { minimum: PASSWORD_MIN_LENGTH });
  if (length > PASSWORD_MAX_LENGTH) return text('field.tooLong', { maximum: PASSWORD_MAX_LENGTH });
  const result = zxcvbn().check(password, personalWords(personal));
  if (result.score >= PASSWORD_MIN_SCORE) return undefined;
  const { warning, suggestions } = result.feedback;
  return text('field.weakPassword', {
    warning: warning ? frenchSentence(warning) : '',
    suggestions: suggestions.map(frenchSentence),
  });
}

/** Why the password is refused, in English (the start-up checks of src/config.ts), or undefined. */
export function passwordProblem(password: string): string | undefined {
  const refusal = passwordRefusal(password);
  return refusal && render(refusal, 'en');
}

/**
 * The check again with what the service knows of the person (see `passwordRefusal`), once the
 * request's `passwordSchema` has passed: an `Invalid` (422) naming `field`, as the pages and the
 * problem handler show it beside the field. The schema alone cannot: the invitation's e-mail or the
 * account of a reset link are read from the database.
 */
export function assertPasswordFits(password: string, personal: readonly (string | null | undefined)[], field = 'password'): void {
  const refusal = passwordRefusal(password, personal);
  if (!refusal) return;
  // The sentence the pages show beside the field; the problem's `errors` has the field's own.
  const sentence =
    refusal.key === 'field.weakPassword'
      ? text('password.tooEasy', refusal.params as ParamsOf<'password.tooEasy'>)
      : text('password.length', { minimum: PASSWORD_MIN_LENGTH, maximum: PASSWORD_MAX_LENGTH });
  throw new Invalid(sentence, [{ path: field, message: refusal }]);
}

/** The password field of a request body: the rules above as a zod schema (400 naming the field). */
export const passwordSchema = z
  .string()
  .superRefine((value, ctx) => {
    const refusal = passwordRefusal(value);
    if (refusal) ctx.addIssue({ code: 'custom', message: textMessage(refusal) });
  })
  .describe(`${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, hard to guess (zxcvbn score ${PASSWORD_MIN_SCORE} or more)`);
