import t from 'tap';
import { csvColumns, csvDate, csvOf, csvPhone, csvTime } from '../../src/lib/csv.js';
import { readCsv } from '../helpers/csv.js';

/** The CSV exports as a French spreadsheet reads them (issue 15). */
t.test('dates and times in Paris, winter and summer', async (t) => {
  t.equal(csvDate('2026-01-15T23:30:00.000Z'), '16/01/2026', 'the day in Paris (UTC+1), not in UTC');
  t.equal(csvTime('2026-01-15T23:30:00.000Z'), '00:30');
  t.equal(csvDate('2018-10-01T09:00:00.000Z'), '01/10/2018');
  t.equal(csvTime('2018-10-01T09:00:00.000Z'), '11:00', 'summer time: UTC+2');
  t.equal(csvDate('2026-03-01'), '01/03/2026', 'a calendar date is that day');
  t.equal(csvDate(null), '');
});

t.test('phone numbers in the French national format; foreign ones readable', async (t) => {
  for (const typed of ['+33 6 12 34 56 78', '+33612345678', '0612345678', '06.12.34.56.78', '0033 6 12 34 56 78']) t.equal(csvPhone(typed), '06 12 34 56 78', typed);
  t.equal(csvPhone('+44 20 7946 0958'), '00 44 20 7946 0958', 'a foreign number keeps its grouping, dialled from France');
  t.equal(csvPhone(null), '');
});

t.test('cells: yes/no, decimals, quotes; the formula guard', async (t) => {
  const columns = csvColumns<{ a: string; b: boolean; n: number; phone: string }>([
    { header: 'Texte', value: (r) => r.a },
    { header: 'Oui ou non', value: (r) => r.b },
    { header: 'Nombre', value: (r) => r.n },
    { header: 'Téléphone', value: (r) => csvPhone(r.phone) },
  ]);
  const body = csvOf(columns, [
    { a: '=cmd|\' /C calc\'!A0', b: true, n: 2.5, phone: '+33 6 12 34 56 78' },
    { a: 'dit « oui »; "vraiment"\r\nfin', b: false, n: 12000, phone: '=HYPERLINK("x")' },
    { a: '+1', b: false, n: 0, phone: '' },
  ]);
  t.ok(body.startsWith('\uFEFF'));
  t.match(body, /\r\n$/);
  const { header, records } = readCsv(body);
  t.same(header, ['Texte', 'Oui ou non', 'Nombre', 'Téléphone']);
  t.same(records[0], { Texte: '\'=cmd|\' /C calc\'!A0', 'Oui ou non': 'oui', Nombre: '2,5', Téléphone: '06 12 34 56 78' }, 'a formula stays text; the phone needs no guard');
  t.same(records[1], { Texte: 'dit « oui »; "vraiment"\r\nfin', 'Oui ou non': 'non', Nombre: '12000', Téléphone: '\'=HYPERLINK("x")' });
  t.equal(records[2]!.Texte, '\'+1');
});

t.test('a header names one column only', async (t) => {
  t.throws(() => csvColumns([{ header: 'Commune', value: () => '' }, { header: 'Commune', value: () => '' }]), /Commune/);
});
