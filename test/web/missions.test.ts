import t, { type Test } from 'tap';
import { setup } from '../helpers/app.js';
import { searchKey } from '../../src/lib/search-key.js';
import { createApplication, createMission as createBareMission, createProfile, createUser, uniqueName } from '../helpers/factories.js';
import { textOf, Visitor } from './helpers.js';

const ctx = await setup(t);

/** A mission as the factory makes it, with its search text written as the service would (the factory leaves it empty). */
async function createMission(...args: Parameters<typeof createBareMission>) {
  const mission = await createBareMission(...args);
  await ctx.db.updateTable('missions').set({ search_text: searchKey(`${mission.title} ${mission.description}`) }).where('id', '=', mission.id).execute();
  return mission;
}

// Real communes of the official list the test database holds: Lens (62498), Liévin (62510,
// ~4 km away) and Béthune (62119, ~17 km) with coordinates; Arras (62041) and Paris (75056)
// without (then a place means its own missions only).
const LENS = '62498';
const LIEVIN = '62510';
const BETHUNE = '62119';
const ARRAS = '62041';
const PARIS = '75056';

async function visitorAs(role: 'candidate' | 'structure_member', profile?: Parameters<typeof createProfile>[2] | false) {
  const user = await createUser(ctx.db, role);
  if (role === 'candidate' && profile !== false) await createProfile(ctx.db, user.id, profile ?? {});
  const visitor = new Visitor(ctx);
  await visitor.signIn(user.email);
  return { user, visitor };
}

/** The value an input of the page holds, by its name. */
function inputValue(html: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  return tag ? /value="([^"]*)"/.exec(tag)?.[1] : undefined;
}

function titles(html: string): string[] {
  return [...html.matchAll(/<a class="card-link" href="\/mission\/[^"]+">([^<]*)<\/a>/g)].map((m) => textOf(m[1]!));
}

function assertNoInlineCode(t: Test, html: string) {
  t.notMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/, 'no inline script');
  t.notMatch(html, /<[^>]*\son[a-z]+=/i, 'no inline event handler');
  t.notMatch(html, /<[^>]*\sstyle=/, 'no style attribute');
}

// A word no other mission of the file has, per test: each search names its own missions.
const word = () => uniqueName('mot').replace(' ', '').toLowerCase();

