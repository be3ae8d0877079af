import t from 'tap';
import { DEMO_ACCOUNTS, seedDemo } from '../../db/demo.js';
import { expectAccessible } from './axe.js';
import { A4_PORTRAIT_SHEET, expectInsideSheet, isA4Portrait, printedSheets } from './a4.js';
import { browserSuite, DESKTOP, expectNoPageErrors, screenshot } from './harness.js';

// On the seeded Artois demo, a coordinator opens edition 1's report: vega's charts and their
// tables, the A4 version for the elected officials, and edition 1 beside edition 2.

const suite = await browserSuite(t);
await seedDemo(suite.db);
const coordinator = DEMO_ACCOUNTS.find((a) => a.role === 'coordinator')!;
const edition1 = await suite.db.selectFrom('editions').select('id').where('label', '=', 'Édition 1').executeTakeFirstOrThrow();


suite.atViewports(t, 'a coordinator reads edition 1’s report, prints it and compares it with edition 2', async (t, page) => {
  await page.goto(`/connexion?next=${encodeURIComponent('/gestion/bilans')}`);
  await page.getByLabel('Adresse e-mail').fill(coordinator.email);
  await page.getByLabel('Mot de passe').fill(coordinator.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => url.pathname === '/gestion/bilans');
  await expectAccessible(t, page);

  await page.getByRole('link', { name: 'Parcours Artistique et Culturel en Artois — Édition 1' }).click();
  await page.waitForURL((url) => url.pathname === `/gestion/editions/${edition1.id}/bilan`);
  const charts = page.locator('figure.report-chart svg.marks');
  t.equal(await charts.count(), 5, 'five charts');
  t.ok(await page.getByRole('img', { name: /Personnes touchées par type de public/ }).isVisible(), 'the publics reached, as a chart');
  t.ok(await page.getByRole('img', { name: /Personnes touchées par lieu/ }).isVisible(), 'the venues visited');
  t.ok(await page.getByRole('table', { name: 'Personnes touchées par lieu' }).getByText('Culture Commune').isVisible());
  await expectAccessible(t, page);
  await screenshot(t, page, `${t.name} report`);

  await page.getByRole('link', { name: 'Version à imprimer (A4)' }).click();
  await page.waitForURL((url) => url.pathname === `/gestion/editions/${edition1.id}/bilan/imprimer`);
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize(A4_PORTRAIT_SHEET);
  t.notOk(await page.locator('.site-header').isVisible(), 'printed without the header');
  t.notOk(await page.locator('.site-footer').isVisible(), 'without the footer');
  t.notOk(await page.locator('.breadcrumb').isVisible(), 'without the way back');
  await expectInsideSheet(t, page);
  const boxes = await printedSheets(page);
  t.ok(boxes.length >= 7, `a section per sheet at least (${boxes.length} sheets)`);
  t.ok(
    boxes.every(isA4Portrait),
    'A4 portrait (210 × 297 mm)',
  );
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: DESKTOP.width, height: DESKTOP.height });

  await page.goto('/gestion/bilans');
  await page.getByLabel('Première édition').selectOption({ label: 'Parcours Artistique et Culturel en Artois — Édition 1' });
  await page.getByLabel('Seconde édition').selectOption({ label: 'Parcours Artistique et Culturel en Artois — Édition 2' });
  await page.getByRole('button', { name: 'Comparer' }).click();
  await page.waitForURL((url) => url.pathname === '/gestion/bilans/comparer');
  t.equal(await page.locator('svg.marks').count(), 2, 'each edition’s publics');
  t.ok(await page.getByRole('columnheader', { name: 'Édition 2' }).first().isVisible());
  await expectAccessible(t, page);
  expectNoPageErrors(t, page);
}, [DESKTOP]);
