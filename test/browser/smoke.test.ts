import { existsSync, statSync } from 'node:fs';
import t from 'tap';
import { browserSuite, screenshot } from './harness.js';

// The harness end to end on what the app serves today: the real app on a fresh database, in
// Chromium, at both viewports, with a screenshot. The documentation page (Swagger UI) renders
// from the app's own scripts under its CSP and calls the API back for the OpenAPI document.
// (No axe here: Swagger UI is not ours, and it has serious violations — contrast, unlabelled
// selects; expectAccessible is for the console's pages, and axe.test.ts proves it.)

const suite = await browserSuite(t);

suite.atViewports(t, 'docs', async (t, page, viewport) => {
  const document = page.waitForResponse((response) => response.url().endsWith('/docs/json'));
  const response = await page.goto('/docs');
  t.equal(response?.status(), 200);
  t.equal((await document).status(), 200, 'the page fetched the OpenAPI document');
  await page.locator('.swagger-ui .info .title').filter({ hasText: 'Binôme API' }).waitFor();
  t.ok(await page.getByText('/auth/login', { exact: true }).first().isVisible(), 'the operations are listed');
  t.equal(await page.evaluate('screen.width'), viewport.width, `on a screen ${viewport.width} px wide`);

  const path = await screenshot(t, page);
  t.ok(path.endsWith(`test-results/screenshots/docs-${viewport.name}.png`) && existsSync(path) && statSync(path).size > 1000, `screenshot ${path}`);
});