t.test('the search page: every filter, kept in the form and in the next page’s link', async (t) => {
  const w = word();
  const lens = await createMission(ctx.db, { title: `Théâtre ${w} à Lens`, communeCode: LENS, startsOn: '2027-03-01' });
  const lievin = await createMission(ctx.db, { title: `Musique ${w} à Liévin`, communeCode: LIEVIN, startsOn: '2027-05-01', openToMinors: true, weeklyHours: 24 });
  const bethune = await createMission(ctx.db, { title: `Sport ${w} à Béthune`, communeCode: BETHUNE, startsOn: '2027-09-01' });
  const arras = await createMission(ctx.db, { title: `Cinéma ${w} à Arras`, communeCode: ARRAS, startsOn: '2027-08-01' });
  const paris = await createMission(ctx.db, { title: `Jardin ${w} à Paris`, communeCode: PARIS, startsOn: '2027-04-01' });
  await ctx.db.updateTable('missions').set({ theme: 'sport' }).where('id', '=', bethune.id).execute();
  await createMission(ctx.db, { title: `Brouillon ${w}`, status: 'draft' });
  const visitor = new Visitor(ctx);

  const all = await visitor.get(`/trouver-une-mission?q=${w}`);
  t.equal(all.statusCode, 200);
  t.same(titles(all.body).sort(), [lens.title, lievin.title, bethune.title, arras.title, paris.title].sort(), 'published missions only');
  t.equal(inputValue(all.body, 'q'), w, 'the words stay in the form');
  t.match(all.body, '<form method="get" action="/trouver-une-mission" role="search"');
  t.match(all.body, 'href="/mission/', 'each result links to its page');
  assertNoInlineCode(t, all.body);

  const near = await visitor.get(`/trouver-une-mission?q=${w}&lieu=Lens&radiusKm=10`);
  t.equal(near.statusCode, 200);
  t.same(titles(near.body).sort(), [lens.title, lievin.title].sort(), 'within 10 km of Lens');
  t.equal(inputValue(near.body, 'lieu'), 'Lens (62300)', 'the place written as the commune it was read as');
  t.match(near.body, /<option value="10" selected/);
  t.match(textOf(near.body), /Liévin · à \d(,\d)? km/, 'the distance of each result');
  t.match(textOf(near.body), 'Lens · à moins d’1 km', 'in the commune itself');
  t.match(textOf(near.body), 'à 10 km au plus de Lens (62300)');
  t.notMatch(near.body, 'Vous cherchiez une autre commune', 'Lens has no homonym');
  const homonyms = await visitor.get('/trouver-une-mission?lieu=beaumont');
  t.equal(inputValue(homonyms.body, 'lieu'), 'Beaumont (63110)', 'the most populated of the homonyms');
  t.match(textOf(homonyms.body), 'Vous cherchiez une autre commune ? Beaumont (74160)');
  t.match(homonyms.body, 'href="/trouver-une-mission?lieu=Beaumont+%2874160%29"');

  const wider = await visitor.get(`/trouver-une-mission?q=${w}&lieu=62300&radiusKm=25`);
  t.same(titles(wider.body).sort(), [lens.title, lievin.title, bethune.title].sort(), 'a postal code, 25 km');
  const arrasOnly = await visitor.get(`/trouver-une-mission?q=${w}&lieu=arras`);
  t.same(titles(arrasOnly.body), [arras.title], 'a commune without coordinates: its own missions');
  t.match(textOf(arrasOnly.body), 'à Arras (62000)');
  const suggested = await visitor.get(`/trouver-une-mission?q=${w}&lieu=${encodeURIComponent('Liévin (62800)')}&radiusKm=5`);
  t.same(titles(suggested.body).sort(), [lens.title, lievin.title].sort(), 'a suggestion as the field holds it');

  const sport = await visitor.get(`/trouver-une-mission?q=${w}&theme=sport`);
  t.same(titles(sport.body), [bethune.title]);
  t.match(sport.body, /<option value="sport" selected/);

  const dates = await visitor.get(`/trouver-une-mission?q=${w}&startsAfter=2027-04-01&startsBefore=2027-06-30`);
  t.same(titles(dates.body).sort(), [lievin.title, paris.title].sort(), 'starting between two dates');
  t.same(titles((await visitor.get(`/trouver-une-mission?q=${w}&startsAfter=2027-08-01`)).body).sort(), [arras.title, bethune.title].sort(), 'the day itself included');
  t.equal(inputValue(dates.body, 'startsAfter'), '2027-04-01');
  t.equal(inputValue(dates.body, 'startsBefore'), '2027-06-30');
  t.match(textOf(dates.body), 'un début à partir du jeudi 1er avril 2027');

  const minors = await visitor.get(`/trouver-une-mission?q=${w}&openToMinors=true`);
  t.same(titles(minors.body), [lievin.title]);
  t.match(minors.body, /<input[^>]*name="openToMinors"[^>]*checked/);
  t.match(minors.body, '<p class="tag">Ouverte aux mineurs</p>');

  const nothing = await visitor.get(`/trouver-une-mission?q=${w}&theme=sante&lieu=Lens&radiusKm=5`);
  t.equal(nothing.statusCode, 200);
  t.same(titles(nothing.body), []);
  const empty = textOf(nothing.body);
  t.match(empty, 'Aucune mission ne correspond à cette recherche');
  t.match(empty, 'Chercher dans un rayon de 10 km');
  t.match(empty, 'Chercher dans tous les thèmes');
  t.match(nothing.body, `href="/trouver-une-mission?q=${w}&amp;lieu=Lens+%2862300%29&amp;radiusKm=5"`, 'what to try links to the same search with one thing less');
});

