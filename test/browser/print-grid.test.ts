import t from 'tap';
import { createApplication, createEdition, createMission, createOperator, createProfile, createStructure, createUser, signedIn } from '../helpers/factories.js';
import { FORUM_DAY } from '../web/forum-day-fixtures.js';
import { browserSuite, DESKTOP } from './harness.js';

// The printable grid in a real browser, as the issue asks: 10 structures, 6 of them at 2 tables,
// give 16 columns, and every one of them must print on A4 landscape, none cut off. The forum is
// made through the API; the coordinator opens « Grille imprimable » from the forum's page.

const suite = await browserSuite(t);
const operator = await createOperator(suite.db);
const api = await signedIn(suite, 'coordinator', { operatorId: operator.id });
const token = api.accessToken;
const coordinator = await createUser(suite.db, 'coordinator', { operatorId: operator.id });

const edition = await createEdition(suite.db, { operatorId: operator.id, startsOn: '2027-01-01', endsOn: '2027-12-31' });
// Long names, as real ones are: they must wrap inside their column, not widen it.
const names = ['Médiathèque intercommunale de Lens-Liévin', 'Musée du Louvre-Lens, service des publics', 'Théâtre municipal d’Arras', 'Ludothèque', 'Centre social Jean-Jaurès', 'Maison de quartier', 'Conservatoire', 'Archives', 'Musée de la mine', 'Cinéma'];
const structures = [];
for (const name of names) structures.push(await createStructure(suite.db, { operatorId: operator.id, name }));
const mission = await createMission(suite.db, { operatorId: operator.id, editionId: edition.id, hostId: structures[0]!.id });
const created = await suite.call('POST', `/editions/${edition.id}/forums`, {
  token,
  body: { title: 'Forum du Bassin minier', venue: 'Maison syndicale', communeCode: '62498', heldOn: FORUM_DAY, startsAt: '14:00', endsAt: '16:00' },
});
if (created.statusCode !== 201) throw new Error(`forum: ${created.statusCode} ${created.body}`);
const forum = created.json() as { id: string };
const twoTables = structures.slice(0, 6);
for (const s of structures) {
  const seated = await suite.call('PUT', `/forums/${forum.id}/structures/${s.id}`, { token, body: { tables: twoTables.includes(s) ? 2 : 1 } });
  if (seated.statusCode !== 200) throw new Error(`seat: ${seated.statusCode} ${seated.body}`);
}
// 14 candidates each ask the six two-table structures (14 meetings each: both tables are needed
// in 7 rounds) and one of the others.
for (let i = 0; i < 14; i++) {
  const user = await createUser(suite.db, 'candidate');
  await createProfile(suite.db, user.id, { firstName: `Prénom${i}`, lastName: 'Durand' });
  await createApplication(suite.db, { missionId: mission.id, candidateId: user.id, status: 'shortlisted' });
  const invited = await suite.call('POST', `/forums/${forum.id}/candidates`, { token, body: { candidateId: user.id } });
  if (invited.statusCode >= 300) throw new Error(`invitation: ${invited.statusCode} ${invited.body}`);
  for (const s of [...twoTables, structures[6 + (i % 4)]!]) {
    const asked = await suite.call('POST', `/forums/${forum.id}/requests`, { token, body: { candidateId: user.id, structureId: s.id } });
    if (asked.statusCode >= 300) throw new Error(`request: ${asked.statusCode} ${asked.body}`);
  }
}
const scheduled = await suite.call('POST', `/forums/${forum.id}/schedule`, { token });
if (scheduled.statusCode !== 201) throw new Error(`schedule: ${scheduled.statusCode} ${scheduled.body}`);
const meetings = (scheduled.json() as { meetings: { structure: { name: string }; table: number }[] }).meetings;
const columns = new Set(meetings.map((m) => `${m.structure.name}|${m.table}`));

/** A4 landscape less the 10 mm margins, in CSS pixels (96 per inch): 277 mm × 190 mm. */
const SHEET = { width: Math.floor((277 / 25.4) * 96), height: Math.floor((190 / 25.4) * 96) };

suite.atViewports(
  t,
  'the printable grid of 16 columns prints on A4 landscape, every column present',
  async (t, page) => {
    t.equal(columns.size, 16, 'the fixture uses every table: 6 × 2 + 4');
    await page.goto(`/connexion?next=${encodeURIComponent(`/gestion/forums/${forum.id}`)}`);
    await page.getByLabel('Adresse e-mail').fill(coordinator.email);
    await page.getByLabel('Mot de passe').fill(coordinator.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((url) => url.pathname === `/gestion/forums/${forum.id}`);
    await page.getByRole('link', { name: 'Grille imprimable' }).first().click();
    await page.waitForURL((url) => url.pathname === `/forums/${forum.id}/schedule.html`);

    // The print preview: print media at the sheet's printable width (under emulation Chromium
    // lays the page out at the viewport, not at the @page box).
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize(SHEET);
    const layout = await page.evaluate(() => {
      const parts = Array.from(document.querySelectorAll('table.grid'));
      return {
        parts: parts.map((table) => ({
          headers: Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent ?? ''),
          right: Math.max(...Array.from(table.querySelectorAll('th, td')).map((cell) => cell.getBoundingClientRect().right)),
          left: Math.min(...Array.from(table.querySelectorAll('th, td')).map((cell) => cell.getBoundingClientRect().left)),
          overflowing: table.scrollWidth > table.clientWidth,
        })),
        sections: document.querySelectorAll('section.page').length,
        pageOf: parts.map((table) => getComputedStyle(table.closest('section')!).page),
      };
    });
    t.ok(layout.parts.length >= 2, `the grid is split (${layout.parts.length} parts)`);
    const printed = layout.parts.flatMap((p) => p.headers.slice(1));
    t.equal(printed.length, 16, 'every table has its column');
    t.equal(new Set(printed).size, 16, 'each column once');
    for (const [i, part] of layout.parts.entries()) {
      t.equal(part.headers[0], 'Tour', `part ${i + 1} repeats « Tour »`);
      t.ok(part.headers.length - 1 <= 8, `part ${i + 1}: at most 8 tables`);
      t.ok(part.left >= 0 && part.right <= SHEET.width, `part ${i + 1} inside the sheet (${Math.round(part.left)}–${Math.round(part.right)} px of ${SHEET.width})`);
      t.notOk(part.overflowing, `part ${i + 1}: no cell overflows its table`);
    }
    t.same(new Set(layout.pageOf), new Set(['grid']), 'the grid sections take the landscape page');

    // The PDF Chromium prints: landscape sheets first (one per part), then the portrait agendas,
    // one sheet per section: no section spills onto a second sheet.
    const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
    t.equal(boxes.length, layout.sections, `one sheet per section (${layout.sections})`);
    const landscape = boxes.filter((b) => b.width > b.height);
    t.equal(landscape.length, layout.parts.length, 'the grid parts are landscape');
    t.ok(boxes.slice(0, layout.parts.length).every((b) => b.width > b.height), 'and come first');
    t.ok(Math.abs(landscape[0]!.width - 841.9) < 1 && Math.abs(landscape[0]!.height - 595.3) < 1, 'A4 landscape (297 × 210 mm)');
  },
  [DESKTOP],
);
