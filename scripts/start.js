// `npm start`: build, find the Electron runtime, make better-sqlite3 loadable by it, and launch.
// On a machine that cannot run Electron this ends in one sentence pointing at the browser preview,
// never in a stack trace; the Node build of better-sqlite3 that the tests use is never touched.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const PREVIEW = 'use `npm run preview -- --register FILE` to run BoEx Register in your browser';

/** A failure whose message is the one sentence the person reads. */
class StartFailure extends Error {}

try {
  if (process.env.BOEX_SKIP_BUILD !== '1') buildApp();
  const electron = electronRuntime();
  ensureNativeBinding(electron.version);
  launch(electron.binary);
} catch (error) {
  const reason = error instanceof StartFailure ? error.message : `BoEx Register could not start (${firstLine(error)}); ${PREVIEW}.`;
  console.error(reason);
  process.exitCode = 1;
}

function buildApp() {
  // Under `npm start` npm names its own CLI; run directly, find npm on the PATH.
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new StartFailure('The build failed (see the messages above); fix them and run `npm start` again.');
}

/** Electron 42+ fetches its runtime on first use; fetch it quietly so a failure is one sentence, not the downloader's stack. */
function electronRuntime() {
  const notInstalled = new StartFailure(`The Electron runtime is not installed on this machine and cannot be downloaded here; ${PREVIEW}.`);
  let electronDir;
  try {
    electronDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    throw notInstalled;
  }
  if (!existsSync(path.join(electronDir, 'path.txt'))) note('Fetching the Electron runtime (once)…');
  const install = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'pipe' });
  if (install.status !== 0) throw notInstalled;
  let binary;
  try {
    binary = require('electron');
  } catch {
    throw notInstalled;
  }
  if (typeof binary !== 'string' || !existsSync(binary)) throw notInstalled;
  const { version } = JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8'));
  return { binary, version };
}

/**
 * Compiles a copy of better-sqlite3 against Electron's headers into dist-electron/native, where the
 * main process looks first. The copy keeps node_modules' Node build intact for the tests and the
 * preview; the stamp skips the ≈ 90 s compile when nothing it depends on changed.
 */
function ensureNativeBinding(electronVersion) {
  const moduleDir = path.dirname(require.resolve('better-sqlite3/package.json'));
  const { version: sqliteVersion } = JSON.parse(readFileSync(path.join(moduleDir, 'package.json'), 'utf8'));
  const nativeDir = path.join(root, 'dist-electron', 'native');
  const target = path.join(nativeDir, 'better_sqlite3.node');
  const stampFile = path.join(nativeDir, 'built-for.json');
  const stamp = JSON.stringify({ electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch: process.arch });
  if (existsSync(target) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;

  note(`Building better-sqlite3 for Electron ${electronVersion} (once, a minute or two)…`);
  const work = mkdtempSync(path.join(os.tmpdir(), 'boex-native-'));
  try {
    cpSync(moduleDir, work, { recursive: true, filter: (source) => source !== path.join(moduleDir, 'build') });
    const result = spawnSync(
      process.execPath,
      [
        nodeGyp(),
        'rebuild',
        '--release',
        `--target=${electronVersion}`,
        '--runtime=electron',
        '--dist-url=https://electronjs.org/headers',
        `--arch=${process.arch}`,
      ],
      { cwd: work, stdio: 'pipe', env: headersFromElectron(process.env) },
    );
    if (result.status !== 0) {
      throw new StartFailure(
        `better-sqlite3 could not be built for Electron ${electronVersion} (its headers need the internet, and a C++ compiler); ${PREVIEW}.`,
      );
    }
    mkdirSync(nativeDir, { recursive: true });
    cpSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), target);
    writeFileSync(stampFile, stamp);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** npm's own node-gyp when started through npm, else the one in node_modules. */
function nodeGyp() {
  return process.env.npm_config_node_gyp ?? require.resolve('node-gyp/bin/node-gyp.js');
}

/**
 * npm passes its config to scripts as npm_config_* variables, and node-gyp obeys them: a `nodedir`
 * in .npmrc would silently compile against Node's headers and label the result as Electron's.
 */
function headersFromElectron(env) {
  return Object.fromEntries(
    Object.entries(env).filter(([key]) => !/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch)$/i.test(key)),
  );
}

function launch(binary) {
  const env = { ...process.env };
  // Set, it would make Electron behave as plain Node and ignore the app.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [root, ...appArguments(process.argv.slice(2))], { cwd: root, stdio: 'inherit', env });
  child.on('error', () => {
    console.error(`The Electron runtime at ${binary} could not be started; ${PREVIEW}.`);
    process.exitCode = 1;
  });
  child.on('exit', (code) => {
    process.exitCode = code ?? 1;
  });
}

/** npm runs scripts from the project folder; a relative --register means the folder the person typed it in. */
function appArguments(args) {
  const from = process.env.INIT_CWD ?? process.cwd();
  return args.map((arg, index) => {
    if (args[index - 1] === '--register') return path.resolve(from, arg);
    if (arg.startsWith('--register=')) return `--register=${path.resolve(from, arg.slice('--register='.length))}`;
    return arg;
  });
}

/** Progress for a person at a terminal; a script reading the output sees only the outcome. */
function note(message) {
  if (process.stdout.isTTY) console.log(message);
}

function firstLine(error) {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
