import { findChromium, HOW_TO_RUN } from './chromium.js';

// .taprc's `after`: `npm test` does not run the browser tests (test/browser/, excluded in
// .taprc); this says so in one line at the end of the run — whether they could run here and how.
if (!process.env.BINOME_BROWSER_RUN) {
  const lookup = findChromium();
  process.stdout.write(
    lookup.found
      ? `# browser tests (test/browser/) are not part of npm test: npm run test:browser runs them (Chromium: ${lookup.path})\n`
      : `# browser tests SKIPPED: ${lookup.reason}; to run them: ${HOW_TO_RUN}\n`,
  );
}
