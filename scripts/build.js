/**
 * Compiles src/, db/ and migrations/ to dist/ with esbuild, one .js file (and its source map)
 * per .ts file, the same layout as the sources: dist/migrations/*.js, so that db/migrate.ts,
 * resolving `../migrations` from its own URL, finds the compiled migrations. Then
 * dist/src/server.js, what `npm start` runs, is replaced by a bundle of the server with the app
 * and most packages (see bundleServer). esbuild only strips the types (a fraction of a second,
 * about as much again for the bundle); `npm run typecheck` checks them.
 * Source maps are written beside each file: `NODE_OPTIONS=--enable-source-maps npm start` makes
 * stack traces name the TypeScript lines (off by default: it reads every map at start).
 *
 *   node scripts/build.js             build (npm run build)
 *   node scripts/build.js --if-stale  build only if the sources changed since the last build
 *                                     (npm install runs it as `prepare`; npm start does the same)
 *
 * Plain JavaScript because it runs before anything is compiled.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { changedInputs, formatRecord, isSource, parseRecord, RECORD_FILE, SOURCE_FOLDERS } from './build-state.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const OUT_DIR = 'dist';

// The oldest Node that package.json's engines allows.
const TARGET = 'node20.19';
// Besides the sources, what shapes the output.
const CONFIG_FILES = ['tsconfig.json', 'scripts/build.js', 'scripts/build-state.js'];

/**
 * The .ts and .tsx files to compile, relative to root, `/`-separated, sorted.
 * @param {string} root
 * @returns {string[]}
 */
export function listSources(root) {
  const files = [];
  for (const folder of SOURCE_FOLDERS) {
    for (const entry of readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })) {
      const path = `${folder}/${entry.split(sep).join('/')}`;
      if (isSource(path)) files.push(path);
    }
  }
  return files.sort();
}

/**
 * What the build depends on: path → SHA-256 of the file, and esbuild → its version.
 * @param {string} root
 * @param {readonly string[]} sources
 * @returns {Record<string, string>}
 */
export function readInputs(root, sources = listSources(root)) {
  /** @type {Record<string, string>} */
  const inputs = {};
  for (const path of [...sources, ...CONFIG_FILES]) {
    inputs[path] = createHash('sha256').update(readFileSync(join(root, path))).digest('hex');
  }
  const esbuildManifest = createRequire(join(root, 'package.json')).resolve('esbuild/package.json');
  inputs.esbuild = /** @type {{ version: string }} */ (JSON.parse(readFileSync(esbuildManifest, 'utf8'))).version;
  return inputs;
}

/**
 * @param {string} root
 * @param {string} outDir
 * @returns {Record<string, string> | undefined}
 */
