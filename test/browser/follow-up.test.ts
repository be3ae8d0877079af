import t from 'tap';
import { placedBinomeEnding } from '../helpers/follow-up-factories.js';
import { expectAccessible } from './axe.js';
import { A4_PORTRAIT_SHEET, expectInsideSheet, isA4Portrait, printedSheets } from './a4.js';
import { browserSuite, DESKTOP, expectNoPageErrors, screenshot } from './harness.js';

// The coordination's follow-up in a real browser: the overview, a volunteer's FCC recorded on
// the binôme's page, a check-in added, then the certificate, which prints on one A4 portrait
// sheet without the console around it.

const suite = await browserSuite(t);
// A binôme whose mission ends in a month: it is in « Formations manquantes ».
const b = await placedBinomeEnding(suite, 1);
// Long names, as real ones are: they must wrap inside the sheet.
await suite.db
  .updateTable('missions')
  .set({ title: 'Accompagner les publics éloignés de la culture vers les spectacles et les expositions du territoire' })
  .where('id', '=', b.missionId)
  .execute();
await suite.db.updateTable('structures').set({ name: 'Médiathèque intercommunale de Lens-Liévin, service des publics et de la médiation culturelle' }).where('id', '=', b.hostId).execute();
const [ines] = b.volunteers;
const profile = await suite.db.selectFrom('candidate_profiles').select(['first_name', 'last_name']).where('user_id', '=', ines.id).executeTakeFirstOrThrow();
const inesName = `${profile.first_name} ${profile.last_name}`;


suite.atViewports(
  t,
  'a coordinator follows a binôme and prints a certificate',
  async (t, page) => {
    await page.goto(`/connexion?next=${encodeURIComponent('/gestion/suivi')}`);
    await page.getByLabel('Adresse e-mail').fill(b.coordinator.email);
    await page.getByLabel('Mot de passe').fill(b.coordinator.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((url) => url.pathname === '/gestion/suivi');
    await page.getByRole('heading', { name: 'Formations manquantes' }).waitFor();
    t.ok(await page.getByRole('link', { name: inesName }).isVisible(), 'the volunteer without trainings is listed');
    await expectAccessible(t, page);

    await page.getByRole('link', { name: inesName }).click();
    await page.waitForURL((url) => url.pathname === `/gestion/suivi/binomes/${b.binomeId}`);
    await page.getByRole('heading', { name: 'Enregistrer une formation' }).waitFor();
    await expectAccessible(t, page);

    const training = page.locator(`form[action$="/formations"]`);
    await training.getByLabel('Volontaire', { exact: true }).selectOption(ines.id);
    await training.getByLabel('Formation', { exact: true }).selectOption('fcc');
    await training.getByLabel('Premier jour').fill(b.startsOn);
    await training.getByLabel('Dernier jour').fill(b.startsOn);
    await training.getByLabel('Organisme de formation').fill('Ligue de l’enseignement du Pas-de-Calais');
    await training.getByRole('button', { name: 'Enregistrer la formation' }).click();
    await page.getByText('La formation est enregistrée.').waitFor();
    t.ok(await page.getByText('Ligue de l’enseignement du Pas-de-Calais').isVisible(), 'the FCC recorded');

    const checkin = page.locator(`form[action$="/points"]`);
    await checkin.getByLabel('Date du point').fill(b.startsOn);
    await checkin.getByLabel('Ce qui a été dit').fill('Premier point : le binôme a trouvé ses marques.');
    await checkin.getByRole('button', { name: 'Ajouter le point' }).click();
    await page.getByText('Le point de suivi est ajouté.').waitFor();
    t.ok(await page.getByText('Premier point : le binôme a trouvé ses marques.').isVisible(), 'the check-in listed');
    await expectAccessible(t, page);

    await page.getByRole('link', { name: /^Attestation de service civique d’Inès/ }).click();
    await page.waitForURL((url) => url.pathname === `/gestion/suivi/volontaires/${b.binomeId}/${ines.id}/attestation`);
    const print = page.getByRole('button', { name: 'Imprimer' });
    await print.waitFor();
    t.ok(await print.isVisible(), 'on screen, the « Imprimer » button (binome.js shows it)');
    t.ok(await page.getByText(/^Projet : /).isVisible(), 'a draft before the last day');
    await expectAccessible(t, page);

    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize(A4_PORTRAIT_SHEET);
    t.notOk(await page.getByRole('navigation', { name: 'Menu principal' }).isVisible(), 'printed without the menu');
    t.notOk(await page.locator('.site-header').isVisible(), 'without the header');
    t.notOk(await page.locator('.site-footer').isVisible(), 'without the footer');
    t.notOk(await print.isVisible(), 'without the button');
    t.notOk(await page.locator('.breadcrumb').isVisible(), 'without the way back');
    t.ok(await page.getByText(/^Fait à /).isVisible(), 'the signature block');
    await expectInsideSheet(t, page);
    await screenshot(t, page);
    const boxes = await printedSheets(page);
    t.equal(boxes.length, 1, 'one sheet');
    t.ok(isA4Portrait(boxes[0]!), 'A4 portrait (210 × 297 mm)');
    expectNoPageErrors(t, page);
  },
  [DESKTOP],
);
