import { readFile } from 'node:fs/promises';
import t from 'tap';
import { createOperator, createProfile, createUser, signedIn } from '../helpers/factories.js';
import { forumDay } from '../web/forum-fixtures.js';
import { expectAccessible } from './axe.js';
import { browserSuite, screenshot } from './harness.js';

// Journey step 6: « Mon planning » after a forum (held on 14 October 2026, before the test
// clock: every meeting is past), the ICS download, the subscription link, then « Mon avis ».

const suite = await browserSuite(t);

suite.atViewports(t, 'forum', async (t, page) => {
  // An operator per viewport: the two share the database, and structure names are unique per operator.
  const operator = await createOperator(suite.db);
  const coordinator = await signedIn(suite, 'coordinator', { operatorId: operator.id });
  const candidate = await createUser(suite.db, 'candidate');
  await createProfile(suite.db, candidate.id, { firstName: 'Léa', lastName: 'Candidate' });
  const { forum } = await forumDay(suite, {
    operatorId: operator.id,
    coordinatorToken: coordinator.accessToken,
    heldOn: '2026-10-14',
    title: 'Forum de Lens',
    structures: ['Service Culturel de Carvin', 'Louvre-Lens & Co'],
    candidates: [candidate],
  });

  await page.goto('/connexion?next=/mon-planning');
  await page.getByLabel('Adresse e-mail').fill(candidate.email);
  await page.getByLabel('Mot de passe').fill(candidate.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Mon planning', level: 1 }).waitFor();
  t.equal(new URL(page.url()).pathname, '/mon-planning');

  // The planning: the forum, its date and venue, two rounds with their times and tables.
  await page.getByRole('heading', { name: 'Forum de Lens' }).waitFor();
  t.ok(await page.getByText('mercredi 14 octobre 2026, de 14 h 00 à 15 h 00').isVisible(), 'the date in French');
  t.ok(await page.getByText('62300 Lens').isVisible(), 'the address');
  t.equal(await page.getByRole('heading', { name: /^Tour \d · / }).count(), 2, 'two rounds');
  t.ok(await page.getByRole('heading', { name: 'Tour 1 · 14 h 00 – 14 h 07' }).isVisible());
  await screenshot(t, page, 'forum-planning');
  await expectAccessible(t, page);

  // « Ajouter à mon agenda »: a download of the forum's iCalendar file.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ajouter à mon agenda' }).click()]);
  t.equal(download.suggestedFilename(), 'mon-planning.ics');
  t.equal(new URL(download.url()).pathname, `/mon-planning/${forum.id}/agenda.ics`);
  const ics = await readFile((await download.path())!, 'utf8');
  t.ok(ics.startsWith('BEGIN:VCALENDAR'), 'an iCalendar file');
  t.equal(ics.match(/BEGIN:VEVENT/g)?.length, 2, 'one event per meeting');
  t.match(ics, 'DTSTART;TZID=Europe/Paris:20261014T140000');

  // The subscription link: made, shown once, and it works without a cookie.
  await page.getByRole('button', { name: 'Créer mon lien d’abonnement' }).click();
  const address = page.getByLabel('Adresse de l’abonnement');
  await address.waitFor();
  const link = new URL(await address.inputValue());
  t.equal(link.pathname, '/agenda.ics');
  const webcal = await page.getByRole('link', { name: 'Ouvrir dans mon application d’agenda' }).getAttribute('href');
  t.equal(webcal, link.toString().replace(/^http:/, 'webcal:'));
  const fed = await suite.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
  t.equal(fed.statusCode, 200);
  t.equal(fed.body.match(/BEGIN:VEVENT/g)?.length, 2);
  await screenshot(t, page, 'forum-subscription');
  await expectAccessible(t, page);

  // « Mon avis » on the first meeting: five choices in words, saved, then shown as given.
  const first = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Tour 1 · 14 h 00 – 14 h 07' }) });
  const choices = first.getByRole('group', { name: /^Mon avis : mon intérêt pour / });
  t.equal(await choices.getByRole('radio').count(), 5);
  await choices.getByLabel('4 — Intéressé·e').check();
  await first.getByRole('button', { name: 'Enregistrer mon avis' }).click();
  await page.getByText('Votre avis est enregistré.').waitFor();
  const saved = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Tour 1 · 14 h 00 – 14 h 07' }) });
  t.ok(await saved.getByLabel('4 — Intéressé·e').isChecked(), 'the choice is kept');
  t.ok(await saved.getByText('Avis donné : 4 sur 5 — Intéressé·e.').isVisible());
  t.ok(await saved.getByRole('button', { name: 'Modifier mon avis' }).isVisible(), 'editable while the forum is open');
  await screenshot(t, page, 'forum-evaluation');
  await expectAccessible(t, page);
});