function readRecord(root, outDir) {
  try {
    return parseRecord(readFileSync(join(root, outDir, RECORD_FILE), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Empties outDir, compiles every source into it, then writes the record of the inputs: last,
 * so that an interrupted build leaves no record and the next start builds again.
 * @param {{ root?: string, outDir?: string }} [options]
 * @returns {Promise<{ files: number, ms: number }>}
 */
export async function build({ root = ROOT, outDir = OUT_DIR } = {}) {
  const started = performance.now();
  const sources = listSources(root);
  const inputs = readInputs(root, sources);
  // Nothing survives from an earlier build: a deleted or renamed source, a migration above
  // all, must not live on as a .js file.
  rmSync(join(root, outDir), { recursive: true, force: true });
  // Imported here: checking an up-to-date dist/ does not load esbuild.
  const esbuild = await import('esbuild');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: sources,
    outdir: outDir,
    outbase: '.',
    bundle: false,
    platform: 'node',
    format: 'esm',
    target: TARGET,
    tsconfig: 'tsconfig.json',
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
  });
  await bundleServer(esbuild, root, outDir);
  writeFileSync(join(root, outDir, RECORD_FILE), formatRecord(inputs));
  return { files: sources.length, ms: performance.now() - started };
}

/**
 * The packages the server bundle leaves to Node (imported from node_modules at run time): those
 * that find files beside their own modules (PGlite its WebAssembly, argon2 its native addon,
 * piscina its worker, swagger-ui its page, pino's transports their threads), esbuild, and the
 * charting libraries (vega, vega-lite), imported on a report's first chart only: in the bundle
 * they would be read at every start.
 */
export const EXTERNAL_PACKAGES = Object.freeze(['@electric-sql/pglite', '@node-rs/argon2', 'piscina', '@fastify/swagger-ui', 'pino', 'esbuild', 'vega', 'vega-lite']);

/**
 * Replaces dist/src/server.js by one file holding the server, the app and the packages they
 * import (but EXTERNAL_PACKAGES): Node then reads, resolves and compiles one module instead of
 * some 900, which was most of a start's time before the database opens. The rest of
 * dist/ stays as compiled, file by file: the migrations, which the migrator lists and imports
 * from dist/migrations, and the modules loaded by path (the placement worker). Each of our
 * modules in the bundle keeps its own `import.meta.url`, that of its compiled file in dist/,
 * so that what it finds beside itself (the migrations' folder, the worker, static files) is
 * found as from the file-by-file build.
 * @param {typeof import('esbuild')} esbuild
 * @param {string} root
 * @param {string} outDir
 */
async function bundleServer(esbuild, root, outDir) {
  const bundleDir = join(root, outDir, 'src');
  /** @type {import('esbuild').Plugin} */
  const ownUrls = {
    name: 'own-import-meta-url',
    setup(plugin) {
      plugin.onLoad({ filter: /\.tsx?$/ }, (args) => {
        const path = relative(root, args.path).split(sep).join('/');
        if (!isSource(path)) return undefined;
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const compiled = relative(bundleDir, join(root, outDir, path.replace(/\.tsx?$/, '.js'))).split(sep).join('/');
        const url = `new URL(${JSON.stringify(`./${compiled}`)}, import.meta.url).href`;
        return { contents: text.replaceAll('import.meta.url', url), loader: path.endsWith('.tsx') ? 'tsx' : 'ts' };
      });
    },
  };
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/server.ts'],
    outfile: join(outDir, 'src', 'server.js'),
    allowOverwrite: true,
    bundle: true,
    external: [...EXTERNAL_PACKAGES],
    platform: 'node',
    format: 'esm',
    target: TARGET,
    tsconfig: 'tsconfig.json',
    // The CommonJS packages in the bundle call require() for Node's modules.
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);" },
    plugins: [ownUrls],
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
  });
}

/**
 * Builds only when the inputs differ from the recorded build's.
 * @param {{ root?: string, outDir?: string }} [options]
 * @returns {Promise<BuildCheck>}
 */
export async function buildIfStale({ root = ROOT, outDir = OUT_DIR } = {}) {
  const recorded = readRecord(root, outDir);
  const changed = changedInputs(recorded, readInputs(root));
  if (changed.length === 0) return { built: false, changed };
  return { built: true, changed: recorded ? changed : [], ...(await build({ root, outDir })) };
}

/**
 * @typedef {{ built: false, changed: string[] } | { built: true, changed: string[], files: number, ms: number }} BuildCheck
 * `changed`: the inputs that differ from the recorded build's; empty on a build with no record.
 */

/**
 * One line about a build, for a person.
 * @param {BuildCheck} result
 * @returns {string}
 */
export function describe(result) {
  if (!result.built) return `${OUT_DIR}/ is up to date`;
  const line = `built ${OUT_DIR}/ (${result.files} files, ${(result.ms / 1000).toFixed(2)} s)`;
  const n = result.changed.length;
  if (n === 0) return line;
  const shown = result.changed.slice(0, 3).join(', ');
  return `${line}: ${n > 3 ? `${shown} and ${n - 3} more` : shown} changed since the last build`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = process.argv.includes('--if-stale') ? await buildIfStale() : { built: /** @type {const} */ (true), changed: [], ...(await build()) };
  console.log(describe(result));
}
