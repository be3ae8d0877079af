import t from 'tap';
import { setup } from '../helpers/app.js';
import { createUser, signedIn } from '../helpers/factories.js';
import { createPlacedBinome, createPublicPartner } from '../helpers/programme-factories.js';
import { createProject } from '../helpers/projects-factories.js';
import { textOf, Visitor } from './helpers.js';

/** The pages of projects and outings: « Mon binôme » for the volunteers, « Projets » for the staff; rendering, refusals, escaping, errors beside their fields. */
const ctx = await setup(t);
const DAY = 86_400_000;
const start = new Date(Date.now() - 60 * DAY);
const startsOn = `${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, '0')}-01`;
const binome = await createPlacedBinome(ctx.db, { startsOn, durationMonths: 8 });
const partner = await createPublicPartner(ctx.db, { operatorId: binome.operatorId, name: 'EHPAD Les Tilleuls' });
const cast = { ...binome, partnerId: partner.id };

async function visitor(email: string) {
  const v = new Visitor(ctx);
  await v.signIn(email);
  return v;
}
const ines = await visitor(binome.volunteers[0].email);
const coordinator = await visitor(binome.coordinator.email);
const tutor = await visitor(binome.hostTutor.email);
const rival = await visitor((await createUser(ctx.db, 'coordinator')).email);
const lonely = await visitor((await createUser(ctx.db, 'candidate')).email);

/** A Paris day and time `days` from now, as the outing form takes them. */
const paris = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + days * DAY));

t.test('« Mon binôme »: the mission, the tutors, the projects, the certificate’s link; none without a binôme; candidates only', async (t) => {
  await createProject(ctx.db, cast, { title: 'Groupe de spectateurs', status: 'submitted' });
  const page = await ines.get('/mon-binome');
  t.equal(page.statusCode, 200);
  const text = textOf(page.body);
  t.match(text, /Mon binôme et ma mission/);
  t.match(text, /avec Yanis/);
  t.match(text, new RegExp(binome.hostTutor.full_name!));
  t.match(text, /Nos projets de médiation Groupe de spectateurs À valider/);
  t.match(page.body, /href="\/mon-binome\/attestation"[^>]*>\s*Mon attestation/);
  t.match(page.body, /href="\/mon-binome\/projets\/nouveau"/);
  t.match(textOf((await lonely.get('/mon-binome')).body), /Vous n’avez pas encore de binôme/);
  t.notMatch((await lonely.get('/mon-binome')).body, /Créer un projet/);
  t.equal((await lonely.get('/mon-binome/projets/nouveau')).statusCode, 404, 'no binôme, no project');
  t.equal((await coordinator.get('/mon-binome')).statusCode, 403);
  t.equal((await tutor.get('/mon-binome/projets/nouveau')).statusCode, 403);
  const anonymous = await new Visitor(ctx).get('/mon-binome');
  t.equal(anonymous.statusCode, 302, 'to the sign-in page');
});

t.test('creating a project: errors beside their fields with what was typed kept; a title with <script> is escaped', async (t) => {
  await ines.get('/mon-binome/projets/nouveau');
  const bad = await ines.post('/mon-binome/projets/nouveau', { title: 'Les <script>alert(1)</script> du jeudi', aim: '', startsOn: '2027-05-01', endsOn: '2027-04-01', [`publics-${partner.id}`]: ['seniors'] });
  t.equal(bad.statusCode, 400);
  t.match(bad.body, /id="champ-aim-erreur"/, 'the aim’s error beside it');
  t.match(bad.body, /value="Les &lt;script>alert\(1\)&lt;\/script> du jeudi"/, 'the title kept, escaped');
  t.notMatch(bad.body, /<script>alert/);
  t.match(bad.body, /value="seniors" checked/, 'the public checked is kept');
  const dates = await ines.post('/mon-binome/projets/nouveau', { title: 'Dates', aim: 'Un but.', startsOn: '2027-05-01', endsOn: '2027-04-01' });
  t.equal(dates.statusCode, 422);
  t.match(dates.body, /id="champ-endsOn-erreur"[^]*après la date de début/);

  const made = await ines.post('/mon-binome/projets/nouveau', { title: 'Les <script>alert(1)</script> du jeudi', aim: 'Voir des spectacles ensemble.', [`publics-${partner.id}`]: ['seniors', 'families'] });
  t.equal(made.statusCode, 303, made.body);
  const location = made.headers.location as string;
  t.match(location, /^\/mon-binome\/projets\/[0-9a-f-]{36}\?fait=cree$/);
  const page = await ines.get(location);
  t.equal(page.statusCode, 200);
  t.match(page.body, /<h1 class="mission-title">Les &lt;script>alert\(1\)&lt;\/script> du jeudi<\/h1>/);
  t.notMatch(page.body, /<script>alert/);
  t.match(textOf(page.body), /EHPAD Les Tilleuls : personnes âgées, familles/);
  t.match(page.body, /Soumettre à la coordination/);
  // Staff see it too, escaped the same; another operator's coordinator does not.
  const id = location.split('/')[3]!.split('?')[0]!;
  const staffPage = await coordinator.get(`/gestion/projets/${id}`);
  t.equal(staffPage.statusCode, 200);
  t.notMatch(staffPage.body, /<script>alert/);
  t.equal((await rival.get(`/gestion/projets/${id}`)).statusCode, 404);
  t.equal((await lonely.get(`/mon-binome/projets/${id}`)).statusCode, 404);
  t.equal((await coordinator.get(`/mon-binome/projets/${id}`)).statusCode, 403);
  t.equal((await ines.get(`/gestion/projets/${id}`)).statusCode, 403);
});

