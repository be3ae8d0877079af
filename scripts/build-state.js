/**
 * Whether dist/ was built from the sources as they are now. Pure: the caller reads the files
 * (scripts/build.js); this module only names what counts and compares digests.
 *
 * The build records the SHA-256 of every input: each TypeScript file it compiles and the files
 * that shape its output (the build scripts, tsconfig.json, esbuild's version). dist/ is up to
 * date when the inputs now are exactly those, with the same digests. Contents, not modification
 * times: a `git pull` or a checkout that changes, adds or deletes a file is seen whatever the
 * files' dates (a deleted migration must not live on in dist/), and a touch rebuilds nothing.
 *
 * Plain JavaScript (type-checked through JSDoc) because it runs before anything is compiled.
 */

/** The folders compiled into dist/: what `npm start` runs. */
export const SOURCE_FOLDERS = Object.freeze(['src', 'db', 'migrations']);

/** The record of the last build, inside the output folder (removed with it). */
export const RECORD_FILE = '.build-inputs.json';

/**
 * Whether a path (relative to the repository, `/`-separated) is a file to compile.
 * @param {string} path
 * @returns {boolean}
 */
export function isSource(path) {
  const [folder] = path.split('/', 1);
  return SOURCE_FOLDERS.includes(folder ?? '') && (path.endsWith('.ts') || path.endsWith('.tsx')) && !path.endsWith('.d.ts');
}

/**
 * The inputs added, changed or removed since the recorded build, sorted; empty when dist/ is
 * up to date. With no record (never built, an interrupted build, dist/ from another tool),
 * every input counts as changed.
 * @param {Readonly<Record<string, string>> | undefined} recorded digests at the last build
 * @param {Readonly<Record<string, string>>} current digests now
 * @returns {string[]}
 */
export function changedInputs(recorded, current) {
  if (!recorded) return Object.keys(current).sort();
  const changed = Object.keys(current).filter((path) => recorded[path] !== current[path]);
  for (const path of Object.keys(recorded)) if (!(path in current)) changed.push(path);
  return changed.sort();
}

/**
 * The record's inputs, or undefined when the text is not a record this module wrote.
 * @param {string | undefined} text
 * @returns {Record<string, string> | undefined}
 */
export function parseRecord(text) {
  if (text === undefined) return undefined;
  try {
    const record = JSON.parse(text);
    const inputs = record?.inputs;
    if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) return undefined;
    if (!Object.values(inputs).every((digest) => typeof digest === 'string')) return undefined;
    return inputs;
  } catch {
    return undefined;
  }
}

/**
 * @param {Readonly<Record<string, string>>} inputs
 * @returns {string}
 */
export function formatRecord(inputs) {
  return `${JSON.stringify({ inputs }, null, 1)}\n`;
}