t.test('pagination by the search’s cursor, the query kept in the links', async (t) => {
  const w = word();
  const made: string[] = [];
  for (let i = 0; i < 13; i++) made.push((await createMission(ctx.db, { title: `Mission ${w} n° ${i}`, startsOn: `2027-06-${String(i + 10)}` })).title);
  const visitor = new Visitor(ctx);
  const first = await visitor.get(`/trouver-une-mission?q=${w}&theme=culture-loisirs`);
  const page1 = titles(first.body);
  t.equal(page1.length, 10);
  const next = /<a class="button" href="([^"]+)" rel="next">Missions suivantes<\/a>/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
  t.ok(next, 'a link to the next page');
  t.match(next!, `q=${w}`);
  t.match(next!, 'theme=culture-loisirs');
  t.match(next!, 'cursor=');
  const second = await visitor.get(next!);
  const page2 = titles(second.body);
  t.equal(page2.length, 3);
  t.same([...page1, ...page2].sort(), made.sort(), 'every mission once');
  t.notMatch(second.body, 'rel="next"', 'the last page');
  t.match(second.body, `href="/trouver-une-mission?q=${w}&amp;theme=culture-loisirs">Revenir aux premières missions`);
  t.equal(inputValue(second.body, 'q'), w);
  const forged = await visitor.get(`/trouver-une-mission?q=${w}&cursor=nimportequoi`);
  t.equal(forged.statusCode, 200, 'a damaged cursor: the first page');
  t.same(titles(forged.body), page1);
  const odd = await visitor.get(`/trouver-une-mission?q=${w}&lieu=Lens&radiusKm=7`);
  t.match(odd.body, '<option value="7" selected>7 km</option>', 'a radius of the address kept');
});

t.test('a search the page cannot read says why, beside the field', async (t) => {
  const visitor = new Visitor(ctx);
  const unknown = await visitor.get('/trouver-une-mission?lieu=Zzyzxville');
  t.equal(unknown.statusCode, 400);
  t.match(unknown.body, /<title>Erreur : Trouver une mission/);
  t.match(unknown.body, 'aria-describedby="champ-lieu-aide champ-lieu-erreur"');
  t.match(textOf(unknown.body), 'Aucune commune ne correspond à « Zzyzxville »');
  t.equal(inputValue(unknown.body, 'lieu'), 'Zzyzxville', 'what was typed stays');
  t.match(unknown.body, 'href="#champ-lieu"', 'the summary links to the field');

  const dates = await visitor.get('/trouver-une-mission?startsAfter=2027-06-01&startsBefore=2027-01-01');
  t.equal(dates.statusCode, 400);
  t.match(dates.body, 'id="champ-startsBefore-erreur"');
  const bad = await visitor.get('/trouver-une-mission?startsAfter=demain');
  t.equal(bad.statusCode, 400);
  t.match(bad.body, 'id="champ-startsAfter-erreur"');
});

t.test('the place field’s suggestions', async (t) => {
  const visitor = new Visitor(ctx);
  const lievin = await visitor.get('/trouver-une-mission/communes?lieu=lievin', { 'hx-request': 'true' });
  t.equal(lievin.statusCode, 200);
  t.match(lievin.headers['content-type'], /text\/html/);
  t.match(lievin.body, '<option value="Liévin (62800)"></option>');
  t.notMatch(lievin.body, '<html', 'a fragment, not a page');
  const postal = await visitor.get('/trouver-une-mission/communes?lieu=62300');
  t.match(postal.body, '<option value="Lens (62300)"></option>');
  t.equal((await visitor.get('/trouver-une-mission/communes?lieu=l')).body, '', 'nothing for one letter');
  t.equal((await visitor.get('/trouver-une-mission/communes?lieu=%25%25')).body, '', 'nothing for punctuation');
  const page = await visitor.get('/trouver-une-mission');
  t.match(page.body, 'list="communes-proposees"');
  t.match(page.body, 'hx-get="/trouver-une-mission/communes"');
  t.match(page.body, '<datalist id="communes-proposees"></datalist>');
});

