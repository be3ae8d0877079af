/**
 * The agendas as files: iCalendar (RFC 5545) for calendars and phones, and a printable HTML
 * grid for the wall. Pure: the grid in, text out.
 */
import { formatClock, formatDate, formatTime } from '../../i18n/format.js';

export interface GridView {
  forumId: string;
  title: string;
  heldOn: string;
  version: number;
  createdAt: string;
  rounds: { round: number; startsAt: string; endsAt: string }[];
  meetings: { id: string; round: number; structure: { id: string; name: string }; table: number; candidate: { id: string; firstName: string | null; lastName: string | null } }[];
}

export interface Place {
  /** The venue's short name (« Maison syndicale »), or empty. */
  venue: string;
  /** The street address (« 12 rue Jean-Jaurès »), without the commune; null when not given. */
  address: string | null;
  /** The commune, with its postal code when known (« 62300 Lens »). */
  commune: string;
}

const personName = (c: { firstName: string | null; lastName: string | null }) => [c.firstName, c.lastName].filter(Boolean).join(' ') || 'Candidat·e';

// ---------------------------------------------------------------------------------------------
// iCalendar

/** A forum's place from its row: the commune with its postal code, as an address is written (« 62300 Lens »). */
export function placeOfForum(forum: { venue: string; address: string | null; commune_name: string; postal_codes: readonly string[] }): Place {
  return { venue: forum.venue, address: forum.address, commune: [forum.postal_codes[0], forum.commune_name].filter(Boolean).join(' ') };
}

/**
 * The place as one line, « Maison syndicale, 12 rue X, 62300 Lens »: the venue, the address and
 * the commune, each left out when empty or already said by an earlier part (an address that
 * ends with its commune does not get it twice).
 */
export function locationOf(place: Place): string {
  const parts: string[] = [];
  for (const raw of [place.venue, place.address, place.commune]) {
    const part = raw?.trim().replace(/\s+/g, ' ');
    if (!part) continue;
    const said = parts.join(', ').toLocaleLowerCase('fr');
    if (!said.includes(part.toLocaleLowerCase('fr'))) parts.push(part);
  }
  return parts.join(', ');
}

/** A meeting a repair dropped: its pair, and where and when it was last planned. */
export interface CancelledMeeting {
  round: number;
  table: number;
  /** Instants (ISO 8601), as the earlier version stored them. */
  startsAt: string;
  endsAt: string;
  structure: { id: string; name: string };
  candidate: { id: string; firstName: string | null; lastName: string | null };
}

/** One forum's part of a calendar: its grid, the meetings dropped from it, whose agenda it is. */
export interface CalendarPart {
  grid: GridView;
  place: Place;
  perspective: 'structure' | 'candidate';
  cancelled?: readonly CancelledMeeting[] | undefined;
}

