import t from 'tap';
import { setup } from '../helpers/app.js';
import { createApplication, createProfile, createUser, signIn } from '../helpers/factories.js';
import { textOf, Visitor } from './helpers.js';
import { addRate, seedPlacementBoard } from './placement-fixtures.js';

/** The placement board: runs, their page, constraints, comparing, applying; who may see them. */
const ctx = await setup(t);
const board = await seedPlacementBoard(ctx.db, { names: ['Amélie', 'Bastien', '<script>alert(1)</script>', 'Dylan'] });
const { edition, coordinator, volunteers, missions, hosts } = board;

const signedInAs = async (email: string) => {
  const visitor = new Visitor(ctx);
  await visitor.signIn(email);
  return visitor;
};
const coordination = await signedInAs(coordinator.email);
let firstRun = '';
const runIdOf = (location: unknown) => /\/gestion\/placement\/propositions\/([0-9a-f-]{36})$/.exec(String(location))?.[1];

t.test('the coordinator picks the edition, runs an optimal placement and reads it explained', async (t) => {
  const home = await coordination.get('/gestion/placement');
  t.equal(home.statusCode, 200);
  t.match(textOf(home.body), edition.label, 'the edition selector lists the edition');
  const page = await coordination.get(`/gestion/placement?edition=${edition.id}`);
  t.equal(page.statusCode, 200);
  t.match(textOf(page.body), 'Aucune proposition pour l’instant');
  t.match(page.body, /<input id="champ-host" type="range" name="host" min="0" max="10" step="0.5" value="3"/, 'weights are range sliders at their defaults');
  t.match(textOf(page.body), 'sa note au forum (1 à 5)', 'each weight says what it means');

  const res = await coordination.post(`/gestion/placement/editions/${edition.id}/propositions`, { mode: 'optimal', host: '3', distance: '1' });
  t.equal(res.statusCode, 303, res.body);
  const runId = runIdOf(res.headers.location);
  t.ok(runId);
  const run = await coordination.get(`/gestion/placement/propositions/${runId}`);
  t.equal(run.statusCode, 200);
  const text = textOf(run.body);
  t.match(text, 'Proposition n° 1');
  t.match(text, '2 binômes proposés');
  t.match(text, 'Proposition prouvée optimale');
  t.match(text, missions[0]!.title);
  t.match(text, /note de la candidature par la structure : \d\/5 \(pas de rencontre au forum\)/, 'each part’s source in French');
  t.match(text, /Avis de la structure d’accueil \d+\/100, poids 3/, 'each part with its weight');
  t.match(text, 'Barème d’indemnité manquant', 'the missing rate is shown before applying');
  t.match(run.body, 'href="/admin/baremes"');
  t.notMatch(run.body, '/appliquer"', 'and there is no apply button until a rate covers the start');
  t.notMatch(run.body, '<script>alert(1)</script>', 'a hostile name stays text');
  t.match(text, '<script>alert(1)</script>', 'shown as it was typed');
  firstRun = runId!;
});

t.test('who may not: sign-in first, structure members and candidates 403, another operator’s run and edition 404', async (t) => {
  const anonymous = await new Visitor(ctx).get('/gestion/placement');
  t.equal(anonymous.statusCode, 302);
  t.equal(anonymous.headers.location, '/connexion?next=%2Fgestion%2Fplacement');
  const member = await signedInAs(hosts[0]!.member.email);
  const refused = await member.get('/gestion/placement');
  t.equal(refused.statusCode, 403);
  t.match(textOf(refused.body), 'Accès refusé');
  t.equal((await member.get(`/gestion/placement/propositions/${firstRun}`)).statusCode, 403);
  const candidate = await signedInAs(volunteers[0]!.user.email);
  t.equal((await candidate.get('/gestion/placement')).statusCode, 403);
  t.equal((await candidate.get('/gestion/binomes')).statusCode, 403);
  t.equal((await candidate.get('/admin/baremes')).statusCode, 403);
  const rival = await signedInAs((await createUser(ctx.db, 'coordinator')).email);
  t.equal((await rival.get(`/gestion/placement/propositions/${firstRun}`)).statusCode, 404, 'another operator’s run is not found');
  t.equal((await rival.get(`/gestion/placement?edition=${edition.id}`)).statusCode, 404, 'nor its edition');
  t.equal((await rival.get('/gestion/placement/propositions/pas-un-identifiant')).statusCode, 404);
  const applied = await rival.post(`/gestion/placement/propositions/${firstRun}/appliquer`, {});
  t.equal(applied.statusCode, 404, 'nor can it be applied');
  t.equal((await coordination.get('/admin/baremes')).statusCode, 403, 'the rates page is the admins’');
});

