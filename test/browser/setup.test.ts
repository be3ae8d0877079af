import t from 'tap';
import { createOperator, createUser } from '../helpers/factories.js';
import { expectAccessible } from './axe.js';
import { browserSuite, DESKTOP, expectNoPageErrors, MOBILE, screenshot } from './harness.js';

// A coordinator sets up an edition from nothing, at 1280 px: a programme, its edition (the
// territory from the EPCIs' suggestions), a proximity structure and a first-circle partner
// (their communes from the suggestions), the partnership, and an invitation of a member, who
// accepts it from the e-mail's link on a phone, in a browser of their own.

const suite = await browserSuite(t);
const ligue = await createOperator(suite.db, { name: 'Ligue de l’Enseignement du Pas-de-Calais' });
const coordinator = await createUser(suite.db, 'coordinator', { operatorId: ligue.id, fullName: 'Claire Coordinatrice' });

/** Types into a suggestion field until its list offers `option`, then takes it. */
async function suggest(page: import('playwright-core').Page, label: string, typed: string, option: string) {
  const field = page.getByLabel(label, { exact: false }).first();
  await field.fill('');
  await field.pressSequentially(typed, { delay: 30 });
  const list = await field.getAttribute('list');
  await page.locator(`#${list} option[value="${option}"]`).waitFor({ state: 'attached' });
  await field.fill(option);
}

