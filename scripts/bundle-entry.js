/**
 * dist/src/server.js, what `npm start` runs: the build copies this file there. It runs the
 * server's bundle, dist/src/server.cjs (see scripts/build.js), through V8's code cache: the
 * first start compiles the bundle and, as the process exits, writes the compiled code beside it
 * (server.cjs.v8-cache); the next starts read it back instead of compiling some 6 MB of
 * JavaScript again (measured: see bench/README.md « Start-up »).
 *
 * The cache is an optimisation only, never a condition: missing, unreadable, written by another
 * Node, for another bundle (its header names the bundle's size and date) or refused by V8, it
 * is ignored and the bundle compiled as without it; failing to write it (a read-only dist/)
 * changes nothing either. It is written to a temporary file then renamed, so that a reader
 * never sees half of one; a build empties dist/ and so removes it with the bundle it was for.
 * With --enable-source-maps the bundle is simply required (Node maps the stack traces of what
 * it loads itself).
 *
 * Plain JavaScript because it runs before anything is compiled.
 */
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const bundle = join(here, 'server.cjs');
const cacheFile = `${bundle}.v8-cache`;
const require = createRequire(bundle);

// The bundle's import() (see DYNAMIC_IMPORT in scripts/build.js): this module's, relative to
// the same folder as the bundle's own would be.
Object.defineProperty(globalThis, Symbol.for('binome.bundleImport'), { value: (/** @type {string} */ specifier) => import(specifier) });

const sourceMaps = process.execArgv.includes('--enable-source-maps') || /(^|\s)--enable-source-maps\b/.test(process.env.NODE_OPTIONS ?? '');
if (sourceMaps) {
  require(bundle);
} else {
  run();
}

function run() {
  const source = readFileSync(bundle, 'utf8');
  const stat = statSync(bundle);
  // What the cache was made for, besides what V8 checks itself (its version, its flags, the
  // source's length).
  const key = `${JSON.stringify({ node: process.version, arch: process.arch, size: stat.size, mtimeMs: stat.mtimeMs })}\n`;
  const cachedData = readCache(key);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData,
    // The bundle's import() of the packages left outside it (PGlite, swagger-ui…): Node's own.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (cachedData === undefined || script.cachedDataRejected) {
    // At a clean exit (a start that failed half-way would leave a poor cache): the code cache
    // then holds the functions compiled so far (the start's), not only the top level.
    process.once('exit', (code) => {
      if (code === 0) writeCache(script, key);
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require, module, bundle, here);
}

/**
 * @param {string} key
 * @returns {Buffer | undefined}
 */
function readCache(key) {
  try {
    const data = readFileSync(cacheFile);
    const header = Buffer.from(key);
    if (data.length <= header.length || !data.subarray(0, header.length).equals(header)) return undefined;
    return data.subarray(header.length);
  } catch {
    return undefined;
  }
}

/**
 * @param {vm.Script} script
 * @param {string} key
 */
function writeCache(script, key) {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat([Buffer.from(key), script.createCachedData()]));
    renameSync(temporary, cacheFile);
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // nothing written
    }
  }
}
