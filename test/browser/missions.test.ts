import t from 'tap';
import { searchKey } from '../../src/lib/search-key.js';
import { createMission, createProfile, createUser, uniqueName } from '../helpers/factories.js';
import { expectAccessible } from './axe.js';
import { browserSuite, expectNoPageErrors, MOBILE, screenshot } from './harness.js';

// Journey steps 3 and 5 (apply): a candidate finds a mission by words and place (the place
// field's suggestions come from htmx), opens it, signs in from its page, reads the eligibility
// lines, is refused an empty motivation, then applies and lands on « Mes candidatures ».

const suite = await browserSuite(t);

suite.atViewports(t, 'missions', async (t, page, viewport) => {
  const word = uniqueName('mediation').replace(' ', '').toLowerCase();
  const title = `Médiation ${word} au musée`;
  // In Lens, searched for around Liévin (3.5 km away).
  const mission = await createMission(suite.db, { title, communeCode: '62498', startsOn: '2027-10-01' });
  await suite.db.updateTable('missions').set({ search_text: searchKey(`${title} ${mission.description}`) }).where('id', '=', mission.id).execute();
  const candidate = await createUser(suite.db, 'candidate');
  await createProfile(suite.db, candidate.id, { birthDate: '2005-03-10' });

  // The search: words, and a place picked among the suggestions.
  await page.goto('/');
  await page.getByRole('link', { name: 'Chercher une mission' }).click();
  await page.getByRole('heading', { name: 'Trouver une mission', level: 1 }).waitFor();
  await page.getByLabel('Mots-clés').fill(word);
  const place = page.getByLabel('Commune ou code postal');
  await place.fill('Liév');
  await page.locator('#communes-proposees option[value="Liévin (62800)"]').waitFor({ state: 'attached' });
  t.pass('the place field suggests Liévin');
  await place.fill('Liévin (62800)');
  await page.getByLabel('Dans un rayon de').selectOption('10');
  await page.getByRole('button', { name: 'Chercher' }).click();
  await page.waitForURL(/lieu=/);
  const url = new URL(page.url());
  t.equal(url.searchParams.get('q'), word, 'the words in the address');
  t.equal(url.searchParams.get('lieu'), 'Liévin (62800)');
  t.equal(await place.inputValue(), 'Liévin (62800)', 'the place kept in the form');
  const result = page.getByRole('link', { name: title });
  await result.waitFor();
  t.match(await page.locator('.card').filter({ has: result }).innerText(), /Lens · à \d(,\d)? km/, 'the distance');
  await screenshot(t, page, 'missions-search');
  await expectAccessible(t, page);

  // The mission's page, before signing in.
  await result.click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  t.equal(new URL(page.url()).pathname, `/mission/${mission.id}`);
  t.ok(await page.getByText('vendredi 1er octobre 2027').first().isVisible(), 'the start date in French');
  const panel = page.locator('section', { has: page.getByRole('heading', { name: 'Est-ce que je peux postuler ?' }) });
  await expectAccessible(t, page);

  // Sign in from the panel: back to the mission.
  await panel.getByRole('link', { name: 'Se connecter' }).click();
  await page.getByLabel('Adresse e-mail').fill(candidate.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(candidate.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`**/mission/${mission.id}`);
  await panel.getByText('Oui : vous remplissez toutes les conditions').waitFor();
  t.ok(await panel.getByText('Âge minimum').isVisible(), 'a line per rule');
  t.equal(await panel.locator('.check-ok').count(), 7);
  await screenshot(t, page, 'missions-mission');
  await expectAccessible(t, page);

  // An empty motivation is refused beside its field; the summary takes the focus.
  await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  t.match(await page.title(), /^Erreur : /);
  await page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { className: string } | null } }).document.activeElement?.className === 'error-summary');
  t.pass('the summary has the focus');
  const motivation = page.getByLabel('Votre motivation');
  t.equal(await motivation.getAttribute('aria-invalid'), 'true');
  await screenshot(t, page, 'missions-apply-error');
  await expectAccessible(t, page);

  // Applying.
  await motivation.fill('J’aimerais faire découvrir le musée aux enfants du quartier.');
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/mes-candidatures')), page.getByRole('button', { name: 'Envoyer ma candidature' }).click()]);
  t.equal(response.status(), 200);
  t.equal(new URL(page.url()).pathname, '/mes-candidatures', 'to « Mes candidatures »');
  await page.getByRole('status').filter({ hasText: 'Votre candidature est envoyée' }).waitFor();
  t.ok(await page.getByRole('link', { name: title }).first().isVisible(), 'the application listed');
  await screenshot(t, page, 'missions-applied');
  const application = await suite.db.selectFrom('applications').selectAll().where('mission_id', '=', mission.id).where('candidate_id', '=', candidate.id).executeTakeFirst();
  t.equal(application?.status, 'submitted', `applied (${viewport.name})`);
  t.equal(application?.motivation, 'J’aimerais faire découvrir le musée aux enfants du quartier.');
});

t.test('the search works without JavaScript: the server reads the place as typed', async (t) => {
  const page = await suite.page(t, MOBILE, { javaScriptEnabled: false });
  const word = uniqueName('sansjs').replace(' ', '').toLowerCase();
  const title = `Jardinage ${word} à Lens`;
  const mission = await createMission(suite.db, { title, communeCode: '62498' });
  await suite.db.updateTable('missions').set({ search_text: searchKey(`${title} ${mission.description}`) }).where('id', '=', mission.id).execute();
  await page.goto('/trouver-une-mission');
  await page.getByLabel('Mots-clés').fill(word);
  await page.getByLabel('Commune ou code postal').fill('lievin');
  await page.getByRole('button', { name: 'Chercher' }).click();
  await page.getByRole('link', { name: title }).waitFor();
  t.equal(await page.getByLabel('Commune ou code postal').inputValue(), 'Liévin (62800)', 'the commune the server understood');
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  t.equal(new URL(page.url()).pathname, `/mission/${mission.id}`);
  expectNoPageErrors(t, page);
});
