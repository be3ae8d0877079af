import t from 'tap';
import { seedDemo } from '../../db/demo.js';
import { PUBLIC_URL_MARK } from '../../src/modules/outbox/compose.js';
import { setup } from '../helpers/app.js';

/**
 * The Artois demo's outbox read as its recipients would: every message, whatever its kind (the
 * checks are generic, so that a new kind is checked as soon as the story writes one).
 */
const ctx = await setup(t);
await seedDemo(ctx.db);
// Ordered by what the story fixes (not by the random ids): the snapshots pick the same message each run.
const messages = await ctx.db.selectFrom('outbox').selectAll().orderBy('created_at').orderBy('to_address').orderBy('subject').execute();

const LINK = new RegExp(`${PUBLIC_URL_MARK.replace(/[{}]/g, '\\$&')}(/[^\\s"<>]*)`, 'g');
const linksOf = (content: string) => [...content.matchAll(LINK)].map((m) => m[1]!.replaceAll('&amp;', '&'));

t.test('the demo writes messages', async (t) => {
  t.ok(messages.length > 10, `${messages.length} messages`);
  t.ok(messages.every((m) => m.kind.length > 0), [...new Set(messages.map((m) => m.kind))].join(', '));
});

t.test('every message has a text and an HTML part, a footer, and reads as French', async (t) => {
  for (const m of messages) {
    const what = `${m.kind} to ${m.to_address}: ${m.subject}`;
    t.ok(m.body.trim().length > 0 && m.html?.startsWith('<!doctype html>'), `both parts: ${what}`);
    t.match(m.body, /\n-- \nVous recevez ce message car .+\n/, `the footer says why: ${what}`);
    t.match(m.html, /Vous recevez ce message car /, `the HTML footer too: ${what}`);
    for (const [part, content] of [['subject', m.subject], ['text', m.body], ['html', m.html ?? '']] as const) {
      t.notMatch(content, /\bundefined\b|\bnull\b|\bNaN\b|\[object Object\]/, `no leaked value in the ${part}: ${what}`);
    }
    t.notMatch(m.body, /\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}/, `dates in French in the text: ${what}`);
    t.same([...new Set(linksOf(m.body))].sort(), [...new Set(linksOf(m.html ?? ''))].sort(), `the same links in both parts: ${what}`);
  }
});

t.test('every console link opens a page of the console', async (t) => {
  const paths = new Set(messages.flatMap((m) => [...linksOf(m.body), ...linksOf(m.html ?? '')]));
  t.ok(paths.size > 0, 'the messages link to the console');
  for (const path of paths) {
    const res = await ctx.app.inject({ method: 'GET', url: path });
    t.not(res.statusCode, 404, `${path}: ${res.statusCode}`);
    t.ok(res.statusCode < 500, `${path}: no server error`);
  }
});

const MEETING_LINE = /^\d{1,2} h \d{2} – \d{1,2} h \d{2} : /;

/**
 * Ids and tokens vary from one run to the next: the snapshot names them. So do the rounds of a
 * forum's meetings (the grid's ties fall either way, ids being random): a meeting line keeps
 * whom, its time and table become « <horaire> » and « <n> », and the lines are sorted.
 */
function stable(body: string): string {
  const lines = body
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
    .replace(/jeton=[A-Za-z0-9_%-]+/g, 'jeton=<jeton>')
    .split('\n');
  const meetings = lines.filter((l) => MEETING_LINE.test(l)).map((l) => l.replace(MEETING_LINE, '<horaire> : ').replace(/, table \d+$/, ', table <n>')).sort();
  return lines.map((l) => (MEETING_LINE.test(l) ? meetings.shift()! : l)).join('\n');
}

t.test('one message of each kind, as its recipient reads it', async (t) => {
  const kinds = [...new Set(messages.map((m) => m.kind))].sort();
  for (const kind of kinds) {
    const m = messages.find((x) => x.kind === kind)!;
    t.matchSnapshot(`${m.subject}\n\n${stable(m.body)}`, kind);
  }
});
