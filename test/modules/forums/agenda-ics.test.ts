import t from 'tap';
import { type CancelledMeeting, type GridView, locationOf, toCalendar, toICalendar } from '../../../src/modules/forums/agenda.render.js';
import { droppedMeetings } from '../../../src/modules/forums/schedule.service.js';
import type { MeetingRow } from '../../../src/modules/forums/schedule.repository.js';
import { readCalendar } from '../../helpers/ical.js';

/** The iCalendar rendering, pure: read back with ical.js as a calendar application reads it. */
const carvin = { id: '00000000-0000-4000-8000-000000000001', name: 'Service Culturel de Carvin' };
const louvre = { id: '00000000-0000-4000-8000-000000000002', name: 'Louvre-Lens & Co' };
const ana = { id: '00000000-0000-4000-8000-00000000000a', firstName: 'Ana', lastName: 'Test' };
const bilal = { id: '00000000-0000-4000-8000-00000000000b', firstName: 'Bilal', lastName: 'Test' };
// A summer day (CEST, UTC+2) and a winter one (CET, UTC+1): the offsets come from the VTIMEZONE.
const grid = (heldOn: string, version: number): GridView => ({
  forumId: '00000000-0000-4000-8000-0000000000f0',
  title: 'Forum de Lens',
  heldOn,
  version,
  createdAt: '2026-06-01T08:00:00.000Z',
  rounds: [
    { round: 1, startsAt: '14:00', endsAt: '14:07' },
    { round: 2, startsAt: '14:08', endsAt: '14:15' },
  ],
  meetings: [
    { id: 'm1', round: 1, structure: carvin, table: 1, candidate: ana },
    { id: 'm2', round: 2, structure: louvre, table: 1, candidate: ana },
  ],
});
const place = { venue: 'Maison syndicale', commune: '62300 Lens', address: '12 rue Casimir-Beugnet' };

t.test('locationOf: the venue, the address and the commune, none said twice', async (t) => {
  t.equal(locationOf(place), 'Maison syndicale, 12 rue Casimir-Beugnet, 62300 Lens');
  t.equal(locationOf({ venue: 'Maison syndicale', commune: '62300 Lens', address: null }), 'Maison syndicale, 62300 Lens');
  t.equal(locationOf({ venue: 'Maison syndicale', commune: '62300 Lens', address: '  ' }), 'Maison syndicale, 62300 Lens', 'a blank address is none');
  t.equal(locationOf({ venue: 'Maison syndicale', commune: '62300 Lens', address: '12 rue X, 62300 Lens' }), 'Maison syndicale, 12 rue X, 62300 Lens', 'an address with its commune');
  t.equal(locationOf({ venue: 'Maison syndicale', commune: 'Lens', address: '12 rue X, 62300 LENS' }), 'Maison syndicale, 12 rue X, 62300 LENS', 'whatever the case');
  t.equal(locationOf({ venue: '12 rue X', commune: '62300 Lens', address: '12 rue X' }), '12 rue X, 62300 Lens', 'a venue that is the address');
  t.equal(locationOf({ venue: '', commune: '62300 Lens', address: null }), '62300 Lens');
});

t.test('one event per meeting, in Europe/Paris, with the address and a reminder 10 minutes before', async (t) => {
  for (const [heldOn, offset] of [
    ['2026-06-17', '+02:00'],
    ['2026-12-16', '+01:00'],
  ] as const) {
    const text = toICalendar(grid(heldOn, 1), place, 'candidate', 'Forum de Lens — mes rencontres');
    const read = readCalendar(text);
    t.equal(read.name, 'Forum de Lens — mes rencontres');
    t.same(read.timezones, ['Europe/Paris']);
    t.equal(read.events.length, 2);
    const [first, second] = read.events;
    t.equal(first!.tzid, 'Europe/Paris');
    t.equal(first!.start.toISOString(), new Date(`${heldOn}T14:00:00${offset}`).toISOString(), `${heldOn}: 14:00 in Paris`);
    t.equal(first!.end.toISOString(), new Date(`${heldOn}T14:07:00${offset}`).toISOString());
    t.equal(second!.start.toISOString(), new Date(`${heldOn}T14:08:00${offset}`).toISOString());
    t.equal(first!.summary, 'Rencontre : Service Culturel de Carvin (tour 1, table 1)');
    t.equal(second!.summary, 'Rencontre : Louvre-Lens & Co (tour 2, table 1)', 'escaped, read back whole');
    t.equal(first!.location, 'Maison syndicale, 12 rue Casimir-Beugnet, 62300 Lens');
    t.equal(first!.uid, `${grid(heldOn, 1).forumId}-${carvin.id}-${ana.id}@binome`);
    t.equal(first!.sequence, 1);
    t.equal(first!.status, 'CONFIRMED');
    t.same(first!.alarms, [{ action: 'DISPLAY', trigger: '-PT10M', description: 'Dans 10 minutes : Rencontre : Service Culturel de Carvin (tour 1, table 1)' }]);
    t.ok(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75), 'lines folded at 75 octets');
  }
});

