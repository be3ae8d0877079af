import t from 'tap';
import { createPlacedBinome, createPublicPartner } from '../helpers/programme-factories.js';
import { expectAccessible } from './axe.js';
import { browserSuite, DESKTOP, expectNoPageErrors, MOBILE, screenshot } from './harness.js';

// A mediation project's main path, in a real browser: a volunteer on a phone creates a project
// and submits it; a coordinator validates it; the volunteer adds an outing (yesterday: it has
// started) and records its attendance. Each page accessible, no console error or CSP refusal.

const suite = await browserSuite(t);
const DAY = 86_400_000;
const start = new Date(Date.now() - 60 * DAY);
const startsOn = `${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, '0')}-01`;
const binome = await createPlacedBinome(suite.db, { startsOn, durationMonths: 8 });
await createPublicPartner(suite.db, { operatorId: binome.operatorId, name: 'EHPAD Les Tilleuls' });
const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() - DAY));

t.test('a volunteer’s project, validated by the coordination, its outing and its attendance', async (t) => {
  const phone = await suite.page(t, MOBILE);
  await phone.goto('/connexion?next=/mon-binome');
  await phone.getByLabel('Adresse e-mail').fill(binome.volunteers[0].email);
  await phone.getByLabel('Mot de passe').fill(binome.volunteers[0].password);
  await phone.getByRole('button', { name: 'Se connecter' }).click();
  await phone.getByRole('heading', { name: 'Nos projets de médiation' }).waitFor();
  t.ok(await phone.getByRole('link', { name: 'Mon attestation' }).isVisible(), 'the certificate’s link');
  await expectAccessible(t, phone);
  const create = phone.getByRole('link', { name: 'Créer un projet' });
  const box = (await create.boundingBox())!;
  t.ok(box.height >= 44 && box.width >= 0.8 * MOBILE.width, `a big button on a phone (${Math.round(box.width)} × ${Math.round(box.height)})`);
  await create.click();
  await phone.getByRole('heading', { name: 'Créer un projet' }).waitFor();
  await expectAccessible(t, phone);
  await phone.getByLabel('Titre du projet').fill('Groupe de spectateurs');
  await phone.getByRole('button', { name: 'Enregistrer le projet' }).click();
  await phone.getByText('Le formulaire contient une erreur').waitFor();
  t.equal(await phone.getByLabel('Titre du projet').inputValue(), 'Groupe de spectateurs', 'what was typed is kept');
  await expectAccessible(t, phone);
  await phone.getByLabel('Le projet en quelques lignes').fill('Emmener les résidents de l’EHPAD voir des spectacles.');
  await phone.getByRole('group', { name: 'EHPAD Les Tilleuls' }).getByLabel('Personnes âgées').check();
  await phone.getByRole('button', { name: 'Enregistrer le projet' }).click();
  await phone.getByText('Le projet est créé en brouillon.').waitFor();
  await expectAccessible(t, phone);
  await phone.getByRole('button', { name: 'Soumettre à la coordination' }).click();
  await phone.getByText('Le projet est soumis').waitFor();
  const projectPath = new URL(phone.url()).pathname;
  const projectId = projectPath.split('/').at(-1)!;
  await screenshot(t, phone, 'project-submitted');
  expectNoPageErrors(t, phone);

  const desk = await suite.page(t, DESKTOP);
  await desk.goto('/connexion?next=/gestion/projets');
  await desk.getByLabel('Adresse e-mail').fill(binome.coordinator.email);
  await desk.getByLabel('Mot de passe').fill(binome.coordinator.password);
  await desk.getByRole('button', { name: 'Se connecter' }).click();
  await desk.getByRole('heading', { name: 'Projets de médiation' }).waitFor();
  await expectAccessible(t, desk);
  await desk.getByRole('link', { name: 'Groupe de spectateurs' }).click();
  await desk.waitForURL((url) => url.pathname === `/gestion/projets/${projectId}`);
  await expectAccessible(t, desk);
  await desk.getByRole('button', { name: 'Valider le projet' }).click();
  await desk.getByText('Le projet est validé').waitFor();
  expectNoPageErrors(t, desk);

  await phone.goto(projectPath);
  await phone.getByRole('link', { name: 'Ajouter une sortie' }).click();
  await phone.getByRole('heading', { name: 'Ajouter une sortie' }).waitFor();
  await expectAccessible(t, phone);
  await phone.getByLabel('Jour').fill(yesterday);
  await phone.getByLabel('Heure de début').fill('14:00');
  await phone.getByLabel('Heure de fin').fill('17:00');
  await phone.getByLabel('Titre').fill('Il n’est pas encore minuit');
  await phone.getByRole('group', { name: 'EHPAD Les Tilleuls' }).getByLabel('Personnes âgées').fill('10');
  await phone.getByRole('button', { name: 'Programmer la sortie' }).click();
  await phone.getByText('La sortie est programmée.').waitFor();
  await expectAccessible(t, phone);
  const present = phone.getByLabel('Présents', { exact: true });
  await present.fill('12');
  await phone.getByRole('button', { name: 'Enregistrer la présence' }).click();
  await phone.getByText('Le formulaire contient une erreur').waitFor();
  t.equal(await present.inputValue(), '12', 'the count typed is kept');
  await expectAccessible(t, phone);
  await present.fill('9');
  await phone.getByLabel('Dont venus pour la première fois dans ce lieu').fill('6');
  await phone.getByLabel('Compte rendu').fill('Une belle après-midi au théâtre.');
  await phone.getByRole('button', { name: 'Enregistrer la présence' }).click();
  await phone.getByText('La présence est enregistrée.').waitFor();
  t.ok(await phone.getByRole('cell', { name: '9', exact: true }).isVisible(), 'nine present');
  await expectAccessible(t, phone);
  await screenshot(t, phone, 'outing-attendance');
  expectNoPageErrors(t, phone);

  await desk.goto(`/gestion/projets/${projectId}`);
  await desk.getByText('9 présents sur 10 attendus').waitFor();
  t.ok(await desk.getByText('En cours').first().isVisible(), 'the first attendance started the project');
  expectNoPageErrors(t, desk);
});
