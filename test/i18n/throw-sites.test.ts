import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import ts from 'typescript';
import { THINGS } from '../../src/i18n/catalogue.js';

/**
 * No text a person reads bypasses the catalogue (src/i18n/): this test reads the source of src/
 * and fails on a domain error built from a raw string (`new Conflict('…')`, a template, a
 * concatenation), on a field error whose message is a raw string (`{ path, message: '…' }`
 * given to `Invalid`), and on a schema's custom validation message written as a raw string
 * (`.refine(…, '…')`, `.regex(…, '…')`, `addIssue({ message: '…' })`) — those must be
 * `text(key)` / `fieldMessage(key)`. The types already refuse most of these (the constructors
 * take a `Text`); this catches what a cast would let through.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const ERRORS = ['DomainError', 'Unauthorized', 'Forbidden', 'NotFound', 'Conflict', 'Gone', 'Invalid', 'RuleViolation', 'PreconditionFailed', 'TooManyRequests', 'Unavailable'];
/** src/config.ts validates the environment at start-up: its messages are for the operator's log, in English. */
const EXEMPT = new Set(['src/config.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const isRawString = (node: ts.Node): boolean =>
  ts.isStringLiteral(node) ||
  ts.isNoSubstitutionTemplateLiteral(node) ||
  ts.isTemplateExpression(node) ||
  (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken && (isRawString(node.left) || isRawString(node.right))) ||
  (ts.isParenthesizedExpression(node) && isRawString(node.expression)) ||
  (ts.isConditionalExpression(node) && (isRawString(node.whenTrue) || isRawString(node.whenFalse)));

/** The raw texts of a file, as "file:line what". */
function rawTexts(file: string, source: string): string[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const where = (node: ts.Node) => `${relative(root, file)}:${tree.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  /** `message: '…'` anywhere inside an expression (the field errors of Invalid). */
  const rawMessages = (node: ts.Node) => {
    const visit = (n: ts.Node) => {
      if (ts.isPropertyAssignment(n) && n.name.getText(tree) === 'message' && isRawString(n.initializer)) found.push(`${where(n)} a raw field message`);
      ts.forEachChild(n, visit);
    };
    visit(node);
  };
  const visit = (node: ts.Node) => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && ERRORS.includes(node.expression.text)) {
      const args = node.arguments ?? [];
      // RuleViolation(rule, text, extra): the text is the second argument; the others, the first.
      const textArg = node.expression.text === 'RuleViolation' ? args[1] : args[0];
      // NotFound('mission') names a thing of the catalogue (THINGS), not a text.
      const thing = node.expression.text === 'NotFound' && textArg && ts.isStringLiteral(textArg) && Object.hasOwn(THINGS, textArg.text);
      if (textArg && isRawString(textArg) && !thing) found.push(`${where(node)} new ${node.expression.text} with a raw string`);
      if (node.expression.text === 'Invalid' && args[1]) rawMessages(args[1]);
      if (node.expression.text === 'NotFound' && args[1]) rawMessages(args[1]);
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const message = method === 'refine' || method === 'regex' ? node.arguments[1] : undefined;
      if (message && isRawString(message)) found.push(`${where(node)} .${method}() with a raw message`);
      if (message && ts.isObjectLiteralExpression(message)) rawMessages(message);
      if (method === 'addIssue' && node.arguments[0]) rawMessages(node.arguments[0]);
    }
    // A list of field errors built before the throw: `errors.push({ path, message: '…' })`.
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'push') {
      for (const arg of node.arguments) if (ts.isObjectLiteralExpression(arg) && arg.properties.some((p) => p.name?.getText(tree) === 'path')) rawMessages(arg);
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

t.test('every domain error and validation message comes from the catalogue', async (t) => {
  const files = sourceFiles(join(root, 'src')).filter((f) => !EXEMPT.has(relative(root, f)));
  const found = files.flatMap((file) => rawTexts(file, readFileSync(file, 'utf8')));
  t.same(found, [], 'no raw text: use text(key) or fieldMessage(key) (src/i18n/)');
  t.ok(files.length > 50, `${files.length} files read`);
});

t.test('the scan finds what it looks for', async (t) => {
  const sample = [
    "throw new Conflict('The edition is closed');",
    'throw new NotFound(`Commune ${code}`);',
    "throw new RuleViolation('age-min', 'Too young');",
    "throw new Invalid(text('x'), [{ path: 'a', message: 'is wrong' }]);",
    "z.string().regex(/a/, 'must be a');",
    "z.object({}).refine((b) => b, { message: 'no', path: ['a'] });",
    "ctx.addIssue({ code: 'custom', message: 'no' });",
    "errors.push({ path: 'reach', message: 'is required' });",
    "throw new Conflict(text('edition.closed'));",
    "throw new NotFound('mission');",
  ].join('\n');
  const found = rawTexts(join(root, 'sample.ts'), sample).map((f) => f.replace(/^sample\.ts:/, ''));
  t.same(found, [
    '1 new Conflict with a raw string',
    '2 new NotFound with a raw string',
    '3 new RuleViolation with a raw string',
    '4 a raw field message',
    '5 .regex() with a raw message',
    '6 a raw field message',
    '7 a raw field message',
    '8 a raw field message',
    // Lines 9 and 10 are what the code does: a text, and a thing of the catalogue.
  ]);
});
