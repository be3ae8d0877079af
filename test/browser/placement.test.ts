import type { Page } from 'playwright-core';
import t from 'tap';
import { createUser, signIn } from '../helpers/factories.js';
import { seedPlacementBoard } from '../web/placement-fixtures.js';
import { expectAccessible } from './axe.js';
import { browserSuite, DESKTOP, MOBILE, screenshot } from './harness.js';

// Issue 14's placement journey, at 1280 px: a coordinator runs the placement of an edition,
// keeps a pair, runs again, compares the two runs, is told that no indemnity rate covers the
// missions' start (an admin adds one on the rates page), applies, records a minor's parental
// authorisation, and sees the binôme confirmed once both volunteers accept (one on a phone,
// the other through the API).

const suite = await browserSuite(t);
const board = await seedPlacementBoard(suite.db);
const { edition, coordinator, volunteers } = board;

async function signInAs(page: Page, email: string, password: string, next: string) {
  await page.goto(`/connexion?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

t.test('placement board (desktop)', async (t) => {
  const page = await suite.page(t, DESKTOP);
  await signInAs(page, coordinator.email, coordinator.password, '/gestion/placement');
  await page.getByRole('heading', { name: 'Placement', level: 1 }).waitFor();
  await expectAccessible(t, page);
  await page.getByLabel('Édition').selectOption(edition.id);
  await page.getByRole('button', { name: 'Afficher cette édition' }).click();
  await page.getByText('Aucune proposition pour l’instant').waitFor();
  await expectAccessible(t, page);

  // The first run, default weights: explained cards, the value equal to its bound.
  await page.getByLabel('Optimale').check();
  await page.getByRole('button', { name: 'Calculer la proposition' }).click();
  await page.getByRole('heading', { name: 'Proposition n° 1', level: 1 }).waitFor();
  await page.getByText('Proposition prouvée optimale').waitFor();
  await page.getByRole('heading', { name: '2 binômes proposés' }).waitFor();
  await page.getByText('Barème d’indemnité manquant.').waitFor();
  t.equal(await page.getByRole('button', { name: /^Appliquer/ }).count(), 0, 'no apply button while no rate covers the start');
  await page.locator('details summary').first().click();
  await page.getByText(/note de la candidature par la structure : \d\/5/).first().waitFor();
  await screenshot(t, page, 'placement-board');
  await expectAccessible(t, page);

  // Keep the first card's pair, change a weight, run again.
  const firstCard = page.locator('.card').first();
  const keptMission = (await firstCard.locator('h3').textContent())!;
  const keptNames = (await firstCard.locator('details summary').allTextContents()).slice(0, 2).map((s) => s.split(' : ')[0]!);
  await firstCard.getByLabel('Garder ce binôme sur cette mission à la prochaine proposition').check();
  await page.getByLabel('Distance', { exact: true }).fill('4');
  await page.getByRole('button', { name: 'Calculer la proposition' }).click();
  await page.getByRole('heading', { name: 'Proposition n° 2', level: 1 }).waitFor();
  const kept = page.locator('.card').filter({ hasText: keptMission });
  for (const name of keptNames) await kept.getByText(name, { exact: false }).first().waitFor();
  t.ok(await kept.getByLabel('Garder ce binôme sur cette mission à la prochaine proposition').isChecked(), 'the pair is still kept on its card');
  await expectAccessible(t, page);

  await page.getByRole('link', { name: 'Comparer avec la proposition précédente' }).click();
  await page.getByRole('heading', { name: 'Propositions n° 1 et n° 2' }).waitFor();
  await page.getByRole('heading', { name: /bougé/ }).waitFor();
  await expectAccessible(t, page);
  await page.getByRole('link', { name: 'Proposition n° 2' }).click();
  await page.getByRole('heading', { name: 'Proposition n° 2', level: 1 }).waitFor();

  // The missing rate: an admin adds it on their page.
  const admin = await createUser(suite.db, 'admin');
  const adminPage = await suite.page(t, DESKTOP);
  await signInAs(adminPage, admin.email, admin.password, '/admin/baremes');
  await adminPage.getByRole('heading', { name: 'Barèmes d’indemnité' }).waitFor();
  await adminPage.getByLabel('En vigueur à partir du').fill('2026-01-01');
  await adminPage.getByLabel('Part de l’État, en euros par mois').fill('504,98');
  await adminPage.getByLabel('Part minimale de la structure, en euros par mois').fill('114,85');
  await adminPage.getByLabel('Source (décret, note de l’ASP)').fill('Décret du 24 décembre 2025');
  await adminPage.getByRole('button', { name: 'Ajouter le barème' }).click();
  await adminPage.getByRole('status').filter({ hasText: 'Le barème est ajouté.' }).waitFor();
  await adminPage.getByText('504,98 € par mois').waitFor();
  await expectAccessible(t, adminPage);

  await page.reload();
  t.equal(await page.getByText('Barème d’indemnité manquant.').count(), 0, 'the warning is gone once a rate covers the start');
  await page.getByRole('button', { name: 'Appliquer la proposition n° 2' }).click();
  await page.getByRole('status').filter({ hasText: 'La proposition est appliquée' }).waitFor();
  await expectAccessible(t, page);
  await page.getByRole('status').getByRole('link', { name: 'Voir les binômes' }).click();
  await page.getByRole('heading', { name: /^Binômes — / }).waitFor();
  await page.locator('.card .tag', { hasText: 'Proposé (offres en attente)' }).first().waitFor();
  await expectAccessible(t, page);

  // The minor's binôme: their parental authorisation, then both accept.
  const minor = volunteers.at(-1)!;
  const minorCard = page.locator('.card').filter({ hasText: minor.name });
  const title = (await minorCard.locator('h2').textContent())!;
  await minorCard.getByRole('link', { name: title }).click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  await page.getByText('autorisation parentale à enregistrer').waitFor();
  await expectAccessible(t, page);
  await page.getByLabel('Signée par').fill('Nadia Durand');
  await page.getByLabel('Signée le').fill('2026-11-30');
  await page.getByRole('button', { name: 'Enregistrer l’autorisation' }).click();
  await page.getByRole('status').filter({ hasText: 'L’autorisation parentale est enregistrée.' }).waitFor();
  await page.getByText('autorisation parentale signée par Nadia Durand').waitFor();

  const members = await suite.db.selectFrom('binome_members').innerJoin('binomes', 'binomes.id', 'binome_members.binome_id').select(['binome_members.candidate_id', 'binome_members.application_id']).where('binomes.mission_id', '=', (await suite.db.selectFrom('missions').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id).execute();
  const partner = volunteers.find((v) => v !== minor && members.some((m) => m.candidate_id === v.user.id))!;
  // The minor answers on a phone…
  const phone = await suite.page(t, MOBILE);
  await signInAs(phone, minor.user.email, minor.user.password, '/mes-candidatures');
  await phone.getByRole('link', { name: `Accepter l’offre pour « ${title} »` }).click();
  await phone.getByRole('button', { name: `Oui, j’accepte l’offre pour « ${title} »` }).click();
  await phone.getByRole('status').filter({ hasText: 'Vous avez accepté l’offre.' }).waitFor();
  // …the partner through the API.
  const application = members.find((m) => m.candidate_id === partner.user.id)!.application_id;
  const accepted = await suite.call('POST', `/applications/${application}/accept`, { token: (await signIn(suite, partner.user)).accessToken });
  t.equal(accepted.statusCode, 200, accepted.body);

  await page.reload();
  await page.locator('p.tag', { hasText: 'Confirmé' }).waitFor();
  await expectAccessible(t, page);
  await page.getByRole('link', { name: 'Fiche de placement' }).click();
  await page.getByRole('heading', { name: 'Fiche de placement' }).waitFor();
  await page.getByText(/619,83 €/).waitFor();
  await expectAccessible(t, page);
  await page.goto(`/gestion/binomes?edition=${edition.id}&statut=confirmed`);
  await page.locator('.card').filter({ hasText: title }).locator('.tag', { hasText: 'Confirmé' }).waitFor();
  await expectAccessible(t, page);
});
