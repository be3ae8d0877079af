import { accessSync, constants } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * Where the browser tests find Chromium — the one place that decides it (the browser tests'
 * launch, their `before` check, the notice `npm test` prints, and `.ci/run` through the command
 * below all ask here). Debian's package (`apt-get install -y chromium`) puts it at
 * /usr/bin/chromium; BINOME_CHROMIUM names another executable, and then only that one is tried.
 * Playwright never downloads a browser here (none is reachable): playwright-core drives this one.
 */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export type ChromiumLookup = { found: true; path: string } | { found: false; path: string; reason: string };

export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const given = env.BINOME_CHROMIUM?.trim();
  const path = given || DEFAULT_CHROMIUM;
  try {
    accessSync(path, constants.X_OK);
    return { found: true, path };
  } catch {
    return {
      found: false,
      path,
      reason: given ? `BINOME_CHROMIUM=${given} is not an executable file` : `no Chromium at ${DEFAULT_CHROMIUM} (set BINOME_CHROMIUM to use another one)`,
    };
  }
}

/** What to do about a missing Chromium, in one sentence. */
export const HOW_TO_RUN = 'apt-get install -y chromium, then npm run test:browser';

// `npx tsx test/browser/chromium.ts` prints the path and exits 0, or the reason and exits 1
// (.ci/run asks this before deciding to install Chromium).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const lookup = findChromium();
  if (lookup.found) process.stdout.write(`${lookup.path}\n`);
  else console.error(lookup.reason);
  process.exit(lookup.found ? 0 : 1);
}
