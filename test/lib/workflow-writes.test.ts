import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import t from 'tap';
import ts from 'typescript';
import type { WorkflowTable } from '../../src/lib/workflow.js';
import { createTestDatabase } from '../helpers/database.js';

/**
 * Every status change goes through the transition engine (src/lib/workflow.ts): this test reads
 * the source of src/ and fails on any other write of a workflow table's `status` — a Kysely
 * `updateTable('<table>').set({ status … })`, an insert-or-update `doUpdateSet`, or raw SQL.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const ENGINE = 'src/lib/workflow.ts';

/** The tables with a workflow; `WorkflowTable` in the engine must say the same. */
const WORKFLOWS: readonly WorkflowTable[] = ['applications', 'missions', 'editions', 'forums', 'binomes', 'mediation_projects'];
/** Tables with a status column that is not a workflow, and why. */
const NOT_WORKFLOWS: Record<string, string> = {
  outbox: 'a delivery state (pending, sending, sent, failed) that the sending worker keeps; no person moves it',
  info_registrations:
    'a place in a session’s line (registered, waiting, cancelled), moved by registering, cancelling and the promotion of the first in line, under the session’s lock and its capacity check',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The writes of a `status` outside the engine, as "file:line what". */
function statusWrites(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const where = (node: ts.Node) => `${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const setsStatus = (arg: ts.Expression | undefined): boolean => {
    if (!arg) return false;
    if (ts.isParenthesizedExpression(arg)) return setsStatus(arg.expression);
    if (ts.isArrowFunction(arg) || ts.isFunctionExpression(arg)) {
      const body = arg.body;
      if (ts.isBlock(body)) return body.statements.some((s) => ts.isReturnStatement(s) && setsStatus(s.expression));
      return setsStatus(body);
    }
    if (ts.isConditionalExpression(arg)) return setsStatus(arg.whenTrue) || setsStatus(arg.whenFalse);
    if (ts.isObjectLiteralExpression(arg)) {
      return arg.properties.some(
        (p) =>
          ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name.getText(source).replace(/['"]/g, '') === 'status') ||
          (ts.isSpreadAssignment(p) && setsStatus(p.expression)),
      );
    }
    return false;
  };
  /** The table a chain of calls starts from: `db.updateTable('missions').set(…)` → missions. */
  const tableOf = (node: ts.Expression): string | undefined => {
    let current: ts.Expression = node;
    while (ts.isCallExpression(current) || ts.isPropertyAccessExpression(current)) {
      if (ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression)) {
        const name = current.expression.name.text;
        if ((name === 'updateTable' || name === 'insertInto') && current.arguments[0] && ts.isStringLiteralLike(current.arguments[0])) {
          return current.arguments[0].text.split(/\s+/)[0];
        }
      }
      current = ts.isCallExpression(current) ? current.expression : current.expression;
    }
    return undefined;
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      if (method === 'set' || method === 'doUpdateSet') {
        let table = tableOf(node.expression.expression);
        // `insertInto('t').onConflict((oc) => oc….doUpdateSet(…))`: the table is the enclosing chain's.
        for (let up: ts.Node | undefined = node.parent; !table && up; up = up.parent) {
          if (ts.isCallExpression(up)) table = tableOf(up);
        }
        if (table && table in NOT_WORKFLOWS === false && setsStatus(node.arguments[0])) found.push(`${where(node)} ${method}({ status }) on ${table}`);
      }
    }
    // Raw SQL: `update <table> set … status =`.
    if (ts.isTaggedTemplateExpression(node) && node.tag.getText(source) === 'sql') {
      const text = node.template.getText(source);
      const update = /update\s+"?(\w+)"?[\s\S]*?\bset\b([\s\S]*)/i.exec(text);
      if (update && WORKFLOWS.includes(update[1] as WorkflowTable) && /\bstatus\s*=/.test(update[2]!)) found.push(`${where(node)} raw SQL update of ${update[1]}.status`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

t.test('no status is written outside the transition engine', async (t) => {
  const files = sourceFiles(join(root, 'src')).filter((f) => relative(root, f) !== ENGINE);
  t.ok(files.length > 50, `${files.length} files read`);
  const writes = files.flatMap((f) => statusWrites(f, readFileSync(f, 'utf8')));
  t.same(writes, [], 'every status change goes through move() in src/lib/workflow.ts');
});

t.test('the check catches the writes it is meant to catch', async (t) => {
  const samples = [
    "db.updateTable('missions').set({ status: 'closed' }).where('id', '=', id)",
    "db.updateTable('binomes as b').set((eb) => ({ status: to, version: eb('version', '+', 1) }))",
    "db.updateTable('applications').set({ ...fields, status: move.to })",
    "db.updateTable('forums').set(flag ? { status: 'closed' } : { title })",
    "db.insertInto('editions').values(v).onConflict((oc) => oc.column('id').doUpdateSet({ status: 'closed' }))",
    'sql`update missions set places = 2, status = ${to} where id = ${id}`',
  ];
  for (const sample of samples) t.equal(statusWrites('sample.ts', sample).length, 1, sample);
  const allowed = [
    "db.updateTable('missions').set({ places: 3 })",
    "db.updateTable('outbox').set({ status: 'sent' })",
    "db.selectFrom('missions').where('status', '=', 'published')",
    'sql`select status from missions`',
  ];
  for (const sample of allowed) t.equal(statusWrites('sample.ts', sample).length, 0, sample);
});

t.test('every table with a status column is a workflow, or says why not', async (t) => {
  const database = await createTestDatabase();
  t.teardown(() => database.close());
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where column_name = 'status' and table_schema = current_schema()
    order by table_name`.execute(database.db);
  t.same(rows.map((r) => r.table_name), [...WORKFLOWS, ...Object.keys(NOT_WORKFLOWS)].sort());
});