t.test('the path of a project through the pages: edit, submit, return with a reason, validate; comments of the tutor', async (t) => {
  const project = await createProject(ctx.db, cast, { title: 'Sortie au musée' });
  const here = `/mon-binome/projets/${project.id}`;
  const edit = await ines.get(`${here}/modifier`);
  t.match(edit.body, /value="Sortie au musée"/);
  t.match(edit.body, /value="seniors" checked/);
  const saved = await ines.post(`${here}/modifier`, { version: '1', title: 'Sortie au Louvre-Lens', aim: 'Visiter la Galerie du temps.', [`publics-${partner.id}`]: ['youth'] });
  t.equal(saved.statusCode, 303, saved.body);
  const stale = await ines.post(`${here}/modifier`, { version: '1', title: 'Encore', aim: 'x', [`publics-${partner.id}`]: ['youth'] });
  t.equal(stale.statusCode, 412);
  t.match(textOf(stale.body), /Le formulaire contient une erreur/);
  await ines.get(here);
  t.equal((await ines.post(`${here}/action`, { move: 'submit' })).statusCode, 303);

  const staffHere = `/gestion/projets/${project.id}`;
  await coordinator.get(staffHere);
  const noReason = await coordinator.post(`${staffHere}/action`, { move: 'return', 'reason-return': '' });
  t.equal(noReason.statusCode, 400);
  t.match(noReason.body, /id="champ-reason-return-erreur"/);
  t.equal((await coordinator.post(`${staffHere}/action`, { move: 'return', 'reason-return': 'Précisez le <b>public</b>.' })).statusCode, 303);
  const returned = await ines.get(here);
  t.match(returned.body, /Renvoyé en brouillon par la coordination :<\/strong> Précisez le &lt;b>public&lt;\/b>\./);
  await ines.post(`${here}/action`, { move: 'submit' });
  const volunteerValidates = await ines.post(`${here}/action`, { move: 'validate' });
  t.equal(volunteerValidates.statusCode, 403);
  t.match(textOf(volunteerValidates.body), /ne permet pas de valider un projet/);
  await coordinator.get(staffHere);
  t.equal((await coordinator.post(`${staffHere}/action`, { move: 'validate' })).statusCode, 303);
  t.match(textOf((await coordinator.get(`${staffHere}?fait=validate`)).body), /Le projet est validé/);

  await tutor.get(staffHere);
  const empty = await tutor.post(`${staffHere}/commentaires`, { body: '  ' });
  t.equal(empty.statusCode, 400);
  t.match(empty.body, /id="champ-body-erreur"/);
  t.equal((await tutor.post(`${staffHere}/commentaires`, { body: 'Le goûter est offert par l’EHPAD.' })).statusCode, 303);
  t.match(textOf((await ines.get(here)).body), /Le goûter est offert par l’EHPAD\./);
  t.notMatch((await tutor.get(staffHere)).body, /Valider le projet/, 'a tutor comments, does not validate');
});

