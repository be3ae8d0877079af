import t from 'tap';
import { z } from 'zod';
import { Conflict, Invalid, RuleViolation, Unauthorized } from '../../src/errors.js';
import { fieldMessage } from '../../src/i18n/validation.js';
import { text } from '../../src/i18n/index.js';
import { domainErrors, formValues, parseForm } from '../../src/web/forms.js';
import { localPath } from '../../src/web/render.js';

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

t.test('a form’s zod issues are French, custom messages rendered from the catalogue', async (t) => {
  const schema = z.object({ title: z.string().max(3), at: z.string().regex(/^\d\d:\d\d$/, fieldMessage('field.timeOfDay')), email: z.email() });
  const parsed = parseForm(schema, { title: 'abcdef', at: 'midi', email: 'pas-une-adresse' });
  t.equal(parsed.ok, false);
  if (parsed.ok) return;
  t.equal(parsed.errors.fields.title, 'doit contenir au plus 3 caractères');
  t.notMatch(parsed.errors.fields.at, /^field\./, 'not the catalogue key');
  t.notMatch(parsed.errors.fields.email, /Invalid/, 'not zod’s English');
});

t.test('a rule’s refusal lands beside the field it names', async (t) => {
  const errors = domainErrors(new RuleViolation('weekly-hours', text('mission.weeklyHoursMin', { min: 24 }), { field: 'weeklyHours' }));
  t.same(Object.keys(errors.fields), ['weeklyHours']);
  t.same(errors.general, []);
});

