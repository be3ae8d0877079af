import t from 'tap';
import { agendaSheet, type GridView, toPrintableHtml } from '../../../src/modules/forums/agenda.render.js';

/** One party's printed agenda: the day in words, the place, the advised arrival and its reason, the meetings. */
const grid: GridView = {
  forumId: 'f',
  title: 'Forum de Lens',
  heldOn: '2018-10-13',
  version: 3,
  createdAt: '2018-10-12T16:04:00.000Z',
  rounds: [
    { round: 1, startsAt: '14:00', endsAt: '14:07' },
    { round: 2, startsAt: '14:08', endsAt: '14:15' },
    { round: 3, startsAt: '14:16', endsAt: '14:23' },
  ],
  meetings: [
    { id: 'm1', round: 2, structure: { id: 's1', name: 'Médiathèque' }, table: 1, candidate: { id: 'c1', firstName: 'Ana', lastName: 'Durand' } },
    { id: 'm2', round: 3, structure: { id: 's2', name: 'Club' }, table: 2, candidate: { id: 'c1', firstName: 'Ana', lastName: 'Durand' } },
    { id: 'm3', round: 3, structure: { id: 's1', name: 'Médiathèque' }, table: 1, candidate: { id: 'c2', firstName: null, lastName: null } },
  ],
};
const place = { venue: 'Maison syndicale', address: '12 rue Jean-Jaurès', commune: '62300 Lens' };

t.test('a candidate: 10 minutes before their first meeting, their meetings in order', async (t) => {
  const sheet = agendaSheet(grid, place, { kind: 'candidate', id: 'c1', name: 'Ana Durand', arrivesAt: null, leavesAt: null });
  t.equal(sheet.day, 'samedi 13 octobre 2018');
  t.same(sheet.place, ['Maison syndicale', '12 rue Jean-Jaurès', '62300 Lens']);
  t.same(sheet.arrival, { at: '13 h 58', why: '10 minutes avant votre première rencontre (14 h 08).' }, 'not before round 1: she has no meeting in it');
  t.same(sheet.meetings, [
    { round: 2, time: '14 h 08 – 14 h 15', table: 1, other: 'Médiathèque' },
    { round: 3, time: '14 h 16 – 14 h 23', table: 2, other: 'Club' },
  ]);
  t.equal(sheet.planned, 'planning du 12/10 à 18 h 04', 'when the grid was computed, Paris time');
  t.equal(sheet.leavesAt, null);
  t.equal(sheet.otherLabel, 'Structure');
});

t.test('a candidate who announced a late arrival: that time when it is later than the advice', async (t) => {
  const late = agendaSheet(grid, place, { kind: 'candidate', id: 'c1', name: 'Ana', arrivesAt: '14:05', leavesAt: '15:00' });
  t.same(late.arrival, { at: '14 h 05', why: 'l’heure d’arrivée que vous avez indiquée ; votre première rencontre est à 14 h 08.' });
  t.equal(late.leavesAt, 'Vous avez indiqué partir à 15 h 00.');
  const early = agendaSheet(grid, place, { kind: 'candidate', id: 'c1', name: 'Ana', arrivesAt: '13:30', leavesAt: null });
  t.equal(early.arrival?.at, '13 h 58', 'an announced time earlier than the advice changes nothing');
});

t.test('a structure: 10 minutes before the forum’s first round, whatever its own first meeting', async (t) => {
  const sheet = agendaSheet(grid, place, { kind: 'structure', id: 's1', name: 'Médiathèque' });
  t.same(sheet.arrival, { at: '13 h 50', why: '10 minutes avant le premier tour du forum (14 h 00), pour installer votre table.' });
  t.same(
    sheet.meetings.map((m) => m.other),
    ['Ana Durand', 'Candidat·e'],
    'a candidate without a name is named neutrally',
  );
  t.equal(sheet.otherLabel, 'Candidat·e');
});

t.test('nothing unknown is written: no address, no meeting', async (t) => {
  const sheet = agendaSheet(grid, { venue: '', address: null, commune: 'Lens' }, { kind: 'candidate', id: 'nobody', name: 'Bilal', arrivesAt: null, leavesAt: null });
  t.same(sheet.place, ['Lens']);
  t.equal(sheet.arrival, null, 'no meeting, no arrival advised');
  t.same(sheet.meetings, []);
  const html = toPrintableHtml(grid, { venue: 'Salle', address: null, commune: 'Lens' }, { grid: true, structures: true, candidates: true });
  t.notMatch(html, /undefined|null|NaN/);
  t.notMatch(html, /version \d/);
});

t.test('the printed pages: arrival, address, and the candidates’ announced times', async (t) => {
  const html = toPrintableHtml(grid, place, { grid: false, structures: true, candidates: true }, new Map([['c1', { arrivesAt: '14:05', leavesAt: null }]]));
  t.match(html, '<p class="meta">samedi 13 octobre 2018 · Maison syndicale, 12 rue Jean-Jaurès, 62300 Lens · planning du 12/10 à 18 h 04</p>');
  t.match(html, '<strong>Arrivée conseillée : 13 h 50</strong>', 'the structure’s');
  t.match(html, '<strong>Arrivée conseillée : 14 h 05</strong> — l’heure d’arrivée que vous avez indiquée', 'Ana’s, from her announced time');
  t.match(html, '<tr><td>14 h 16 – 14 h 23</td><td>Table 2</td><td>Club</td></tr>');
  t.equal(html.match(/<section class="page">/g)?.length, 2 + 2, 'two structures, two candidates');
});
