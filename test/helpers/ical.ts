import ICAL from 'ical.js';

/** An event as a calendar application reads it (ical.js), its times resolved with the file's own VTIMEZONE. */
export interface ReadEvent {
  uid: string;
  sequence: number;
  status: string | null;
  summary: string;
  location: string;
  description: string;
  tzid: string | null;
  start: Date;
  end: Date;
  alarms: { action: string; trigger: string; description: string }[];
}

/** Parses an iCalendar text with ical.js (throws on a malformed one); its events, and the calendar's name. */
export function readCalendar(text: string): { name: string; timezones: string[]; events: ReadEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const timezones = calendar.getAllSubcomponents('vtimezone');
  for (const tz of timezones) ICAL.TimezoneService.register(tz);
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    const tzid = vevent.getFirstProperty('dtstart')?.getParameter('tzid');
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: (vevent.getFirstPropertyValue('status') as string | null) ?? null,
      summary: event.summary,
      location: event.location,
      description: event.description,
      tzid: typeof tzid === 'string' ? tzid : null,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      alarms: vevent.getAllSubcomponents('valarm').map((a) => ({
        action: String(a.getFirstPropertyValue('action')),
        trigger: String(a.getFirstPropertyValue('trigger')),
        description: String(a.getFirstPropertyValue('description')),
      })),
    };
  });
  return { name: String(calendar.getFirstPropertyValue('x-wr-calname')), timezones: timezones.map((tz) => String(tz.getFirstPropertyValue('tzid'))), events };
}
