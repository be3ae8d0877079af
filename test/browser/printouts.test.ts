import t from 'tap';
import { createOperator, createProfile, createUser, signedIn } from '../helpers/factories.js';
import { FORUM_DAY } from '../web/forum-day-fixtures.js';
import { forumDay } from '../web/forum-fixtures.js';
import { A4_PORTRAIT_SHEET, expectInsideSheet, isA4Portrait, printedSheets } from './a4.js';
import { browserSuite, DESKTOP, expectNoPageErrors, screenshot } from './harness.js';

// The agendas to print, in a real browser: a candidate's from « Mon planning », a structure's
// from its forum page. Under print media the console's header, menu, footer and buttons are
// gone, and the agenda fits the width of an A4 portrait sheet, on one sheet.

const suite = await browserSuite(t);
const operator = await createOperator(suite.db);
const token = (await signedIn(suite, 'coordinator', { operatorId: operator.id })).accessToken;
const ana = await createUser(suite.db, 'candidate');
await createProfile(suite.db, ana.id, { firstName: 'Anne-Sophie', lastName: 'de La Fontaine-Durand' });
const day = await forumDay(suite, {
  operatorId: operator.id,
  coordinatorToken: token,
  heldOn: FORUM_DAY,
  // Long names, as real ones are: they must wrap inside the sheet.
  structures: ['Médiathèque intercommunale de Lens-Liévin, service des publics et de la médiation culturelle', 'Club'],
  candidates: [ana],
  schedule: false,
});
const forum = (await suite.call('GET', `/forums/${day.forum.id}`, { token })).json() as { version: number };
const patched = await suite.call('PATCH', `/forums/${day.forum.id}`, { token, body: { address: '12 rue Jean-Jaurès' }, headers: { 'if-match': `"${forum.version}"` } });
if (patched.statusCode !== 200) throw new Error(`address: ${patched.statusCode} ${patched.body}`);
const scheduled = await suite.call('POST', `/forums/${day.forum.id}/schedule`, { token });
if (scheduled.statusCode !== 201) throw new Error(`schedule: ${scheduled.statusCode} ${scheduled.body}`);
const member = await createUser(suite.db, 'structure_member', { structureId: day.structures[0]!.id });


for (const who of [
  { name: 'a candidate’s agenda', user: ana, start: '/mon-planning', link: 'Imprimer mon planning', path: `/mon-planning/${day.forum.id}/imprimer` },
  { name: 'a structure’s agenda', user: member, start: `/gestion/forums/${day.forum.id}`, link: 'Imprimer notre planning', path: `/gestion/forums/${day.forum.id}/imprimer` },
]) {
  suite.atViewports(
    t,
    `${who.name} prints on A4 portrait without the console around it`,
    async (t, page) => {
      await page.goto(`/connexion?next=${encodeURIComponent(who.start)}`);
      await page.getByLabel('Adresse e-mail').fill(who.user.email);
      await page.getByLabel('Mot de passe').fill(who.user.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL((url) => url.pathname === who.start);
      await page.getByRole('link', { name: who.link }).click();
      await page.waitForURL((url) => url.pathname === who.path);
      const print = page.getByRole('button', { name: 'Imprimer' });
      await print.waitFor();
      t.ok(await print.isVisible(), 'on screen, the « Imprimer » button (binome.js shows it)');
      t.ok(await page.getByText('12 rue Jean-Jaurès').isVisible(), 'the street address');
      t.ok(await page.getByText('Arrivée conseillée').isVisible(), 'the advised arrival');

      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize(A4_PORTRAIT_SHEET);
      t.notOk(await page.getByRole('navigation', { name: 'Menu principal' }).isVisible(), 'printed without the menu');
      t.notOk(await page.locator('.site-header').isVisible(), 'without the header');
      t.notOk(await page.locator('.site-footer').isVisible(), 'without the footer');
      t.notOk(await print.isVisible(), 'without the button');
      t.notOk(await page.locator('.breadcrumb').isVisible(), 'without the way back');
      t.ok(await page.getByText('mercredi 10 mars 2027').isVisible(), 'the day in words');
      await expectInsideSheet(t, page);
      await screenshot(t, page);
      const boxes = await printedSheets(page);
      t.equal(boxes.length, 1, 'one sheet');
      t.ok(isA4Portrait(boxes[0]!), 'A4 portrait (210 × 297 mm)');
      expectNoPageErrors(t, page);
    },
    [DESKTOP],
  );
}