t.test('a mission’s page for someone not signed in', async (t) => {
  const mission = await createMission(ctx.db, { title: 'Ambassadeur du Louvre-Lens', startsOn: '2027-10-01', places: 4, weeklyHours: 28, openToMinors: false });
  const host = await ctx.db.selectFrom('structures').select('name').where('id', '=', mission.host_structure_id).executeTakeFirstOrThrow();
  const partner = await ctx.db.selectFrom('structures').select('name').where('id', '=', mission.first_circle_structure_id).executeTakeFirstOrThrow();
  const res = await new Visitor(ctx).get(`/mission/${mission.id}`);
  t.equal(res.statusCode, 200);
  t.match(res.body, '<title>Ambassadeur du Louvre-Lens — Binôme</title>');
  const text = textOf(res.body);
  t.match(text, 'Médiation culturelle auprès des publics éloignés', 'the description');
  t.match(text, `Structure d’accueil ${host.name}`);
  t.match(text, `Structure partenaire (premier cercle) ${partner.name}`);
  t.match(text, 'Lieu Lens');
  t.match(text, 'Du vendredi 1er octobre 2027 au ', 'the dates in French');
  t.match(text, '(6 mois)');
  t.match(text, '28 heures par semaine, sur 5 jours');
  t.match(text, '4 places');
  t.match(text, 'Ouverte aux mineurs Non');
  t.match(text, 'Est-ce que je peux postuler ?');
  t.match(res.body, `href="/connexion?next=%2Fmission%2F${mission.id}"`, 'sign in, then back here');
  t.match(res.body, 'href="/inscription');
  t.notMatch(res.body, 'name="motivation"', 'no form before signing in');
  assertNoInlineCode(t, res.body);
});

t.test('a candidate sees each rule in words, and the form', async (t) => {
  const mission = await createMission(ctx.db, { startsOn: '2027-10-01' });
  const { visitor } = await visitorAs('candidate', { birthDate: '2005-03-10' });
  const res = await visitor.get(`/mission/${mission.id}`);
  t.equal(res.statusCode, 200);
  const text = textOf(res.body);
  t.match(text, 'Oui : vous remplissez toutes les conditions');
  for (const rule of ['Âge minimum', 'Âge maximum', 'Mission ouverte aux mineurs', 'Nationalité ou titre de séjour', 'Un seul service civique', 'Une seule mission à la fois']) {
    t.match(text, `${rule} : condition remplie`, rule);
  }
  t.equal((res.body.match(/class="check check-ok"/g) ?? []).length, 7, 'one line per rule');
  t.match(res.body, '<span class="check-icon" aria-hidden="true">✓</span>', 'an icon beside the words');
  t.match(res.body, `action="/mission/${mission.id}/postuler"`);
  t.match(res.body, /<textarea id="champ-motivation" name="motivation"/);
  t.match(res.body, /<label for="champ-motivation">Votre motivation<\/label>/);
});

t.test('an ineligible candidate sees the rule that refuses, and what to do', async (t) => {
  const mission = await createMission(ctx.db, { startsOn: '2027-10-01', openToMinors: false });
  // 17 at the start: a minor, on a mission not open to minors.
  const { visitor } = await visitorAs('candidate', { birthDate: '2010-05-01' });
  const res = await visitor.get(`/mission/${mission.id}`);
  t.equal(res.statusCode, 200);
  const text = textOf(res.body);
  t.match(text, 'Non : 1 condition n’est pas remplie');
  t.match(text, 'Mission ouverte aux mineurs : condition non remplie');
  t.match(text, 'Âge minimum : condition remplie');
  t.match(res.body, '<span class="check-icon" aria-hidden="true">✗</span>');
  t.match(text, 'Que faire ? Avant 18 ans, vous pouvez postuler aux missions ouvertes aux mineurs');
  t.match(res.body, 'href="/trouver-une-mission?openToMinors=true"');
  t.notMatch(res.body, 'name="motivation"', 'no form to send for nothing');

  // Sent all the same (a form kept open in another tab): refused, naming the rule, the motivation kept.
  const refused = await visitor.post(`/mission/${mission.id}/postuler`, { motivation: 'J’aime le théâtre & la musique.' });
  t.equal(refused.statusCode, 422);
  t.match(refused.body, /<title>Erreur : /);
  t.match(textOf(refused.body), 'Règle « Mission ouverte aux mineurs » :');
  t.match(refused.body, /<textarea[^>]*name="motivation"[^>]*>J’aime le théâtre &amp; la musique.<\/textarea>/, 'the motivation kept');
  t.equal(await applications(mission.id), 0);
});