/** Europe/Paris as calendars expect it: the EU rule since 1996 (last Sundays of March and October). */
const PARIS_TIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
export const icsText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Lines longer than 75 octets are folded: CRLF and a space (§3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** « 2026-10-14 », « 14:00 » → 20261014T140000 (a local time, with TZID=Europe/Paris). */
const localStamp = (day: string, hhmm: string) => `${day.replaceAll('-', '')}T${hhmm.replace(':', '')}00`;
const utcStamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

const PARIS = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
/** An instant as Paris local time, in the same form. */
export function parisStamp(iso: string): string {
  const p = Object.fromEntries(PARIS.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}${p.month}${p.day}T${p.hour}${p.minute}00`;
}
const hhmm = (stamp: string) => `${stamp.slice(9, 11)}:${stamp.slice(11, 13)}`;

/** The meeting's event, or the cancellation of a dropped one (same UID: calendars replace it). */
function eventLines(grid: GridView, place: Place, perspective: CalendarPart['perspective'], m: Omit<CancelledMeeting, 'startsAt' | 'endsAt'> & { cancelled: boolean; start: string; end: string; hours: string }): string[] {
  const other = perspective === 'structure' ? personName(m.candidate) : m.structure.name;
  const summary = `${m.cancelled ? 'Annulée — ' : ''}Rencontre : ${other} (tour ${m.round}, table ${m.table})`;
  const lines = [
    'BEGIN:VEVENT',
    // Stable across versions of the grid for the same pair, so that calendars update the event.
    `UID:${grid.forumId}-${m.structure.id}-${m.candidate.id}@binome`,
    // The grid's version: each new version (a repair) is newer for every event, a moved one, a
    // dropped one (cancelled) and one kept as it was alike, so a calendar always takes the last.
    `SEQUENCE:${grid.version}`,
    `DTSTAMP:${utcStamp(grid.createdAt)}`,
    `DTSTART;TZID=Europe/Paris:${m.start}`,
    `DTEND;TZID=Europe/Paris:${m.end}`,
    `SUMMARY:${icsText(summary)}`,
    `LOCATION:${icsText(locationOf(place))}`,
    `DESCRIPTION:${icsText(`${grid.title} — ${m.cancelled ? 'rencontre annulée par un nouveau planning — ' : ''}tour ${m.round}, ${m.hours}, ${m.structure.name}, table ${m.table}, ${personName(m.candidate)}`)}`,
    `STATUS:${m.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
  ];
  if (!m.cancelled) {
    // A reminder on the phone, ten minutes before: time to find the table.
    lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', 'TRIGGER:-PT10M', `DESCRIPTION:${icsText(`Dans 10 minutes : ${summary}`)}`, 'END:VALARM');
  }
  lines.push('END:VEVENT');
  return lines;
}

/**
 * One calendar of several forums' events (the subscription), the time zone once: per forum, one
 * event per meeting in Paris local time, and one cancelled event per meeting a repair dropped.
 * `events`: other events of the person's, each its VEVENT lines (a volunteer's outings, modules/projects).
 */
export function toCalendar(calendarName: string, parts: readonly CalendarPart[], events: readonly (readonly string[])[] = []): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Binôme//Forum de recrutement//FR', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${icsText(calendarName)}`, 'X-WR-TIMEZONE:Europe/Paris', ...PARIS_TIMEZONE];
  for (const { grid, place, perspective, cancelled = [] } of parts) {
    for (const m of grid.meetings) {
      const round = grid.rounds[m.round - 1]!;
      const [start, end] = [localStamp(grid.heldOn, round.startsAt), localStamp(grid.heldOn, round.endsAt)];
      lines.push(...eventLines(grid, place, perspective, { ...m, start, end, hours: `${round.startsAt}–${round.endsAt}`, cancelled: false }));
    }
    for (const m of cancelled) {
      const [start, end] = [parisStamp(m.startsAt), parisStamp(m.endsAt)];
      lines.push(...eventLines(grid, place, perspective, { ...m, start, end, hours: `${hhmm(start)}–${hhmm(end)}`, cancelled: true }));
    }
  }
  for (const event of events) lines.push(...event);
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

/**
 * One forum's agenda as iCalendar: pure, the grid in, the text out (the download, the API's
 * calendar.ics, a convocation's attachment). `cancelled`: the meetings earlier versions of the
 * grid had and this one has not (readCalendar gives them), sent as cancelled events.
 */
export function toICalendar(grid: GridView, place: Place, perspective: 'structure' | 'candidate', calendarName: string, cancelled?: readonly CancelledMeeting[]): string {
  return toCalendar(calendarName, [{ grid, place, perspective, cancelled }]);
}

// ---------------------------------------------------------------------------------------------
// Printable HTML

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** At most this many table columns on one landscape sheet, beside « Tour »: about 31 mm each, names readable. */
export const GRID_TABLES_PER_PART = 8;

/**
 * The tables in groups of at most `size` columns, in order; a structure's tables stay in one
 * group (a new group starts rather than split them), unless it alone has more than `size`.
 */
export function groupTables<T extends { structure: { id: string } }>(tables: T[], size = GRID_TABLES_PER_PART): T[][] {
  const byStructure: T[][] = [];
  for (const t of tables) {
    const last = byStructure.at(-1);
    if (last && last[0]!.structure.id === t.structure.id) last.push(t);
    else byStructure.push([t]);
  }
  const groups: T[][] = [];
  let current: T[] = [];
  for (const own of byStructure) {
    // Only a structure wider than a whole sheet is cut, in sheet-wide slices; any other starts a
    // new group when it does not fit in the current one.
    for (let i = 0; i < own.length; i += size) {
      if (current.length + Math.min(size, own.length - i) > size) {
        groups.push(current);
        current = [];
      }
      current.push(...own.slice(i, i + size));
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #111; }
  h1 { font-size: 1.4rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin: 0 0 .5rem; }
  p.meta { margin: 0 0 1rem; color: #444; }
  table { border-collapse: collapse; width: 100%; font-size: .9rem; }
  th, td { border: 1px solid #999; padding: .3rem .4rem; text-align: left; vertical-align: top; }
  th { background: #eee; }
  td.free { color: #999; }
  section.page { margin-bottom: 2rem; }
  /* The grid's columns share the sheet's width whatever the names are (fixed layout), and a long
     name wraps inside its cell, even in the middle of a word, rather than pushing the table off
     the page. */
  table.grid { table-layout: fixed; }
  table.grid th, table.grid td { overflow-wrap: anywhere; hyphens: auto; }
  table.grid col.round { width: 6.5rem; }
  @media print {
    /* The agendas are A4 portrait; the grid's sheets are A4 landscape (277 mm of printable
       width for the « Tour » column and ${GRID_TABLES_PER_PART} tables), a named page of their own. */
    @page { size: A4; margin: 12mm; }
    @page grid { size: A4 landscape; margin: 10mm; }
    /* A grid part is the section holding a grid table: the section keeps the plain "page" class
       the agenda pages have (what counts a print's pages counts them all alike). */
    section.page:has(> table.grid) { page: grid; }
    body { margin: 0; }
    section.page { break-after: page; page-break-after: always; margin: 0; }
    section.page:last-child { break-after: auto; page-break-after: auto; }
    table.grid { font-size: .8rem; }
    /* A part longer than a sheet repeats its header row on the next one. */
    thead { display: table-header-group; }
    tr { break-inside: avoid; page-break-inside: avoid; }
    th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  }`;

/** « 12/10 »: the day and month of an instant in Paris. */
const dayMonth = (iso: string) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit' }).format(new Date(iso));

/**
 * How long before one's first meeting (a candidate) or the forum's first round (a structure) one
 * is advised to arrive: time to find the place, the table, and to settle before the bell.
 */
export const ARRIVAL_LEAD_MINUTES = 10;

/** « 14:00 » minus some minutes, as « HH:MM » (never before midnight). */
function minutesBefore(hhmm: string, minutes: number): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  const total = Math.max(0, h * 60 + m - minutes);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** Whose agenda: a structure, or a candidate with the times they announced (null: the whole forum). */
export type AgendaParty = { kind: 'structure'; id: string; name: string } | { kind: 'candidate'; id: string; name: string; arrivesAt: string | null; leavesAt: string | null };

/** One party's agenda as the printed sheet says it, every text already in French. */
export interface AgendaSheet {
  title: string;
  /** The structure's name, or the candidate's. */
  who: string;
  /** « samedi 12 octobre 2018 » */
  day: string;
  /** The venue, the street address and the commune, those known, in that order. */
  place: string[];
  /** When to arrive, and why then; null without any meeting. */
  arrival: { at: string; why: string } | null;
  /** A candidate's announced early leave, as a sentence; null otherwise. */
  leavesAt: string | null;
  /** « planning du 12/10 à 18 h 04 »: which computation of the grid this is. */
  planned: string;
  /** The heading of the other party's column: « Structure » or « Candidat·e ». */
  otherLabel: string;
  meetings: { round: number; time: string; table: number; other: string }[];
}

/**
 * The party's agenda (their meetings in the grid, by round) with the advised arrival:
 * - a structure: ARRIVAL_LEAD_MINUTES before the forum's first round, whatever its own first
 *   meeting, to set up its table before the candidates come;
 * - a candidate: ARRIVAL_LEAD_MINUTES before their first meeting (no need to wait through rounds
 *   they have no meeting in) — but never before the time they said they arrive, if they announced
 *   a late arrival: advising earlier than they can come is no use. No meeting, no advice.
 */
export function agendaSheet(grid: GridView, place: Place, party: AgendaParty): AgendaSheet {
  const span = (r: { startsAt: string; endsAt: string }) => `${formatClock(r.startsAt)} – ${formatClock(r.endsAt)}`;
  const own = grid.meetings
    .filter((m) => (party.kind === 'structure' ? m.structure.id === party.id : m.candidate.id === party.id))
    .sort((a, b) => a.round - b.round || a.table - b.table);
  const roundOf = (n: number) => grid.rounds.find((r) => r.round === n);
  const meetings = own.map((m) => ({
    round: m.round,
    time: roundOf(m.round) ? span(roundOf(m.round)!) : `tour ${m.round}`,
    table: m.table,
    other: party.kind === 'structure' ? personName(m.candidate) : m.structure.name,
  }));
  let arrival: AgendaSheet['arrival'] = null;
  const firstRound = grid.rounds[0];
  const firstMeeting = own[0] ? roundOf(own[0].round) : undefined;
  if (party.kind === 'structure' && firstRound && own.length > 0) {
    arrival = {
      at: formatClock(minutesBefore(firstRound.startsAt, ARRIVAL_LEAD_MINUTES)),
      why: `${ARRIVAL_LEAD_MINUTES} minutes avant le premier tour du forum (${formatClock(firstRound.startsAt)}), pour installer votre table.`,
    };
  } else if (party.kind === 'candidate' && firstMeeting) {
    const advised = minutesBefore(firstMeeting.startsAt, ARRIVAL_LEAD_MINUTES);
    arrival =
      party.arrivesAt && party.arrivesAt.slice(0, 5) > advised
        ? { at: formatClock(party.arrivesAt), why: `l’heure d’arrivée que vous avez indiquée ; votre première rencontre est à ${formatClock(firstMeeting.startsAt)}.` }
        : { at: formatClock(advised), why: `${ARRIVAL_LEAD_MINUTES} minutes avant votre première rencontre (${formatClock(firstMeeting.startsAt)}).` };
  }
  return {
    title: grid.title,
    who: party.name,
    day: formatDate(grid.heldOn),
    place: [place.venue, place.address ?? '', place.commune].map((p) => p.trim()).filter(Boolean),
    arrival,
    leavesAt: party.kind === 'candidate' && party.leavesAt ? `Vous avez indiqué partir à ${formatClock(party.leavesAt)}.` : null,
    planned: grid.createdAt ? `planning du ${dayMonth(grid.createdAt)} à ${formatTime(grid.createdAt)}` : '',
    otherLabel: party.kind === 'structure' ? 'Candidat·e' : 'Structure',
    meetings,
  };
}

/**
 * The wall grid (rounds × structure tables), then one page per structure and one per candidate,
 * each breaking to a new sheet when printed.
 */
export function toPrintableHtml(
  grid: GridView,
  place: Place,
  pages: { grid: boolean; structures: boolean; candidates: boolean },
  /** The candidates' announced arrival and leaving times, by id (for their advised arrival). */
  times?: ReadonlyMap<string, { arrivesAt: string | null; leavesAt: string | null }>,
): string {
  // The day in words, the place, and which planning this is: « planning du 12/10 à 18 h 04 », the
  // moment it was computed (a repaired grid's printout says it is the newer one).
  const meta = `<p class="meta">${html(formatDate(grid.heldOn))} · ${html(locationOf(place))} · planning du ${html(dayMonth(grid.createdAt))} à ${html(formatTime(grid.createdAt))}</p>`;
  const span = (r: { startsAt: string; endsAt: string }) => `${formatClock(r.startsAt)} – ${formatClock(r.endsAt)}`;
  const sections: string[] = [];
  const tables = [...new Map(grid.meetings.map((m) => [`${m.structure.id}|${m.table}`, m])).values()]
    .map((m) => ({ structure: m.structure, table: m.table }))
    .sort((a, b) => a.structure.name.localeCompare(b.structure.name, 'fr') || a.structure.id.localeCompare(b.structure.id) || a.table - b.table);
  const at = new Map(grid.meetings.map((m) => [`${m.round}|${m.structure.id}|${m.table}`, m]));
  // Every round up to the last one used, an empty one included (a break in someone's agenda).
  const lastRound = grid.meetings.reduce((max, m) => Math.max(max, m.round), 0);
  const usedRounds = grid.rounds.filter((r) => r.round <= lastRound);

  if (pages.grid) {
    const label = (t: (typeof tables)[number]) => `${html(t.structure.name)}${tables.filter((x) => x.structure.id === t.structure.id).length > 1 ? ` — table ${t.table}` : ''}`;
    // A wide grid is printed in parts, each repeating the « Tour » column, so no column is cut off.
    const parts = groupTables(tables);
    let first = 1;
    parts.forEach((part, index) => {
      const head = part.map((t) => `<th>${label(t)}</th>`).join('');
      const body = usedRounds
        .map((r) => {
          const cells = part
            .map((t) => {
              const m = at.get(`${r.round}|${t.structure.id}|${t.table}`);
              return m ? `<td>${html(personName(m.candidate))}</td>` : '<td class="free">—</td>';
            })
            .join('');
          return `<tr><th>Tour ${r.round}<br>${span(r)}</th>${cells}</tr>`;
        })
        .join('\n');
      const last = first + part.length - 1;
      const which = part.length === 1 ? `table ${first}` : `tables ${first} à ${last}`;
      const heading = parts.length > 1 ? ` — grille, partie ${index + 1} sur ${parts.length} (${which} sur ${tables.length})` : ' — grille';
      first = last + 1;
      sections.push(
        `<section class="page"><h1>${html(grid.title)}${heading}</h1>${meta}<table class="grid"><colgroup><col class="round">${part.map(() => '<col>').join('')}</colgroup><thead><tr><th>Tour</th>${head}</tr></thead><tbody>${body}</tbody></table></section>`,
      );
    });
  }

  // Each party's own page: the sheet they take with them (agendaSheet), one per sheet of paper.
  const sheetSection = (sheet: AgendaSheet) => {
    const body = sheet.meetings
      .map((m) => `<tr><td>${html(m.time)}</td><td>Table ${m.table}</td><td>${html(m.other)}</td></tr>`)
      .join('\n');
    const arrival = sheet.arrival ? `<p class="arrival"><strong>Arrivée conseillée : ${html(sheet.arrival.at)}</strong> — ${html(sheet.arrival.why)}</p>` : '';
    const leaves = sheet.leavesAt ? `<p>${html(sheet.leavesAt)}</p>` : '';
    return (
      `<section class="page"><h1>${html(sheet.title)}</h1><h2>${html(sheet.who)}</h2>` +
      `<p class="meta">${html(sheet.day)} · ${html(sheet.place.join(', '))} · ${html(sheet.planned)}</p>${arrival}${leaves}` +
      `<table><thead><tr><th>Horaire</th><th>Table</th><th>${html(sheet.otherLabel)}</th></tr></thead><tbody>${body || '<tr><td colspan="3">Aucune rencontre</td></tr>'}</tbody></table></section>`
    );
  };

  if (pages.structures) {
    const structures = [...new Map(grid.meetings.map((m) => [m.structure.id, m.structure])).values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    for (const s of structures) sections.push(sheetSection(agendaSheet(grid, place, { kind: 'structure', id: s.id, name: s.name })));
  }
  if (pages.candidates) {
    const people = [...new Map(grid.meetings.map((m) => [m.candidate.id, m.candidate])).values()].sort((a, b) => personName(a).localeCompare(personName(b), 'fr'));
    for (const c of people) {
      const own = times?.get(c.id);
      sections.push(sheetSection(agendaSheet(grid, place, { kind: 'candidate', id: c.id, name: personName(c), arrivesAt: own?.arrivesAt ?? null, leavesAt: own?.leavesAt ?? null })));
    }
  }
  return `<!doctype html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<title>${html(grid.title)} — rencontres</title>\n<style>${STYLE}\n</style>\n</head>\n<body>\n${sections.join('\n')}\n</body>\n</html>\n`;
}
