import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverUrl, TEMPLATE_DUMP } from '../helpers/database.js';
import { findChromium, HOW_TO_RUN } from './chromium.js';

// The browser run's `before` (scripts/test-browser.js). Without Chromium it stops the run at
// once, with one line saying why and what to do, rather than failing every file. Then the
// migrated template database every file copies, as `npm test` builds it
// (test/helpers/prepare-template.ts) — except that on PGlite a dump newer than everything it is
// made of (the migrations, db/, the communes package) is kept: the browser files are run one
// at a time while they are written, and the dump costs 10–20 s to rebuild each time.
const lookup = findChromium();
if (!lookup.found) {
  console.error(`The browser tests cannot run: ${lookup.reason}. ${HOW_TO_RUN}.`);
  process.exit(1);
}

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The latest change under these paths, folders included (a file removed changes its folder). */
function latestChange(paths: string[]): number {
  let latest = 0;
  for (const path of paths) {
    const full = join(root, path);
    latest = Math.max(latest, statSync(full).mtimeMs);
    if (statSync(full).isDirectory()) {
      for (const entry of readdirSync(full, { recursive: true })) latest = Math.max(latest, statSync(join(full, String(entry))).mtimeMs);
    }
  }
  return latest;
}

const inputs = ['migrations', 'db', 'node_modules/@etalab/decoupage-administratif/package.json', 'package-lock.json'];
if (!serverUrl() && existsSync(TEMPLATE_DUMP) && statSync(TEMPLATE_DUMP).mtimeMs > latestChange(inputs)) {
  process.stdout.write(`test template: PGlite dump ${TEMPLATE_DUMP}, kept (newer than the migrations and db/)\n`);
} else {
  await import('../helpers/prepare-template.js');
}
