import t, { type Test } from 'tap';
import { createEdition, createOperator, signedIn } from '../helpers/factories.js';
import { expectAccessible } from './axe.js';
import { browserSuite, expectNoPageErrors, MOBILE, screenshot } from './harness.js';

// Information meetings on a phone: a visitor registers without an account; the next one finds the
// meeting full and goes on the waiting list; the first cancels with the link of their e-mail, and
// the second gets the place.

const suite = await browserSuite(t);
const operator = await createOperator(suite.db, { name: 'Unis-Cité' });
const edition = await createEdition(suite.db, { operatorId: operator.id });
const coordinator = await signedIn(suite, 'coordinator', { operatorId: operator.id });
const next = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
const created = await suite.call('POST', `/editions/${edition.id}/info-sessions`, {
  token: coordinator.accessToken,
  body: { day: next, startsAt: '14:00', endsAt: '16:00', venue: 'Maison des associations', address: '12 rue Jean-Jaurès', communeCode: '62498', capacity: 1 },
});
if (created.statusCode !== 201) throw new Error(`session: ${created.statusCode} ${created.body}`);
const session = created.json() as { id: string };

async function registerOnPhone(t: Test, name: string, email: string) {
  const page = await suite.page(t, MOBILE);
  await page.goto('/');
  await page.getByRole('link', { name: 'Voir les prochaines réunions d’information' }).click();
  await page.getByRole('heading', { name: 'Réunions d’information', level: 1 }).waitFor();
  await expectAccessible(t, page);
  await page.locator(`a[href="/reunions-d-information/${session.id}"]`).click();
  await page.getByRole('heading', { name: 'Réunion d’information à Lens', level: 1 }).waitFor();
  // First without the consent: refused beside the box, what was typed kept.
  await page.getByLabel('Nom et prénom').fill(name);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Votre âge').selectOption('18-21');
  await page.getByRole('button', { name: /^M’inscrire/ }).click();
  await page.locator('#champ-consentContact-erreur').waitFor();
  t.equal(await page.getByLabel('Nom et prénom').inputValue(), name, 'the name kept');
  await expectAccessible(t, page);
  await page.getByLabel('J’accepte d’être contacté·e au sujet de cette réunion').check();
  await page.getByRole('button', { name: /^M’inscrire/ }).click();
  await page.waitForURL(/\/confirmation/);
  return page;
}

t.test('register, wait in line, cancel with the e-mail’s link, and the next one is in', async (t) => {
  const first = await registerOnPhone(t, 'Inès Kaci', 'ines.kaci@example.fr');
  await first.getByRole('heading', { name: 'Inscription confirmée', level: 1 }).waitFor();
  await screenshot(t, first, 'info-session-registered');
  await expectAccessible(t, first);
  expectNoPageErrors(t, first);

  const second = await registerOnPhone(t, 'Noé Petit', 'noe.petit@example.fr');
  await second.getByRole('heading', { name: 'Vous êtes sur la liste d’attente', level: 1 }).waitFor();
  t.ok(await second.getByText('en position 1').isVisible(), 'the rank in line');
  await expectAccessible(t, second);
  expectNoPageErrors(t, second);

  const mail = await suite.db.selectFrom('outbox').select('body').where('to_address', '=', 'ines.kaci@example.fr').where('kind', '=', 'info-session.registered').executeTakeFirstOrThrow();
  const link = /\{\{PUBLIC_URL\}\}(\/reunions-d-information\/annulation\?jeton=[A-Za-z0-9_-]+)/.exec(mail.body)![1]!;
  const cancel = await suite.page(t, MOBILE);
  await cancel.goto(link);
  await cancel.getByRole('heading', { name: 'Annuler mon inscription', level: 1 }).waitFor();
  await expectAccessible(t, cancel);
  await cancel.getByRole('button', { name: 'Oui, annuler mon inscription' }).click();
  await cancel.getByRole('heading', { name: 'Inscription annulée', level: 1 }).waitFor();
  await expectAccessible(t, cancel);
  expectNoPageErrors(t, cancel);

  const rows = await suite.db.selectFrom('info_registrations').select(['email', 'status']).where('session_id', '=', session.id).execute();
  t.same(Object.fromEntries(rows.map((r) => [r.email, r.status])), { 'ines.kaci@example.fr': 'cancelled', 'noe.petit@example.fr': 'registered' });
  const promoted = await suite.db.selectFrom('outbox').select('subject').where('to_address', '=', 'noe.petit@example.fr').where('kind', '=', 'info-session.promoted').execute();
  t.equal(promoted.length, 1, 'the second is told');
});
