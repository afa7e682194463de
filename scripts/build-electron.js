// Bundles the main process and the preload for Electron, and puts the SQL migrations beside the
// main bundle, where db/migrations.ts looks for them (next to the module that reads them).
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist-electron');

await Promise.all([
  build({
    entryPoints: [path.join(root, 'electron', 'main.ts')],
    outfile: path.join(out, 'main.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // Electron provides 'electron'; better-sqlite3 is native and loads from node_modules (packaged:
    // from app.asar.unpacked). A package that reads its own files at run time (pdfkit's font
    // metrics, dejavu-fonts-ttf) stays external too, and so does a CommonJS package that
    // require()s Node built-ins (papaparse), which an ES module bundle cannot do.
    external: ['electron', 'better-sqlite3', 'papaparse', 'pdfkit', 'dejavu-fonts-ttf', '@signpdf/*', 'node-forge'],
    logLevel: 'warning',
  }),
  build({
    entryPoints: [path.join(root, 'electron', 'preload.ts')],
    outfile: path.join(out, 'preload.cjs'),
    bundle: true,
    // A sandboxed preload is one CommonJS file that may require nothing but 'electron'.
    platform: 'browser',
    format: 'cjs',
    target: 'es2023',
    external: ['electron'],
    logLevel: 'warning',
  }),
]);

// Replaced, not merged, so a migration removed from the sources does not linger in the bundle.
// dist-electron/native (better-sqlite3 for Electron, built by scripts/start.js) is left alone.
await rm(path.join(out, 'migrations'), { recursive: true, force: true });
await cp(path.join(root, 'db', 'migrations'), path.join(out, 'migrations'), { recursive: true });
