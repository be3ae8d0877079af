import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';
import type { Extra } from 'tap';

/**
 * axe-core on the page under test. The pages' CSP is `script-src 'self'` with no inline script,
 * and it stays so here: axe's source is evaluated through the DevTools protocol
 * (`page.evaluate(source)`), which the page's CSP does not govern, rather than added as a
 * <script> (which the CSP refuses) or with a context that bypasses the CSP (`bypassCSP`) — that
 * would also let an inline script of the console run in the tests and hide it. The page is
 * checked exactly as a visitor gets it, and a CSP refusal still shows (harness.ts counts it).
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The impacts that fail a test; minor and moderate ones are listed as a comment. */
export const BLOCKING_IMPACTS: readonly string[] = ['serious', 'critical'];

export interface AxeOptions {
  /** CSS selectors of parts of the page that are not ours (a third-party widget) to leave out. */
  exclude?: string[];
  /** axe's run options; by default its standard rules (WCAG 2.0–2.2 A and AA, best practices). */
  run?: RunOptions;
}

/** axe's results for the page as it is now (only the violations are detailed). */
export async function axeResults(page: Page, options: AxeOptions = {}): Promise<AxeResults> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  const run: RunOptions = { resultTypes: ['violations'], ...options.run };
  return page.evaluate(
    async ({ exclude, run }) => {
      // Runs in the page: `axe` is the global the source above defined.
      const page = globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResults> }; document: unknown };
      return page.axe.run(exclude.length > 0 ? { exclude } : page.document, run);
    },
    { exclude: options.exclude ?? [], run },
  );
}

export interface Violation {
  rule: string;
  impact: string;
  help: string;
  helpUrl: string;
  /** The CSS selectors of the offending elements. */
  targets: string[];
}

export function violationsOf(results: Pick<AxeResults, 'violations'>): Violation[] {
  return results.violations.map((v: Result) => ({
    rule: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map((node) => node.target.map(String).join(' ')),
  }));
}

/** One violation in a line: `label (critical): Form elements must have labels — input#email, … (https://…)`. */
export function describeViolation(v: Violation): string {
  return `${v.rule} (${v.impact}): ${v.help} — ${v.targets.join(', ')} (${v.helpUrl})`;
}

/** What expectAccessible needs of tap's `t` (a recorder stands in for it in axe.test.ts). */
export interface Asserter {
  ok(value: unknown, message: string, extra: Extra): boolean;
  comment(...args: unknown[]): void;
}

/**
 * One assertion: no `serious` or `critical` axe violation on the page as it is now. On failure
 * the assertion's name lists the rules, and its diagnostic (printed by tap under the failure)
 * each violation: rule, impact, help, targets, help URL, and a one-line summary of it. Call it
 * on every page, and again after a step changes the page (an error shown beside a field, a
 * panel opened). Returns axe's results.
 */
export async function expectAccessible(t: Asserter, page: Page, options: AxeOptions = {}): Promise<AxeResults> {
  const results = await axeResults(page, options);
  const violations = violationsOf(results);
  const blocking = violations.filter((v) => BLOCKING_IMPACTS.includes(v.impact));
  const others = violations.filter((v) => !BLOCKING_IMPACTS.includes(v.impact));
  const where = new URL(page.url()).pathname;
  if (others.length > 0) t.comment(`axe on ${where}, not blocking: ${others.map((v) => `${v.rule} (${v.impact})`).join(', ')}`);
  t.ok(
    blocking.length === 0,
    blocking.length === 0
      ? `axe: no serious or critical violation on ${where}`
      : `axe on ${where}: ${blocking.map((v) => `${v.rule} (${v.impact})`).join(', ')}`,
    blocking.length === 0 ? {} : { violations: blocking, summary: blocking.map(describeViolation) },
  );
  return results;
}
