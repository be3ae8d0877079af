import t from 'tap';
import { type GridView, groupTables, toPrintableHtml } from '../../../src/modules/forums/agenda.render.js';

/** The printable grid on A4 landscape: a wide grid in parts of at most 8 tables, « Tour » in each. */
function wideGrid(): GridView {
  const structures = Array.from({ length: 10 }, (_, i) => ({ id: `s${i}`, name: `Structure ${String.fromCharCode(65 + i)}`, tables: i < 6 ? 2 : 1 }));
  const meetings: GridView['meetings'] = [];
  for (let round = 1; round <= 3; round++)
    for (const s of structures)
      for (let table = 1; table <= s.tables; table++)
        meetings.push({ id: `${round}-${s.id}-${table}`, round, structure: { id: s.id, name: s.name }, table, candidate: { id: `c${round}${s.id}${table}`, firstName: 'Ana', lastName: `${s.id}-${table}` } });
  return {
    forumId: 'f',
    title: 'Forum <script>alert(1)</script>',
    heldOn: '2027-03-10',
    version: 1,
    createdAt: '2027-03-01T10:00:00.000Z',
    rounds: [1, 2, 3].map((round) => ({ round, startsAt: `14:${round}0`, endsAt: `14:${round}9` })),
    meetings,
  };
}
const place = { venue: 'Salle', address: null, commune: 'Lens' };

t.test('16 columns: every table once, « Tour » first in each part, no structure split', async (t) => {
  const out = toPrintableHtml(wideGrid(), place, { grid: true, structures: false, candidates: false });
  const parts = [...out.matchAll(/<table class="grid">.*?<thead><tr>(.*?)<\/tr><\/thead>/g)].map((m) => [...m[1]!.matchAll(/<th>(.*?)<\/th>/g)].map((h) => h[1]!));
  t.ok(parts.length >= 2, 'more than one part');
  t.equal(out.match(/<section class="page">/g)?.length, parts.length);
  for (const p of parts) {
    t.equal(p[0], 'Tour');
    t.ok(p.length - 1 <= 8, 'at most 8 tables');
  }
  const all = parts.flatMap((p) => p.slice(1));
  t.equal(all.length, 16);
  t.equal(new Set(all).size, 16, 'each once');
  for (let i = 0; i < 6; i++) {
    const name = `Structure ${String.fromCharCode(65 + i)}`;
    t.equal(parts.filter((p) => p.some((h) => h.startsWith(name))).length, 1, `${name} in one part`);
  }
  t.match(out, /partie 1 sur \d \(tables 1 à \d sur 16\)/);
  t.match(out, /@page grid \{ size: A4 landscape; margin: 10mm; \}/);
  t.match(out, '<p class="meta">mercredi 10 mars 2027 · Salle, Lens · planning du 01/03 à 11 h 00</p>', 'the day in words and which planning: when it was computed, Paris time');
  t.match(out, '<th>Tour 1<br>14 h 10 – 14 h 19</th>', 'times as French writes them');
  t.notMatch(out, /version \d/, 'no bare version number');
  t.match(out, /&lt;script&gt;/);
  t.notMatch(out, /<script>/);
});

t.test('a narrow grid: one part, no « partie »', async (t) => {
  const g = wideGrid();
  g.meetings = g.meetings.filter((m) => ['s0', 's6'].includes(m.structure.id));
  const out = toPrintableHtml(g, place, { grid: true, structures: false, candidates: false });
  t.equal(out.match(/<table class="grid">/g)?.length, 1);
  t.notMatch(out, /partie/);
  t.match(out, /— grille<\/h1>/);
});

t.test('groupTables: a structure is cut only when it alone is wider than a sheet', async (t) => {
  const tables = (id: string, n: number) => Array.from({ length: n }, (_, i) => ({ structure: { id }, table: i + 1 }));
  const sizes = (groups: unknown[][]) => groups.map((g) => g.length);
  t.same(sizes(groupTables([...tables('a', 5), ...tables('b', 4)])), [5, 4], 'b starts a new part rather than being split');
  t.same(sizes(groupTables([...tables('a', 3), ...tables('b', 10)])), [3, 8, 2], 'a 10-table structure in sheet-wide slices');
  t.same(groupTables([]), []);
});
