import t from 'tap';
import { Conflict, Invalid, NotFound } from '../../src/errors.js';
import { CATALOGUE } from '../../src/i18n/catalogue.js';
import { localise, negotiate, render, type MessageKey, text, withTexts } from '../../src/i18n/index.js';

/** The catalogue (src/i18n/catalogue.ts): every message in both languages, French typography. */

// A param value that works as a string, a number, a list and a boolean, so that every message
// function can be called without knowing its params: `${[2]}` is "2", `[2] > 1`, `.join`, `.length`.
const anything = new Proxy({}, { get: () => [2] });

const entries = Object.entries(CATALOGUE) as [MessageKey, { fr: unknown; en: unknown }][];

t.test('every key has a French and an English text, neither empty', async (t) => {
  t.ok(entries.length > 200, `${entries.length} messages`);
  const missing: string[] = [];
  for (const [key, entry] of entries) {
    for (const lang of ['fr', 'en'] as const) {
      const form = entry[lang];
      const written = typeof form === 'function' ? (form as (p: unknown) => unknown)(anything) : form;
      if (typeof written !== 'string' || written.trim() === '') missing.push(`${key}.${lang}`);
    }
  }
  t.same(missing, [], 'no message without both languages');
});

t.test('the French texts follow French typography', async (t) => {
  const bad: string[] = [];
  for (const [key, entry] of entries) {
    const form = entry.fr;
    const written = typeof form === 'function' ? String((form as (p: unknown) => unknown)(anything)) : String(form);
    if (/'/.test(written)) bad.push(`${key}: a straight apostrophe (use ’)`);
    if (/[“”"]/.test(written)) bad.push(`${key}: English quotes (use « »)`);
    if (/\S[:;?!]( |$)/.test(written.replace(/https?:\/\/\S+|\b\w+=\S+|[a-z]+\[\d+\]|Authorization: Bearer/g, ''))) bad.push(`${key}: a space goes before : ; ? !`);
    if (/«\S|\S»/.test(written)) bad.push(`${key}: a space goes inside « »`);
  }
  t.same(bad, []);
});

t.test('French unless English is preferred over French', async (t) => {
  const cases: [string | undefined, 'fr' | 'en'][] = [
    [undefined, 'fr'],
    ['', 'fr'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['fr', 'fr'],
    ['de', 'fr'],
    ['*', 'fr'],
    ['en, fr', 'en'],
    ['fr, en', 'fr'],
    ['en;q=0.8, fr', 'fr'],
    ['fr;q=0.5, en;q=0.9', 'en'],
    ['en-GB,en;q=0.9,fr;q=0.8', 'en'],
    ['fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7', 'fr'],
    ['de, en;q=0.5', 'en'],
    ['en;q=0', 'fr'],
    ['fr;q=0, en;q=0.1', 'en'],
    ['EN', 'en'],
    ['en;q=abc', 'fr'],
  ];
  for (const [header, lang] of cases) t.equal(negotiate(header), lang, String(header));
  t.equal(negotiate(['de', 'en']), 'en', 'a repeated header counts as one list');
});

t.test('a text renders in either language, nested texts in the same one', async (t) => {
  const nested = text('run.field.cannotGo', { title: 'Atelier', why: text('run.why.excluded') });
  t.equal(render(nested), 'ne peut pas aller sur « Atelier » : exclu par le coordinateur');
  t.equal(render(nested, 'en'), 'cannot go to “Atelier”: excluded by the coordinator');
  t.equal(render({ key: 'no.such.key' as MessageKey }), 'no.such.key', 'a key from another version is shown, not thrown');
});

t.test('French texts write dates and times as people do; English keeps ISO', async (t) => {
  const age = text('eligibility.ageMin.ok', { age: 18, startsOn: '2027-10-01' });
  t.equal(render(age), 'Vous aurez 18 ans le 1er octobre 2027, début de la mission.');
  t.equal(render(age, 'en'), '18 years old on 2027-10-01, the mission’s start');
  t.equal(render(text('forum.noRoundFits', { minutes: 7, from: '09:00', to: '09:05' })), 'Aucune manche de 7 minutes ne tient entre 9 h 00 et 9 h 05.');
  t.equal(render(text('run.alreadyApplied', { number: 3, at: '2018-10-17T12:00:00.000Z' })), 'Le calcul n° 3 a été appliqué le mercredi 17 octobre 2018, 14 h 00.');
  t.equal(render(text('problem.tooManyFromAddress', { seconds: 0 })), 'Trop de requêtes depuis cette adresse ; réessayez dans 0 seconde.', 'French counts 0 in the singular');
  t.equal(render(text('problem.tooManyFromAddress', { seconds: 0 }), 'en'), 'Too many requests from this address; try again in 0 seconds');
});

t.test('withTexts sets the French; localise writes English on a copy', async (t) => {
  const line = withTexts({ rule: 'age-min', detail: '' }, { detail: text('eligibility.ofAge') });
  t.equal(line.detail, 'Vous aurez 18 ans ou plus au début de la mission.');
  t.same(Object.keys(line), ['rule', 'detail'], 'the texts are not an enumerable field');
  const payload = { checks: [line], at: new Date(0) };
  const english = localise(payload, 'en');
  t.equal(english.checks[0]!.detail, 'Of age at the start');
  t.equal(line.detail, 'Vous aurez 18 ans ou plus au début de la mission.', 'the original is left in French');
  t.equal(english.at, payload.at, 'a Date is kept as it is');
  t.equal(localise(payload, 'fr'), payload, 'French: nothing to do');
});

t.test('a domain error’s message is its French text (the pages show it as it is)', async (t) => {
  const conflict = new Conflict(text('edition.closed'), { currentState: 'closed' });
  t.equal(conflict.message, 'L’édition est clôturée.');
  t.equal(conflict.messageIn('en'), 'The edition is closed');
  t.equal(new NotFound('mission').message, 'Mission introuvable.');
  const invalid = new Invalid(text('forum.endsBeforeStart'), [{ path: 'endsAt', message: text('field.afterStartsAt') }]);
  t.same(invalid.errors, [{ path: 'endsAt', message: 'doit être après l’heure de début' }]);
  t.same(invalid.errorsIn('en'), [{ path: 'endsAt', message: 'must be after startsAt' }]);
});