t.test('a form without its CSRF token is refused, nothing computed', async (t) => {
  const before = await ctx.db.selectFrom('placement_runs').select(ctx.db.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const res = await coordination.post(`/gestion/placement/editions/${edition.id}/propositions`, { mode: 'optimal' }, { csrf: false });
  t.equal(res.statusCode, 403);
  t.match(textOf(res.body), 'La page a expiré');
  const after = await ctx.db.selectFrom('placement_runs').select(ctx.db.fn.countAll().as('n')).executeTakeFirstOrThrow();
  t.equal(Number(after.n), Number(before.n));
});

t.test('a refused run comes back filled: a weight out of range beside its slider, a constraint that cannot hold named', async (t) => {
  const res = await coordination.post(`/gestion/placement/editions/${edition.id}/propositions?from=${firstRun}`, { mode: 'stable', host: '12', distance: '4' });
  t.equal(res.statusCode, 400);
  t.match(res.body, /<title>Erreur : Proposition n° 1/);
  t.match(res.body, /id="champ-host-erreur"/, 'the error beside the slider');
  t.match(res.body, /name="distance" min="0" max="10" step="0.5" value="4"/, 'what was set is kept');
  t.match(res.body, /id="champ-mode-stable" name="mode" value="stable" checked/);
  const [a, b] = volunteers;
  const clash = await coordination.post(`/gestion/placement/editions/${edition.id}/propositions?from=${firstRun}`, {
    mode: 'optimal',
    fixerVolontaire: a!.user.id,
    fixerMission: missions[0]!.id,
    contrainte: `fixer:${a!.user.id}:${missions[1]!.id}`,
  });
  t.equal(clash.statusCode, 422);
  t.match(textOf(clash.body), /Contrainte n° \d : /, 'the refusal names the constraint');
  t.match(clash.body, `value="fixer:${a!.user.id}:${missions[1]!.id}" checked`, 'the constraints come back ticked');
  const same = await coordination.post(`/gestion/placement/editions/${edition.id}/propositions?from=${firstRun}`, { mode: 'optimal', ensembleA: b!.user.id, ensembleB: b!.user.id });
  t.equal(same.statusCode, 400);
  t.match(textOf(same.body), 'Choisissez deux volontaires différents');
});

let secondRun = '';
t.test('keeping a pair and re-running: the lock is kept, the runs compare', async (t) => {
  const first = await coordination.get(`/gestion/placement/propositions/${firstRun}`);
  const offered = [...first.body.matchAll(/name="contrainte" value="(ensemble:[^"]+)" form="relancer"/g)].map((m) => m[1]!);
  t.equal(offered.length, 2, 'each card offers to keep its pair');
  // The minor's pair is kept (their binôme is the one the next test confirms).
  const kept = offered.find((v) => v.includes(volunteers[3]!.user.id));
  t.ok(kept);
  const [, a, b, mission] = kept!.split(':');
  // One of the other two may not go to the other mission: with the pair kept, they are left without a place.
  const other = volunteers.find((v) => v.user.id !== a && v.user.id !== b)!;
  const otherMission = missions.find((m) => m.id !== mission)!;
  const res = await coordination.post(`/gestion/placement/editions/${edition.id}/propositions?from=${firstRun}`, {
    mode: 'optimal',
    contrainte: kept!,
    exclureVolontaire: other.user.id,
    exclureMission: otherMission.id,
  });
  t.equal(res.statusCode, 303, res.body);
  secondRun = runIdOf(res.headers.location)!;
  const stored = await ctx.db.selectFrom('placement_runs').select(['locks', 'exclusions']).where('id', '=', secondRun).executeTakeFirstOrThrow();
  t.same(stored.locks, [{ candidateIds: [a, b], missionId: mission }]);
  t.same(stored.exclusions, [{ candidateId: other.user.id, missionId: otherMission.id }]);
  const page = await coordination.get(`/gestion/placement/propositions/${secondRun}`);
  t.match(page.body, `value="${kept}" form="relancer" checked`, 'the kept pair is ticked on its card');
  t.match(textOf(page.body), `${other.name} jamais sur « ${otherMission.title} »`, 'the exclusion is listed in words');
  t.match(textOf(page.body), /volontaires? sans place/);
  t.match(page.body, `comparer?a=${firstRun}&amp;b=${secondRun}`);
  const compare = await coordination.get(`/gestion/placement/editions/${edition.id}/comparer?a=${firstRun}&b=${secondRun}`);
  t.equal(compare.statusCode, 200);
  t.match(textOf(compare.body), /Propositions n° 1 et n° 2/);
  t.match(textOf(compare.body), /\d volontaires? (ont|a) bougé/);
  t.match(textOf(compare.body), `${other.name} N° 1 ${otherMission.title}`, 'who moved: where they were');
  const list = await coordination.get(`/gestion/placement?edition=${edition.id}`);
  t.match(textOf(list.body), 'Comparer deux propositions');
  t.equal((await coordination.get(`/gestion/placement/editions/${edition.id}/comparer?a=${firstRun}`)).statusCode, 404);
});

t.test('applying: refused while no rate covers the start, then the binômes, a parental consent, both accept: confirmed', async (t) => {
  const refused = await coordination.post(`/gestion/placement/propositions/${secondRun}/appliquer`, {});
  t.equal(refused.statusCode, 422, 'the service refuses as the page said');
  t.match(textOf(refused.body), 'Barème d’indemnité manquant');
  await addRate(ctx.db);
  const page = await coordination.get(`/gestion/placement/propositions/${secondRun}`);
  t.notMatch(textOf(page.body), 'Barème d’indemnité manquant');
  const res = await coordination.post(`/gestion/placement/propositions/${secondRun}/appliquer`, {});
  t.equal(res.statusCode, 303, res.body);
  t.equal(res.headers.location, `/gestion/placement/propositions/${secondRun}?applique=1`);
  t.match(textOf((await coordination.get(String(res.headers.location))).body), 'La proposition est appliquée');
  const again = await coordination.post(`/gestion/placement/propositions/${firstRun}/appliquer`, {});
  t.equal(again.statusCode, 409, 'another run of the edition cannot be applied on top: its inputs changed');

  const binomes = await coordination.get(`/gestion/binomes?edition=${edition.id}`);
  t.equal(binomes.statusCode, 200);
  t.match(textOf(binomes.body), 'Proposé (offres en attente)');
  t.match(binomes.body, `href="/editions/${edition.id}/placements.csv"`);
  const minor = volunteers[3]!;
  const binome = await ctx.db.selectFrom('binome_members').select('binome_id').where('candidate_id', '=', minor.user.id).executeTakeFirstOrThrow();
  const detail = await coordination.get(`/gestion/binomes/${binome.binome_id}`);
  t.match(textOf(detail.body), 'autorisation parentale à enregistrer');
  const blank = await coordination.post(`/gestion/binomes/${binome.binome_id}/consentement/${minor.user.id}`, { signedBy: 'Nadia Durand', signedOn: '' });
  t.equal(blank.statusCode, 400);
  t.match(blank.body, 'value="Nadia Durand"', 'a refused consent comes back filled');
  t.match(blank.body, 'id="champ-signedOn-erreur"');
  const consent = await coordination.post(`/gestion/binomes/${binome.binome_id}/consentement/${minor.user.id}`, { signedBy: 'Nadia Durand', signedOn: '2026-11-30' });
  t.equal(consent.statusCode, 303, consent.body);
  const members = await ctx.db.selectFrom('binome_members').select(['candidate_id', 'application_id']).where('binome_id', '=', binome.binome_id).execute();
  for (const m of members) {
    const person = volunteers.find((v) => v.user.id === m.candidate_id)!;
    const { accessToken } = await signIn(ctx, person.user);
    const accepted = await ctx.call('POST', `/applications/${m.application_id}/accept`, { token: accessToken });
    t.equal(accepted.statusCode, 200, accepted.body);
  }
  const confirmed = await coordination.get(`/gestion/binomes/${binome.binome_id}`);
  t.match(textOf(confirmed.body), 'Confirmé');
  t.match(textOf(confirmed.body), 'autorisation parentale signée par Nadia Durand le');
  t.match(confirmed.body, `/gestion/binomes/${binome.binome_id}/fiche`);
  const sheet = await coordination.get(`/gestion/binomes/${binome.binome_id}/fiche`);
  t.equal(sheet.statusCode, 200);
  t.match(textOf(sheet.body), 'Indemnité mensuelle 610,00 €');
  t.match(sheet.body, /href="\/placements\/[0-9a-f-]{36}\/sheet\?format=csv"/);
  const csv = await coordination.get(`/editions/${edition.id}/placements.csv`);
  t.equal(csv.statusCode, 200, 'the edition’s CSV opens with the console’s cookie');

  // The structure's member: their binôme and the tutor's view of the sheet, nothing to change.
  const hostId = (await ctx.db.selectFrom('binomes').innerJoin('missions', 'missions.id', 'binomes.mission_id').select('missions.host_structure_id').where('binomes.id', '=', binome.binome_id).executeTakeFirstOrThrow()).host_structure_id;
  const own = hosts.find((h) => h.host.id === hostId)!;
  const other = hosts.find((h) => h.host.id !== hostId)!;
  const member = await signedInAs(own.member.email);
  const list = await member.get(`/gestion/binomes?edition=${edition.id}`);
  t.equal(list.statusCode, 200);
  t.equal((list.body.match(/class="card-title"/g) ?? []).length, 1, 'only their structure’s binôme');
  t.equal((await member.get(`/gestion/binomes/${binome.binome_id}/fiche`)).statusCode, 200);
  t.notMatch((await member.get(`/gestion/binomes/${binome.binome_id}`)).body, 'Dissoudre le binôme', 'read-only');
  t.equal((await member.post(`/gestion/binomes/${binome.binome_id}/dissoudre`, { reason: 'non' })).statusCode, 403);
  const stranger = await signedInAs(other.member.email);
  t.equal((await stranger.get(`/gestion/binomes/${binome.binome_id}`)).statusCode, 404, 'another structure’s binôme is not found');

  const dissolved = await coordination.post(`/gestion/binomes/${binome.binome_id}/dissoudre`, { reason: '' });
  t.equal(dissolved.statusCode, 400, 'a reason is needed');
  const done = await coordination.post(`/gestion/binomes/${binome.binome_id}/dissoudre`, { reason: 'Déménagement' });
  t.equal(done.statusCode, 303);
  t.match(textOf((await coordination.get(`/gestion/binomes/${binome.binome_id}?fait=dissolution`)).body), 'Le binôme est dissous.');
});

t.test('replacing a volunteer who has not accepted: the choice of who comes, a refusal beside the field, the offer moved', async (t) => {
  // The dissolved binôme freed its volunteers: a new run placed them again, applied.
  const run = await coordination.post(`/gestion/placement/editions/${edition.id}/propositions`, { mode: 'optimal', host: '3', distance: '1' });
  t.equal(run.statusCode, 303, run.body);
  t.equal((await coordination.post(`/gestion/placement/propositions/${runIdOf(run.headers.location)}/appliquer`, {})).statusCode, 303);
  // A proposed binôme with a member who has not accepted (those who accepted before keep their place).
  const waiting = await ctx.db
    .selectFrom('binome_members as bm')
    .innerJoin('binomes as b', 'b.id', 'bm.binome_id')
    .select(['b.id', 'b.mission_id', 'bm.candidate_id', 'bm.application_id'])
    .where('b.edition_id', '=', edition.id)
    .where('b.status', '=', 'proposed')
    .where('bm.accepted_at', 'is', null)
    .where('bm.left_at', 'is', null)
    .orderBy('bm.candidate_id')
    .executeTakeFirstOrThrow();
  const open = { id: waiting.id, mission_id: waiting.mission_id };
  const stays = await ctx.db.selectFrom('binome_members').select('candidate_id').where('binome_id', '=', open.id).where('left_at', 'is', null).where('candidate_id', '!=', waiting.candidate_id).execute();
  const leaving = volunteers.find((v) => v.user.id === waiting.candidate_id)!;
  // Élise was shortlisted on the mission and is placed nowhere: she may take the seat.
  const elise = await createUser(ctx.db, 'candidate');
  await createProfile(ctx.db, elise.id, { firstName: 'Élise', lastName: 'Remplaçante', birthDate: '2003-03-03' });
  await createApplication(ctx.db, { missionId: open.mission_id, candidateId: elise.id, status: 'shortlisted' });

  const page = await coordination.get(`/gestion/binomes/${open.id}`);
  t.match(textOf(page.body), 'Remplacer un ou une volontaire');
  t.match(page.body, `<option value="${elise.id}">Élise Remplaçante</option>`, 'the volunteers who may come are offered');
  const blank = await coordination.post(`/gestion/binomes/${open.id}/remplacer`, { out: leaving.user.id, in: '' });
  t.equal(blank.statusCode, 400);
  t.match(blank.body, 'id="champ-in-erreur"', 'beside « Qui prend la place »');
  t.match(blank.body, `<option value="${leaving.user.id}" selected>`, 'the choice made stays');
  const stranger = await coordination.post(`/gestion/binomes/${open.id}/remplacer`, { out: elise.id, in: leaving.user.id });
  t.equal(stranger.statusCode, 422, 'who leaves must be a member');
  t.match(stranger.body, 'id="champ-out-erreur"');

  const done = await coordination.post(`/gestion/binomes/${open.id}/remplacer`, { out: leaving.user.id, in: elise.id });
  t.equal(done.statusCode, 303, done.body);
  t.equal(done.headers.location, `/gestion/binomes/${open.id}?fait=remplacement`);
  const after = textOf((await coordination.get(done.headers.location!)).body);
  t.match(after, 'Élise Remplaçante');
  t.match(after, `Remplacé·e·s : ${leaving.name}`, 'who left is shown apart');
  t.notMatch(after, `${leaving.name} : offre en attente`, 'and no longer waits for an answer');
  const members = await ctx.db.selectFrom('binome_members').select('candidate_id').where('binome_id', '=', open.id).where('left_at', 'is', null).execute();
  t.same(members.map((m) => m.candidate_id).sort(), [...stays.map((m) => m.candidate_id), elise.id].sort());
  const left = await ctx.db.selectFrom('applications').select('status').where('id', '=', waiting.application_id).executeTakeFirstOrThrow();
  t.not(left.status, 'offered', 'the offer of who left is withdrawn');
  t.equal((await ctx.db.selectFrom('applications').select('status').where('candidate_id', '=', elise.id).executeTakeFirstOrThrow()).status, 'offered', 'the place is offered to Élise');
});

t.test('the indemnity rates: listed, added with French amounts, a refused form filled, a date taken', async (t) => {
  const admin = await signedInAs((await createUser(ctx.db, 'admin')).email);
  const page = await admin.get('/admin/baremes');
  t.equal(page.statusCode, 200);
  t.match(textOf(page.body), 'À partir du 1er janvier 2026');
  const bad = await admin.post('/admin/baremes', { effectiveFrom: '2027-01-01', stateMonthly: 'beaucoup', hostMinMonthly: '120,50', source: 'Décret 2027' });
  t.equal(bad.statusCode, 400);
  t.match(bad.body, 'id="champ-stateMonthly-erreur"');
  t.match(bad.body, 'value="beaucoup"');
  t.match(bad.body, 'value="Décret 2027"');
  const ok = await admin.post('/admin/baremes', { effectiveFrom: '2027-01-01', stateMonthly: '520,10', hostMinMonthly: '120,50', source: 'Décret 2027' });
  t.equal(ok.statusCode, 303, ok.body);
  const list = textOf((await admin.get('/admin/baremes?ajoute=1')).body);
  t.match(list, 'Le barème est ajouté.');
  t.match(list, 'À partir du 1er janvier 2027 Part de l’État 520,10 € par mois');
  const taken = await admin.post('/admin/baremes', { effectiveFrom: '2027-01-01', stateMonthly: '1', hostMinMonthly: '1', source: 'x' });
  t.equal(taken.statusCode, 409);
  t.match(taken.body, 'id="champ-effectiveFrom-erreur"');
});
