import { createRequire } from 'node:module';
import t from 'tap';
import { Invalid } from '../../src/errors.js';
import { render } from '../../src/i18n/index.js';
import { assertPasswordFits, frenchSentence, passwordProblem, passwordRefusal, passwordSchema } from '../../src/lib/password-policy.js';

const refusalFr = (password: string, personal: string[] = []) => {
  const refusal = passwordRefusal(password, personal);
  return refusal && render(refusal, 'fr');
};

t.test('simple passwords are refused with zxcvbn’s French advice', async (t) => {
  t.equal(refusalFr('motdepasse12'), 'est trop facile à deviner. Ajoutez des mots moins courants.');
  t.equal(
    refusalFr('azertyuiop12'),
    'est trop facile à deviner. Les lignes droites de touches de votre clavier sont faciles à deviner. Ajoutez des mots moins courants. ' +
      'Utilisez des motifs de clavier plus longs et changez de sens de frappe plusieurs fois.',
    'a French keyboard row; the warning gets its full stop',
  );
  t.equal(refusalFr('soleil123456'), 'est trop facile à deviner. Ajoutez des mots moins courants.');
  t.equal(refusalFr('Marseille2024'), 'est trop facile à deviner. Ajoutez des mots moins courants. Utilisez des majuscules mais pas seulement sur la première lettre.');
  t.equal(
    refusalFr('aaaaaaaaaaaa'),
    'est trop facile à deviner. Les caractères répétés comme « aaa » sont faciles à deviner. Ajoutez des mots moins courants. Évitez les mots et les caractères répétés.',
    'guillemets, not straight quotes',
  );
  t.match(passwordRefusal('motdepasse12'), { key: 'field.weakPassword' });
});

t.test('a passphrase of unrelated words is accepted', async (t) => {
  t.equal(passwordRefusal('cheval-agrafe-batterie-correcte'), undefined);
  t.equal(passwordRefusal('a long and unusual test passphrase'), undefined, 'the tests’ own password');
  t.equal(passwordSchema.safeParse('cheval-agrafe-batterie-correcte').success, true);
});

t.test('the length window, in code points', async (t) => {
  t.same(passwordRefusal('Tq7#vLp2!mZ'), { key: 'field.tooShort', params: { minimum: 12 } }, '11 characters, however random');
  t.equal(passwordRefusal('Tq7#vLp2!mZx'), undefined, '12 random characters');
  t.same(passwordRefusal('🐴🔋📎✅🌵🎻🧲🪁🦔🧀🛶'), { key: 'field.tooShort', params: { minimum: 12 } }, '11 emoji are 22 UTF-16 units but 11 characters');
  const longest = 'cheval-agrafe-batterie-correcte-'.repeat(4);
  t.equal([...longest].length, 128);
  t.equal(passwordRefusal(longest), undefined, '128 characters');
  t.same(passwordRefusal(`${longest}x`), { key: 'field.tooLong', params: { maximum: 128 } }, '129 characters');
});

t.test('a password built on the person’s name or e-mail is refused only when what remains is simple', async (t) => {
  const jean = ['jean.dupont@example.org', 'Jean Dupont'];
  t.equal(passwordRefusal('JeanDupont2024'), undefined, 'to a stranger, two names and a year');
  t.equal(
    refusalFr('JeanDupont2024', jean),
    'est trop facile à deviner. Le mot de passe ne doit pas comporter de données personnelles ou liées au site. Ajoutez des mots moins courants.',
  );
  t.ok(passwordRefusal('jean.dupont.62', jean), 'the e-mail’s local part');
  t.equal(passwordRefusal('Jean-Dupont-Lens-62', jean), undefined, 'the names plus enough of something else');
  t.equal(passwordRefusal('cheval-agrafe-batterie-correcte', jean), undefined);
  t.equal(passwordRefusal('JeanDupont2024', [undefined, null, '']), undefined, 'nothing known, nothing held against it');

  const error = t.throws(() => assertPasswordFits('JeanDupont2024', jean, 'newPassword')) as Invalid;
  t.ok(error instanceof Invalid, 'a 422 naming the field');
  t.same(error.errors.map((e) => e.path), ['newPassword']);
  t.match(error.errors[0]!.message, /^est trop facile à deviner\. Le mot de passe ne doit pas comporter de données personnelles/);
  t.match(error.message, /^Ce mot de passe est trop facile à deviner\. Le mot de passe ne doit pas comporter de données personnelles/, 'the sentence the pages show');
  t.doesNotThrow(() => assertPasswordFits('cheval-agrafe-batterie-correcte', jean));
});

t.test('in English (the start-up checks), the same refusals', async (t) => {
  t.equal(passwordProblem('Marseille2024'), 'is too easy to guess; add a few uncommon words, or make it longer');
  t.equal(passwordProblem('short'), 'must be at least 12 characters long');
  t.equal(passwordProblem('cheval-agrafe-batterie-correcte'), undefined);
});

t.test('every warning and suggestion of zxcvbn’s French follows French typography once rewritten', async (t) => {
  const { translations } = createRequire(import.meta.url)('@zxcvbn-ts/language-fr') as typeof import('@zxcvbn-ts/language-fr');
  const sentences = [...Object.values(translations.warnings), ...Object.values(translations.suggestions)].map(frenchSentence);
  t.ok(sentences.length > 25);
  t.same(sentences.filter((s) => /'|\S[:;?!]( |$)|«\S|\S»|[^.!?]$/.test(s)), [], 'no straight quote, a space before : and inside « », a full stop');
  t.equal(frenchSentence('Évitez les années qui vous sont associées. (ex: date de naissance)'), 'Évitez les années qui vous sont associées. (par exemple date de naissance).');
  t.equal(frenchSentence('Évitez les substitutions de lettres prévisibles comme \'@\' pour \'a\'.'), 'Évitez les substitutions de lettres prévisibles comme « @ » pour « a ».');
});
