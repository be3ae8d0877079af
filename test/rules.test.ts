import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import t from 'tap';
import { RULE_IDS, RULE_REGISTRY, type RuleId } from '../src/rules.js';
import { createTestDatabase } from './helpers/database.js';

/**
 * docs/rules.md, the registry (src/rules.ts) and the code name the same rules: every id the code
 * puts in a `rule` is registered, every registered id has its section in docs/rules.md (a heading
 * "### `id`") and every section is a registered id. A section states its rule's numbers, and the
 * database objects (constraints, indexes, tables) it names under "Database" exist.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const database = await createTestDatabase();
t.teardown(() => database.close());
const doc = readFileSync(join(root, 'docs', 'rules.md'), 'utf8');

/** The sections of docs/rules.md, by rule id: the text from the heading to the next heading. */
const sections = new Map<string, string>();
{
  const headings = [...doc.matchAll(/^### `([^`]+)`[^\n]*$/gm)];
  headings.forEach((h, i) => {
    const end = headings[i + 1]?.index ?? doc.length;
    const text = doc.slice(h.index, end).split(/^##? /m)[0]!;
    sections.set(h[1]!, text);
  });
}

/** The rule ids written in the code: `rule: 'x'` (and `rule: 'x' | 'y'` types), `new RuleViolation('x', …)`, `rule === 'x'`. */
function ruleIdsInCode(): Map<string, string> {
  const found = new Map<string, string>();
  const files = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    if (file === 'rules.ts') continue;
    const text = readFileSync(join(root, 'src', file), 'utf8');
    // `rule: 'a'`, and the types `rule: 'a' | 'b'`: every quoted id of the match.
    for (const m of text.matchAll(/\brule\??: ((?:'[a-z0-9-]+'\s*\|\s*)*'[a-z0-9-]+')/g)) {
      for (const id of m[1]!.matchAll(/'([a-z0-9-]+)'/g)) found.set(id[1]!, `src/${file}`);
    }
    for (const m of text.matchAll(/new RuleViolation\(\s*'([a-z0-9-]+)'|\brule\s*===?\s*'([a-z0-9-]+)'/g)) found.set((m[1] ?? m[2])!, `src/${file}`);
  }
  return found;
}

t.test('every rule id in the code is registered in src/rules.ts', async (t) => {
  const inCode = ruleIdsInCode();
  t.ok(inCode.size >= 10, `${inCode.size} ids found in src/`);
  for (const [id, file] of inCode) t.ok(RULE_IDS.includes(id as RuleId), `${id} (${file}) is in RULE_REGISTRY`);
});

t.test('docs/rules.md has a section for every registered rule, and none for an unregistered one', async (t) => {
  for (const id of RULE_IDS) t.ok(sections.has(id), `docs/rules.md has a section ### \`${id}\``);
  for (const id of sections.keys()) t.ok(RULE_IDS.includes(id as RuleId), `docs/rules.md's ${id} is in RULE_REGISTRY`);
});

t.test("each section states its rule's numbers", async (t) => {
  for (const [id, entry] of Object.entries(RULE_REGISTRY)) {
    const text = sections.get(id) ?? '';
    for (const [name, value] of Object.entries('numbers' in entry ? entry.numbers : {})) {
      t.match(text, new RegExp(`\\b${value}\\b`), `${id}: ${name} = ${value} is in its section`);
    }
  }
});

t.test('the database objects a section names exist', async (t) => {
  const names = new Set(
    (
      await sql<{ name: string }>`
        select conname as name from pg_constraint where connamespace = 'public'::regnamespace
        union select indexname from pg_indexes where schemaname = 'public'
        union select tablename from pg_tables where schemaname = 'public'
        union select tgname from pg_trigger where not tgisinternal`.execute(database.db)
    ).rows.map((r) => r.name),
  );
  let cited = 0;
  for (const [id, text] of sections) {
    // The bullet, continuation lines included, up to the next bullet.
    const line = /^- \*\*Database:\*\*([\s\S]*?)(?=^- |(?![\s\S]))/m.exec(text)?.[1];
    t.ok(line !== undefined, `${id}: its section has a "Database:" line`);
    for (const m of (line ?? '').matchAll(/`([a-z][a-z0-9_]*_[a-z0-9_]+)`/g)) {
      cited++;
      t.ok(names.has(m[1]!), `${id}: ${m[1]} exists in the migrated schema`);
    }
  }
  t.ok(cited >= 20, `${cited} constraints, indexes and tables cited`);
});

t.test('the checks of the migrations hold the registry’s numbers', async (t) => {
  // Migrations are frozen: when a number changes, a new migration changes the check, and this
  // test says which.
  const def = async (name: string) =>
    (await sql<{ def: string }>`select pg_get_constraintdef(oid) as def from pg_constraint where conname = ${name}`.execute(database.db)).rows[0]?.def ?? '';
  const { duration, 'weekly-hours': weekly, 'minor-hours': minor } = RULE_REGISTRY;
  t.match(await def('missions_duration_months_check'), `(duration_months >= ${duration.numbers.minMonths}) AND (duration_months <= ${duration.numbers.maxMonths})`);
  const weeklyCheck = await def('missions_weekly_hours');
  t.match(weeklyCheck, `weekly_hours <= ${weekly.numbers.max}`);
  t.match(weeklyCheck, `weekly_hours >= ${weekly.numbers.min}`);
  t.match(await def('missions_days_per_week_check'), `days_per_week <= ${weekly.numbers.maxDays}`);
  const minorCheck = await def('missions_minor_hours');
  t.match(minorCheck, `weekly_hours <= ${minor.numbers.weeklyHoursMax}`);
  t.match(minorCheck, `days_per_week <= ${minor.numbers.maxDays}`);
  t.match(minorCheck, `weekly_hours <= (${minor.numbers.maxHoursPerDay} * days_per_week)`);
});