t.test('without a profile, the panel asks for one; other roles are told who applies', async (t) => {
  const mission = await createMission(ctx.db);
  const { visitor } = await visitorAs('candidate', false);
  const res = await visitor.get(`/mission/${mission.id}`);
  t.equal(res.statusCode, 200);
  t.match(textOf(res.body), 'complétez d’abord votre profil');
  t.match(res.body, 'href="/mon-profil"');
  t.notMatch(res.body, 'name="motivation"');
  const member = await visitorAs('structure_member');
  const other = await member.visitor.get(`/mission/${mission.id}`);
  t.equal(other.statusCode, 200);
  t.match(textOf(other.body), 'avec un compte de candidat ou de candidate');
  const post = await member.visitor.post(`/mission/${mission.id}/postuler`, { motivation: 'x' });
  t.equal(post.statusCode, 403, 'only candidates apply');
});

t.test('hostile text in a mission stays text', async (t) => {
  const hostile = '<script>alert("mission")</script><img src=x onerror=alert(1)>';
  const mission = await createMission(ctx.db, { title: hostile });
  const description = `${hostile}\n\nSecond paragraphe`;
  await ctx.db.updateTable('missions').set({ description, search_text: searchKey(`${hostile} ${description}`) }).where('id', '=', mission.id).execute();
  const visitor = new Visitor(ctx);
  for (const url of [`/mission/${mission.id}`, `/trouver-une-mission?q=${encodeURIComponent('alert')}`, `/trouver-une-mission?q=${encodeURIComponent(hostile)}`]) {
    const res = await visitor.get(url);
    t.notMatch(res.body, '<script>alert', url);
    t.notMatch(res.body, '<img src=x', url);
    assertNoInlineCode(t, res.body);
  }
  const page = await visitor.get(`/mission/${mission.id}`);
  t.match(textOf(page.body), `La mission ${hostile} Second paragraphe`, 'shown as written');
  const query = await visitor.get(`/trouver-une-mission?q=${encodeURIComponent('"><script>x</script>')}`);
  t.notMatch(query.body, '"><script>x');
});

async function applications(missionId: string): Promise<number> {
  const row = await ctx.db.selectFrom('applications').select((eb) => eb.fn.countAll<string>().as('n')).where('mission_id', '=', missionId).executeTakeFirstOrThrow();
  return Number(row.n);
}

t.test('applying: to « Mes candidatures » with a message; a second time is refused with the motivation kept', async (t) => {
  const mission = await createMission(ctx.db);
  const { visitor, user } = await visitorAs('candidate');
  await visitor.get(`/mission/${mission.id}`);
  const key = /name="cle" value="([^"]+)"/.exec((await visitor.get(`/mission/${mission.id}`)).body)?.[1];
  t.ok(key, 'the form carries a key');
  const res = await visitor.post(`/mission/${mission.id}/postuler`, { motivation: 'Je veux faire découvrir le musée.', cle: key! });
  t.equal(res.statusCode, 303);
  t.equal(res.headers.location, '/mes-candidatures');
  t.ok(visitor.cookies.has('binome_flash'), 'a message for the next page');
  const mine = await visitor.get('/mes-candidatures');
  t.match(textOf(mine.body), 'Votre candidature est envoyée', 'said on « Mes candidatures »');
  const row = await ctx.db.selectFrom('applications').selectAll().where('mission_id', '=', mission.id).executeTakeFirstOrThrow();
  t.equal(row.candidate_id, user.id);
  t.equal(row.motivation, 'Je veux faire découvrir le musée.');
  t.equal(row.status, 'submitted');

  // The same form sent twice (a double click): applied once, the same answer.
  const twice = await visitor.post(`/mission/${mission.id}/postuler`, { motivation: 'Je veux faire découvrir le musée.', cle: key! });
  t.equal(twice.statusCode, 303);
  t.equal(await applications(mission.id), 1);

  const page = await visitor.get(`/mission/${mission.id}`);
  t.match(textOf(page.body), 'Vous avez déjà une candidature en cours pour cette mission');
  t.match(page.body, 'href="/mes-candidatures"');
  t.notMatch(page.body, 'name="motivation"');

  // Another form (a second tab): refused as a duplicate, what was typed kept.
  const again = await visitor.post(`/mission/${mission.id}/postuler`, { motivation: 'Encore <b>moi</b>' });
  t.equal(again.statusCode, 409);
  t.match(again.body, 'class="error-summary"');
  t.match(again.body, /<textarea[^>]*name="motivation"[^>]*>Encore &lt;b>moi&lt;\/b><\/textarea>/);
  t.equal(await applications(mission.id), 1);
});

