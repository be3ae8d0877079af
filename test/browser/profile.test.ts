import t from 'tap';
import { createUser } from '../helpers/factories.js';
import { expectAccessible } from './axe.js';
import { browserSuite, screenshot } from './harness.js';

// « Mon profil » through its eight steps, the disability question and « Mes données », at
// 1280 px and 360 px, with axe on every kind of page.

const suite = await browserSuite(t);

suite.atViewports(t, 'profile', async (t, page) => {
  const candidate = await createUser(suite.db, 'candidate', { fullName: 'Léa Dupont' });
  await page.goto('/connexion?next=/mon-profil');
  await page.getByLabel('Adresse e-mail').fill(candidate.email);
  await page.getByLabel('Mot de passe').fill(candidate.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Mon profil', level: 1 }).waitFor();
  await expectAccessible(t, page);
  await page.getByRole('link', { name: 'Commencer mon profil' }).click();

  const continueButton = page.getByRole('button', { name: 'Enregistrer et continuer' });
  const atStep = async (n: number, title: string) => {
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    t.ok(await page.getByText(`Étape ${n} sur 8`).isVisible(), `step ${n}: ${title}`);
  };

  await atStep(1, 'Identité');
  // A refused step first: it comes back filled, the error beside the field.
  await page.getByLabel('Prénom').fill('Léa');
  await page.getByLabel('Date de naissance').fill('2005-04-02');
  await continueButton.click();
  await page.getByRole('heading', { name: 'Le formulaire contient une erreur' }).waitFor();
  t.equal(await page.getByLabel('Prénom').inputValue(), 'Léa', 'what was typed is kept');
  t.equal(await page.getByLabel('Nom', { exact: true }).getAttribute('aria-invalid'), 'true');
  await screenshot(t, page, 'profile-error');
  await expectAccessible(t, page);
  await page.getByLabel('Nom', { exact: true }).fill('Dupont');
  await page.getByLabel('Téléphone').fill('06 12 34 56 78');
  await continueButton.click();

  await atStep(2, 'Commune');
  // Suggestions as one types (htmx under the CSP), then a postal code that two communes share.
  await page.getByLabel('Code postal ou commune').fill('Liév');
  await page.locator('#communes-suggestions option[value="Liévin (62800)"]').waitFor({ state: 'attached' });
  await page.getByLabel('Code postal ou commune').fill('62300');
  await continueButton.click();
  await page.getByRole('group', { name: /Plusieurs communes correspondent/ }).waitFor();
  await screenshot(t, page, 'profile-commune');
  await expectAccessible(t, page);
  await page.getByRole('radio', { name: /^Lens/ }).check();
  await continueButton.click();

  await atStep(3, 'Nationalité');
  await page.getByRole('radio', { name: 'Française' }).check();
  await page.getByRole('checkbox', { name: /Je certifie sur l’honneur/ }).check();
  await expectAccessible(t, page);
  await continueButton.click();

  await atStep(4, 'Service civique antérieur');
  await page.getByRole('radio', { name: 'Je n’ai jamais fait de service civique' }).check();
  await page.getByRole('checkbox', { name: /Je certifie sur l’honneur/ }).check();
  await continueButton.click();

  await atStep(5, 'Mobilité');
  await page.getByLabel('Je peux prendre les transports en commun').check();
  await continueButton.click();

  await atStep(6, 'Centres d’intérêt');
  await page.getByLabel('Théâtre').check();
  await page.getByLabel('Musique').check();
  await screenshot(t, page, 'profile-interests');
  await expectAccessible(t, page);
  await continueButton.click();

  await atStep(7, 'Disponibilités');
  await page.getByLabel('Disponible à partir du').fill('2027-09-01');
  await continueButton.click();

  await atStep(8, 'Présentation');
  await page.getByLabel('Quelques mots sur vous').fill('J’aime le théâtre et la musique.');
  await expectAccessible(t, page);
  await continueButton.click();

  await page.getByText('Votre profil est enregistré.').waitFor();
  const answers = await page.locator('.summary-list').innerText();
  t.match(answers, 'Théâtre, Musique');
  t.match(answers, 'Lens');
  t.match(answers, 'Léa Dupont');
  await screenshot(t, page, 'profile-summary');
  await expectAccessible(t, page);

  // The disability question: refused without consent, then recorded, then erased.
  await page.getByRole('link', { name: /Répondre, voir ou effacer ma réponse sur le handicap/ }).click();
  await page.getByRole('heading', { name: 'Situation de handicap', level: 1 }).waitFor();
  await expectAccessible(t, page);
  await page.getByRole('radio', { name: /^Oui/ }).check();
  await page.getByRole('button', { name: 'Enregistrer ma réponse' }).click();
  await page.getByRole('heading', { name: 'Le formulaire contient une erreur' }).waitFor();
  t.ok(await page.getByRole('radio', { name: /^Oui/ }).isChecked(), 'the answer is kept');
  await page.getByRole('checkbox', { name: /J’accepte que Binôme enregistre/ }).check();
  await page.getByRole('button', { name: 'Enregistrer ma réponse' }).click();
  await page.getByText('Votre réponse est enregistrée.').waitFor();
  await screenshot(t, page, 'profile-disability');
  await page.getByRole('link', { name: 'Effacer ma réponse' }).click();
  await page.getByRole('button', { name: 'Oui, effacer ma réponse' }).click();
  await page.getByText('Votre réponse est effacée.').waitFor();
  t.ok(await page.getByText('Vous n’avez rien enregistré.').isVisible());

  // « Mes données »: the download, then the deletion page.
  await page.goto('/mes-donnees');
  await expectAccessible(t, page);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Télécharger mes données (JSON)' }).click();
  t.match((await download).suggestedFilename(), /^binome-mes-donnees-\d{4}-\d{2}-\d{2}\.json$/);
  await page.getByRole('link', { name: 'Supprimer mon compte…' }).click();
  await page.getByRole('heading', { name: 'Supprimer mon compte', level: 1 }).waitFor();
  await screenshot(t, page, 'profile-delete-account');
  await expectAccessible(t, page);
  await page.getByLabel('Mot de passe').fill(candidate.password);
  await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
  await page.getByRole('heading', { name: 'Votre compte est supprimé' }).waitFor();
  await expectAccessible(t, page);
  t.ok(await page.getByRole('link', { name: 'Se connecter' }).isVisible(), 'signed out');
});
