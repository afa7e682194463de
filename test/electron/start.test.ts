// `npm start` on a machine that cannot run Electron: one sentence that names the browser preview.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const emptyDist = mkdtempSync(path.join(os.tmpdir(), 'boex-no-electron-'));
afterAll(() => rmSync(emptyDist, { recursive: true, force: true }));

describe('scripts/start.js without an Electron runtime', () => {
  it('exits non-zero with exactly one line that names npm run preview, and no stack', () => {
    // Made the same on every machine: the download goes to a closed port, and an Electron that
    // happens to be installed is pointed at an empty folder.
    const unreachable = 'http://127.0.0.1:9/';
    const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'start.js'), '--register', 'board.db'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        BOEX_SKIP_BUILD: '1',
        ELECTRON_MIRROR: unreachable,
        npm_config_electron_mirror: unreachable,
        ELECTRON_OVERRIDE_DIST_PATH: emptyDist,
      },
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('npm run preview');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  }, 60_000);
});
