/**
 * `npm run test:browser [-- files or tap options]`: the browser tests (test/browser/**\/*.test.ts),
 * which `npm test` leaves out (.taprc excludes the folder). With no file named, all of them;
 * `npm run test:browser -- test/browser/smoke.test.ts` runs that one (a glob works too; not a
 * folder, which would run the harness's modules as tests). Options go in their `--name=value`
 * form (`-- --grep=docs`), so that their values are not taken for files.
 *
 * One file at a time (each drives a Chromium of its own beside its app, and two cores are
 * shared), each within 10 minutes (a journey at two viewports is long), and without `.taprc`'s
 * coverage floors: these files exercise the pages end to end,
 * the inject suite measures coverage. `before` is test/browser/before.ts: it stops the run at
 * once, with one line, when Chromium is missing, then builds the template database as the main
 * suite does.
 *
 * Plain JavaScript, like the other scripts, so that it needs no loader of its own.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const tapPackage = require.resolve('tap/package.json');
const tapBin = join(dirname(tapPackage), JSON.parse(readFileSync(tapPackage, 'utf8')).bin.tap);

const args = process.argv.slice(2);
// A folder would run every file in it, the harness's modules too: the default is a glob.
const namesFiles = args.some((arg) => !arg.startsWith('-'));

const result = spawnSync(
  process.execPath,
  [tapBin, '--disable-coverage', '--jobs=1', '--timeout=600', '--before=test/browser/before.ts', ...args, ...(namesFiles ? [] : ['test/browser/**/*.test.ts'])],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      // tap records coverage of its `before` script whatever --disable-coverage says, and the
      // floors of .taprc would then fail the run on the template's migrations alone: no
      // coverage is recorded at all (test/helpers/child-env.ts does the same for servers).
      _TAPJS_PROCESSINFO_COVERAGE_: '0',
      // .taprc's `after` (test/browser/notice.ts) then stays quiet: this is the browser run.
      BINOME_BROWSER_RUN: '1',
    },
  },
);
process.exit(result.status ?? 1);