t.test('outings through the pages: scheduling errors beside their fields, attendance after the start, its errors', async (t) => {
  const project = await createProject(ctx.db, cast, { title: 'Spectateurs', status: 'validated', publics: ['seniors'] });
  const here = `/mon-binome/projets/${project.id}`;
  const form = await ines.get(`${here}/sorties/nouvelle`);
  t.equal(form.statusCode, 200);
  t.match(form.body, new RegExp(`value="${binome.volunteers[0].id}" checked`), 'both volunteers go by default');
  const expected = `expected-${partner.id}-seniors`;
  const fields = { date: paris(-400), startTime: '14:00', endTime: '17:00', venueStructureId: binome.firstCircleId, whatKind: 'show', whatTitle: 'Il n’est pas encore minuit', transport: 'minibus', driverName: '', [expected]: '12', volunteerIds: [binome.volunteers[0].id] };
  const driver = await ines.post(`${here}/sorties/nouvelle`, fields);
  t.equal(driver.statusCode, 422);
  t.match(driver.body, /id="champ-driverName-erreur"/);
  t.match(driver.body, /value="Il n’est pas encore minuit"/, 'what was typed is kept');
  const outside = await ines.post(`${here}/sorties/nouvelle`, { ...fields, driverName: 'Marc' });
  t.equal(outside.statusCode, 422);
  t.match(outside.body, /id="champ-date-erreur"[^]*pendant la mission/);
  const badTime = await ines.post(`${here}/sorties/nouvelle`, { ...fields, startTime: '25:00', [expected]: '-2' });
  t.equal(badTime.statusCode, 400);
  t.match(badTime.body, /id="champ-startTime-erreur"/);
  t.match(badTime.body, new RegExp(`id="champ-${expected}-erreur"`));

  const made = await ines.post(`${here}/sorties/nouvelle`, { ...fields, date: paris(-2), transport: 'on_foot' });
  t.equal(made.statusCode, 303, made.body);
  const outingPage = made.headers.location as string;
  const page = await ines.get(outingPage);
  t.match(textOf(page.body), /Spectacle : Il n’est pas encore minuit/);
  t.match(textOf(page.body), /14 h 00 – 17 h 00/, 'Paris times');
  const present = `present-${partner.id}-seniors`;
  const firstTime = `firstTime-${partner.id}-seniors`;
  const base = outingPage.split('?')[0]!;
  const above = await ines.post(`${base}/presence`, { [present]: '15', [firstTime]: '3', account: 'Très bien.' });
  t.equal(above.statusCode, 422);
  t.match(above.body, new RegExp(`id="champ-${present}-erreur"[^]*ne peut pas dépasser les personnes attendues \\(12\\)`));
  t.match(above.body, /Très bien\./, 'the account typed is kept');
  const firstTimers = await ines.post(`${base}/presence`, { [present]: '10', [firstTime]: '11' });
  t.match(firstTimers.body, new RegExp(`id="champ-${firstTime}-erreur"`));
  const url = await ines.post(`${base}/presence`, { [present]: '10', [firstTime]: '4', photosUrl: 'javascript:alert(1)' });
  t.equal(url.statusCode, 400);
  t.match(url.body, /id="champ-photosUrl-erreur"[^]*http/);
  const ok = await ines.post(`${base}/presence`, { [present]: '13', [firstTime]: '4', [`walkIns-${partner.id}-seniors`]: '1', photosUrl: 'https://photos.example.org/1' });
  t.equal(ok.statusCode, 303, ok.body);
  const staffView = await coordinator.get(`/gestion/projets/${project.id}`);
  t.match(textOf(staffView.body), /13 présents sur 12 attendus/);
  t.match(textOf(staffView.body), /En cours/, 'the first attendance started the project');

  // A future outing: no attendance form yet, a cancel button.
  const future = await ines.post(`${here}/sorties/nouvelle`, { ...fields, date: paris(5), transport: 'on_foot' });
  const futurePage = await ines.get(future.headers.location as string);
  t.notMatch(futurePage.body, /Enregistrer la présence<\/button>/);
  t.match(futurePage.body, /Annuler la sortie/);
  const early = await ines.post(`${(future.headers.location as string).split('?')[0]}/presence`, { [present]: '1' });
  t.equal(early.statusCode, 422);
  t.match(textOf(early.body), /pas encore commencé/);
  t.equal((await rival.get(`/gestion/projets/${project.id}/sorties/${base.split('/').at(-1)}`)).statusCode, 404);
});

t.test('« Projets » for the staff: to validate first, filters, search, paging; a structure member sees their binômes’ only', async (t) => {
  const other = await createPlacedBinome(ctx.db, { operatorId: binome.operatorId, editionId: binome.editionId });
  const otherMember = await visitor(other.hostTutor.email);
  for (let i = 0; i < 22; i++) await createProject(ctx.db, cast, { title: `Projet n° ${String(i).padStart(2, '0')}`, status: i < 3 ? 'submitted' : 'draft' });
  const list = await coordinator.get('/gestion/projets');
  t.equal(list.statusCode, 200);
  const titles = [...list.body.matchAll(/class="card-link" href="\/gestion\/projets\/[^"]+">([^<]+)</g)].map((m) => m[1]);
  t.equal(titles.length, 20, 'a page of 20');
  t.match(list.body, /Projets suivants/);
  const statuses = [...list.body.matchAll(/project-status-(\w+)/g)].map((m) => m[1]);
  const lastSubmitted = statuses.lastIndexOf('submitted');
  t.ok(statuses.slice(0, lastSubmitted + 1).every((s) => s === 'submitted'), '« à valider » first');
  const next = /href="([^"]+)" rel="next"/.exec(list.body)![1]!.replaceAll('&amp;', '&');
  t.match(textOf((await coordinator.get(next)).body), /Projets précédents/);
  const search = await coordinator.get(`/gestion/projets?q=${encodeURIComponent('n° 07')}&statut=draft&edition=${binome.editionId}&tri=title`);
  t.same([...search.body.matchAll(/class="card-link"[^>]*>([^<]+)</g)].map((m) => m[1]), ['Projet n° 07']);
  t.match(search.body, /<option value="draft" selected/);
  t.match(textOf((await rival.get('/gestion/projets')).body), /Aucun projet ne correspond/);
  t.match(textOf((await otherMember.get('/gestion/projets')).body), /Aucun projet ne correspond/);
  t.match(textOf((await tutor.get('/gestion/projets?q=n°%2007')).body), /Projet n° 07/);
  t.equal((await ines.get('/gestion/projets')).statusCode, 403);
  const admin = await signedIn(ctx, 'admin');
  t.ok(admin.accessToken);
});
