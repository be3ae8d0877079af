import t from 'tap';
import { z } from 'zod';
import { Conflict, Invalid, Unauthorized } from '../../src/errors.js';
import { text } from '../../src/i18n/index.js';
import { formatDate, formatDateTime, formatShortDate, formatTime, plural } from '../../src/web/format.js';
import { domainErrors, formValues, parseForm } from '../../src/web/forms.js';
import { localPath } from '../../src/web/render.js';

t.test('dates and times as people write them, in Paris', async (t) => {
  t.equal(formatDate('2018-10-17'), 'mercredi 17 octobre 2018');
  t.equal(formatDate('2025-10-01'), 'mercredi 1er octobre 2025', 'the first of the month');
  t.equal(formatShortDate('2018-01-15'), '15 janvier 2018');
  t.equal(formatTime(new Date('2018-10-17T12:00:00Z')), '14 h 00', 'summer time in Paris');
  t.equal(formatTime(new Date('2018-12-17T08:05:00Z')), '9 h 05', 'winter time');
  t.equal(formatDateTime('2018-10-17T12:00:00Z'), 'mercredi 17 octobre 2018, 14 h 00');
  t.equal(formatDate(new Date('2018-10-17T22:30:00Z')), 'jeudi 18 octobre 2018', 'an instant is the day it is in Paris');
  t.equal(formatDate('2018-03-25'), 'dimanche 25 mars 2018', 'a calendar date never shifts');
  t.equal(plural(0, 'place'), '0 place');
  t.equal(plural(1, 'place'), '1 place');
  t.equal(plural(2, 'place'), '2 places');
});

t.test('a form is read with a zod schema: its fields only, an empty optional field absent', async (t) => {
  const schema = z.object({ email: z.email(), fullName: z.string().min(1).optional() }).strict();
  const values = formValues({ _csrf: 'token', email: 'a@example.fr', fullName: '', other: 'ignored' });
  t.same(values, { email: 'a@example.fr', fullName: '', other: 'ignored' }, 'the token is not a value');
  t.same(parseForm(schema, values), { ok: true, data: { email: 'a@example.fr' } });
  const bad = parseForm(schema, { email: 'nope' });
  t.equal(bad.ok, false);
  if (!bad.ok) t.same(Object.keys(bad.errors.fields), ['email']);
  const missing = parseForm(schema, {});
  t.equal(missing.ok, false, 'a required field left out');
});

t.test('a service’s refusal lands beside the field it names', async (t) => {
  const wrong = 'Le mot de passe actuel est incorrect.';
  const taken = 'Un compte existe déjà avec cette adresse e-mail.';
  const bad = 'L’adresse e-mail ou le mot de passe est incorrect.';
  t.same(domainErrors(new Invalid(text('auth.currentPasswordWrong'), [{ path: 'currentPassword', message: text('auth.currentPasswordWrong') }])), {
    fields: { currentPassword: wrong },
    general: [],
  });
  t.same(
    domainErrors(new Invalid(text('auth.currentPasswordWrong'), [{ path: 'a', message: text('auth.passwordWrong') }, { path: 'b', message: text('auth.emailTakenShort') }])).fields,
    { a: 'Le mot de passe est incorrect.', b: taken },
  );
  t.same(domainErrors(new Conflict(text('auth.emailTakenShort'), { field: 'email' })).fields, { email: taken });
  t.same(domainErrors(new Unauthorized(text('auth.invalidCredentials')), 'password').fields, { password: bad });
  t.same(domainErrors(new Unauthorized(text('auth.invalidCredentials'))), { fields: {}, general: [bad] });
});

t.test('next: local paths only', async (t) => {
  t.equal(localPath('/compte?x=1#y'), '/compte?x=1#y');
  for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', '\\\\evil', 'javascript:alert(1)', '/a\nb', '', undefined, 42, ['/compte']]) {
    t.equal(localPath(bad), undefined, JSON.stringify(bad));
  }
});