t.test('a dropped meeting: the same UID, cancelled, a higher SEQUENCE, no reminder', async (t) => {
  const before = readCalendar(toICalendar(grid('2026-06-17', 1), place, 'structure', 'x'));
  const dropped: CancelledMeeting = { round: 1, table: 1, structure: carvin, candidate: bilal, startsAt: '2026-06-17T12:00:00.000Z', endsAt: '2026-06-17T12:07:00.000Z' };
  const was = readCalendar(toICalendar({ ...grid('2026-06-17', 1), meetings: [{ id: 'm0', round: 1, structure: carvin, table: 1, candidate: bilal }] }, place, 'structure', 'x')).events[0]!;
  const after = readCalendar(toICalendar(grid('2026-06-17', 2), place, 'structure', 'x', [dropped]));
  t.equal(after.events.length, 3);
  const cancelled = after.events.find((e) => e.uid === was.uid)!;
  t.ok(cancelled, 'the dropped pair, by its UID');
  t.equal(cancelled.status, 'CANCELLED');
  t.ok(cancelled.sequence > was.sequence, 'newer than the event it cancels');
  t.equal(cancelled.start.toISOString(), '2026-06-17T12:00:00.000Z', 'when it was planned');
  t.match(cancelled.summary, /^Annulée — Rencontre : Bilal Test/);
  t.same(cancelled.alarms, [], 'no reminder for a cancelled meeting');
  for (const e of after.events.filter((x) => x.uid !== was.uid)) {
    t.ok(e.sequence > before.events.find((x) => x.uid === e.uid)!.sequence, 'every kept event is newer too');
  }
});

t.test('one calendar of several forums: the time zone once', async (t) => {
  const other = { ...grid('2026-12-16', 1), forumId: '00000000-0000-4000-8000-0000000000f1' };
  const text = toCalendar('Binôme — mes forums', [
    { grid: grid('2026-06-17', 1), place, perspective: 'candidate' },
    { grid: other, place: { venue: 'Médiathèque', commune: '62400 Béthune', address: null }, perspective: 'candidate' },
  ]);
  t.equal(text.match(/BEGIN:VTIMEZONE/g)?.length, 1);
  const read = readCalendar(text);
  t.equal(read.events.length, 4);
  t.equal(new Set(read.events.map((e) => e.uid)).size, 4, 'a UID per forum and pair');
  t.same([...new Set(read.events.map((e) => e.location))], ['Maison syndicale, 12 rue Casimir-Beugnet, 62300 Lens', 'Médiathèque, 62400 Béthune']);
  t.equal(readCalendar(toCalendar('Binôme — mes forums', [])).events.length, 0, 'empty before any grid');
});

t.test('droppedMeetings: the pairs earlier versions had and the current one has not, as last planned', async (t) => {
  const row = (number: number, structure: typeof carvin, candidate: typeof ana, round: number): MeetingRow & { number: number } =>
    ({
      number,
      id: `${number}-${structure.id}-${candidate.id}`,
      schedule_id: `s${number}`,
      round,
      starts_at: new Date(`2026-06-17T12:0${round}:00.000Z`),
      ends_at: new Date(`2026-06-17T12:1${round}:00.000Z`),
      structure_id: structure.id,
      table_number: 1,
      candidate_id: candidate.id,
      structure_name: structure.name,
      first_name: candidate.firstName,
      last_name: candidate.lastName,
    }) as unknown as MeetingRow & { number: number };
  // Latest version first, as listEarlierMeetings gives them.
  const earlier = [row(2, louvre, bilal, 2), row(1, louvre, bilal, 1), row(1, carvin, bilal, 2), row(1, carvin, ana, 1)];
  const dropped = droppedMeetings([{ structure: carvin, candidate: ana }], earlier);
  t.same(
    dropped.map((d) => [d.structure.id, d.candidate.id, d.round]),
    [
      [carvin.id, bilal.id, 2],
      [louvre.id, bilal.id, 2],
    ],
    'Louvre–Bilal as version 2 had it (round 2, not 1); Carvin–Ana is still met; in time order',
  );
  t.same(droppedMeetings([{ structure: carvin, candidate: ana }], []), [], 'a first version cancels nothing');
});