t.test('a coordinator sets up an edition from nothing; the invited member accepts on a phone', async (t) => {
  const page = await suite.page(t, DESKTOP);
  await page.goto('/connexion?next=/gestion/editions');
  await page.getByLabel('Adresse e-mail').fill(coordinator.email);
  await page.getByLabel('Mot de passe').fill(coordinator.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Programmes et éditions' }).waitFor();
  await page.getByText('Aucun programme pour l’instant').waitFor();
  await expectAccessible(t, page);

  await page.getByRole('link', { name: 'Créer un programme' }).click();
  await page.getByRole('heading', { name: 'Créer un programme' }).waitFor();
  await expectAccessible(t, page);
  await page.getByLabel('Nom du programme').fill('Parcours Artistique et Culturel en Artois');
  await page.getByLabel('Thème').selectOption('culture-loisirs');
  await page.getByLabel('Financeurs').fill('Pôle Métropolitain de l’Artois');
  await page.getByRole('button', { name: 'Créer le programme' }).click();
  await page.getByRole('heading', { name: 'Parcours Artistique et Culturel en Artois' }).waitFor();
  await page.getByText('Le programme est créé.').waitFor();

  // A refused edition first: the dates the wrong way round.
  await page.getByLabel('Nom de l’édition').fill('Édition 2 — 2027-2028');
  await page.getByLabel('Date de début').fill('2028-06-30');
  await page.getByLabel('Date de fin').fill('2027-10-01');
  await page.getByLabel('Nombre de volontaires prévus').fill('24');
  await suggest(page, 'Territoire (EPCI)', 'Lens', 'CA de Lens - Liévin (246200364)');
  await page.getByRole('button', { name: 'Créer l’édition' }).click();
  await page.getByRole('heading', { name: 'Le formulaire contient une erreur' }).waitFor();
  t.match(await page.title(), /^Erreur : /);
  t.equal(await page.getByLabel('Territoire (EPCI)').inputValue(), 'CA de Lens - Liévin (246200364)', 'what was typed stays');
  await expectAccessible(t, page);
  await page.getByLabel('Date de début').fill('2027-10-01');
  await page.getByLabel('Date de fin').fill('2028-06-30');
  await page.getByRole('button', { name: 'Créer l’édition' }).click();
  await page.getByRole('heading', { name: 'Édition 2 — 2027-2028' }).waitFor();
  await page.getByText('L’édition est créée.').waitFor();
  await page.getByText('En préparation', { exact: true }).waitFor();
  await expectAccessible(t, page);
  await page.getByRole('button', { name: 'Ouvrir le recrutement' }).click();
  await page.getByText('Recrutement ouvert', { exact: true }).waitFor();
  const editionUrl = new URL(page.url()).pathname;

  // The two structures.
  await page.getByRole('navigation', { name: 'Fil d’Ariane' }).getByRole('link', { name: 'Tableau de bord' }).click();
  await page.getByRole('link', { name: 'Structures et partenariats' }).click();
  await page.getByRole('heading', { name: 'Structures', exact: true }).waitFor();
  await page.getByRole('link', { name: 'Créer une structure' }).click();
  await page.getByRole('heading', { name: 'Créer une structure' }).waitFor();
  await expectAccessible(t, page);
  await page.getByLabel('Nom de la structure').fill('Service Culturel de Liévin');
  await page.getByRole('radio', { name: /^Structure de proximité/ }).check();
  await suggest(page, 'Commune', 'Liév', 'Liévin (62800)');
  await page.getByRole('button', { name: 'Créer la structure' }).click();
  await page.getByRole('heading', { name: 'Service Culturel de Liévin' }).waitFor();
  await page.getByText('La structure est créée.').waitFor();
  const proximityUrl = new URL(page.url()).pathname;
  await expectAccessible(t, page);

  await page.goto('/gestion/structures/nouvelle');
  await page.getByLabel('Nom de la structure').fill('Louvre-Lens');
  await page.getByRole('radio', { name: /^Structure du premier cercle/ }).check();
  await page.getByRole('combobox', { name: /^Portée/ }).selectOption('national');
  await suggest(page, 'Commune', '62300', 'Lens (62300)');
  await page.getByLabel('Latitude').fill('50,4311');
  await page.getByLabel('Longitude').fill('2,8036');
  await page.getByRole('button', { name: 'Créer la structure' }).click();
  await page.getByRole('heading', { name: 'Louvre-Lens' }).waitFor();
  await page.getByText('Structure du premier cercle, portée nationale').waitFor();

  await page.goto('/gestion/structures');
  await page.getByRole('link', { name: 'Louvre-Lens' }).waitFor();
  await page.getByRole('link', { name: 'Service Culturel de Liévin' }).waitFor();
  await screenshot(t, page, 'setup-structures');
  await expectAccessible(t, page);
  await page.getByLabel('Nom').fill('louvre');
  await page.getByRole('button', { name: 'Chercher' }).click();
  await page.getByRole('link', { name: 'Louvre-Lens' }).waitFor();
  t.equal(await page.getByRole('link', { name: 'Service Culturel de Liévin' }).count(), 0, 'the search leaves the other out');

  // The partnership, on the edition's page.
  await page.goto(editionUrl);
  await page.getByLabel('Structure de proximité').selectOption({ label: 'Service Culturel de Liévin — Liévin' });
  await page.getByLabel('Structure du premier cercle').selectOption({ label: 'Louvre-Lens — Lens' });
  await page.getByRole('button', { name: 'Ajouter le partenariat' }).click();
  await page.getByText('Le partenariat est ajouté.').waitFor();
  await page.getByText('Service Culturel de Liévin ↔ Louvre-Lens').waitFor();
  await expectAccessible(t, page);

  // A member invited.
  await page.goto(proximityUrl);
  await page.getByLabel('Adresse e-mail').fill('paul.tuteur@example.fr');
  await page.getByLabel('Prénom et nom').fill('Paul Tuteur');
  await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
  await page.getByText('L’invitation est envoyée par e-mail.').waitFor();
  await page.getByText('Paul Tuteur — paul.tuteur@example.fr').waitFor();
  await expectAccessible(t, page);
  expectNoPageErrors(t, page);

  const message = await suite.db.selectFrom('outbox').selectAll().where('to_address', '=', 'paul.tuteur@example.fr').executeTakeFirstOrThrow();
  t.equal(message.subject, 'Votre invitation sur Binôme');
  const link = /\/invitation\?jeton=[A-Za-z0-9_-]+/.exec(message.body)?.[0];
  t.ok(link, 'the e-mail holds the link');

  const phone = await suite.page(t, MOBILE);
  await phone.goto(link!);
  await phone.getByRole('heading', { name: 'Créer mon compte sur invitation' }).waitFor();
  await phone.getByText('Vous êtes invité ou invitée à représenter Service Culturel de Liévin.').waitFor();
  await expectAccessible(t, phone);
  await phone.getByLabel('Prénom et nom').fill('Paul Tuteur');
  await phone.getByLabel('Mot de passe', { exact: true }).fill('a long passphrase for paul');
  await phone.getByLabel('Le même mot de passe, encore une fois').fill('a long passphrase for paul');
  await phone.getByRole('button', { name: 'Créer mon compte' }).click();
  await phone.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
  t.equal(new URL(phone.url()).pathname, '/gestion');
  await expectAccessible(t, phone);
  expectNoPageErrors(t, phone);

  await page.reload();
  await page.getByText('Acceptée', { exact: true }).waitFor();
});