t.test('applying refused: an empty motivation beside its field, the quota at the top', async (t) => {
  const mission = await createMission(ctx.db);
  const { visitor, user } = await visitorAs('candidate');
  await visitor.get(`/mission/${mission.id}`);
  const empty = await visitor.post(`/mission/${mission.id}/postuler`, { motivation: '   ' });
  t.equal(empty.statusCode, 400);
  t.match(empty.body, 'aria-describedby="champ-motivation-aide champ-motivation-erreur"');
  t.match(empty.body, 'aria-invalid="true"');
  t.match(empty.body, 'href="#champ-motivation"');

  for (let i = 0; i < 10; i++) await createApplication(ctx.db, { missionId: (await createMission(ctx.db)).id, candidateId: user.id });
  const quota = await visitor.post(`/mission/${mission.id}/postuler`, { motivation: 'Une onzième candidature' });
  t.equal(quota.statusCode, 422);
  t.match(textOf(quota.body), 'Règle « Nombre de candidatures en attente » :');
  t.match(quota.body, />Une onzième candidature<\/textarea>/);
});

t.test('applying needs the CSRF token and a session', async (t) => {
  const mission = await createMission(ctx.db);
  const { visitor } = await visitorAs('candidate');
  await visitor.get(`/mission/${mission.id}`);
  const forged = await visitor.post(`/mission/${mission.id}/postuler`, { motivation: 'Sans jeton' }, { csrf: false });
  t.equal(forged.statusCode, 403);
  t.match(textOf(forged.body), 'La page a expiré');
  t.equal(await applications(mission.id), 0);

  const anonymous = new Visitor(ctx);
  await anonymous.get(`/mission/${mission.id}`);
  const post = await anonymous.post(`/mission/${mission.id}/postuler`, { motivation: 'Pas connecté' });
  t.equal(post.statusCode, 303);
  t.equal(post.headers.location, '/connexion');
});

t.test('a mission the public may not see is the 404 page', async (t) => {
  const draft = await createMission(ctx.db, { status: 'draft' });
  const closed = await createMission(ctx.db, { status: 'closed' });
  const { visitor } = await visitorAs('candidate');
  for (const id of [draft.id, closed.id, '00000000-0000-4000-8000-000000000000', 'pas-un-identifiant']) {
    const res = await new Visitor(ctx).get(`/mission/${id}`);
    t.equal(res.statusCode, 404, id);
    t.match(textOf(res.body), 'Page introuvable');
    t.equal((await visitor.get(`/mission/${id}`)).statusCode, 404, `${id}, signed in`);
  }
  await visitor.get('/trouver-une-mission');
  const post = await visitor.post(`/mission/${draft.id}/postuler`, { motivation: 'x' });
  t.equal(post.statusCode, 404);
  const filled = await createMission(ctx.db, { status: 'filled' });
  const page = await visitor.get(`/mission/${filled.id}`);
  t.equal(page.statusCode, 200, 'a filled mission is still public');
  t.match(textOf(page.body), 'Toutes les places de cette mission sont prises');
  t.notMatch(page.body, 'name="motivation"');
});

t.test('the home page links to the missions and the search; the menu to the search', async (t) => {
  const mission = await createMission(ctx.db, { startsOn: '2027-01-15' });
  const home = await new Visitor(ctx).get('/');
  t.match(home.body, `href="/mission/${mission.id}"`);
  t.match(home.body, '<a class="button" href="/trouver-une-mission">Chercher une mission</a>');
  t.match(home.body, '<a href="/trouver-une-mission">Trouver une mission</a>', 'in the menu');
  const search = await new Visitor(ctx).get('/trouver-une-mission');
  t.match(search.body, '<a href="/trouver-une-mission" aria-current="page">Trouver une mission</a>');
});
