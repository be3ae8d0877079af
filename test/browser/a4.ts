import type { Page } from 'playwright-core';
import type { Test } from 'tap';

/**
 * The checks of a printout on A4 portrait (the agendas, the certificate, the report): once the
 * page is under print media at the sheet's size, its `.printout` lies inside the sheet's width,
 * nothing scrolls sideways, and Chromium's PDF of it has A4 portrait sheets.
 */

/** A4 portrait less the 15 mm margins, in CSS pixels (96 per inch): 180 × 267 mm. */
export const A4_PORTRAIT_SHEET = { width: Math.floor((180 / 25.4) * 96), height: Math.floor((267 / 25.4) * 96) };

/** Asserts that the page's `.printout` fits the sheet's width; the page must be printed at that size already. */
export async function expectInsideSheet(t: Pick<Test, 'ok'>, page: Page, sheet = A4_PORTRAIT_SHEET): Promise<void> {
  const layout = await page.evaluate(() => {
    const article = document.querySelector('.printout')!;
    const cells = Array.from(article.querySelectorAll('*'));
    return {
      right: Math.max(...cells.map((c) => c.getBoundingClientRect().right)),
      left: Math.min(...cells.map((c) => c.getBoundingClientRect().left)),
      scroll: document.documentElement.scrollWidth,
    };
  });
  t.ok(layout.left >= 0 && layout.right <= sheet.width, `inside the sheet's width (${Math.round(layout.left)}–${Math.round(layout.right)} px of ${sheet.width})`);
  t.ok(layout.scroll <= sheet.width, `nothing wider than the sheet (${layout.scroll} px)`);
}

/** The sheets of the page as Chromium prints it to PDF: their MediaBox, in points. */
export async function printedSheets(page: Page): Promise<{ width: number; height: number }[]> {
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  return [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

/** 210 × 297 mm in points, to the point. */
export const isA4Portrait = (sheet: { width: number; height: number }) => Math.abs(sheet.width - 595.3) < 1 && Math.abs(sheet.height - 841.9) < 1;
