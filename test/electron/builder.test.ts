// The packaging configuration: packaging itself needs the internet, so its settings are checked here.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
// js-yaml arrives with electron-builder and ships no types; load() is all this test needs.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
// electron-builder's own schema check, the first thing `npm run dist` does. It is not exported from
// the package's entry, hence the inner path; the version is pinned, so the path holds.
const { validateConfiguration } = createRequire(import.meta.url)('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
};

describe('electron-builder.yml', () => {
  it('is a configuration electron-builder accepts', async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
  });

  it('names the app and packs only the built app', () => {
    expect(config).toMatchObject({
      appId: 'nl.leidenuniv.liacs.boex-register',
      productName: 'BoEx Register',
      directories: { buildResources: 'build', output: 'release' },
      asar: true,
    });
    expect(config.files).toEqual(expect.arrayContaining(['dist/renderer/**', 'dist-electron/**', 'package.json']));
    expect(config.asarUnpack).toEqual(expect.arrayContaining([expect.stringMatching(/^node_modules\/better-sqlite3\//)]));
  });

  it('builds an installer for each platform', () => {
    expect(config).toMatchObject({ win: { target: 'nsis' }, mac: { target: 'dmg' }, linux: { target: ['AppImage', 'deb'] } });
  });

  it('flips the Electron fuses that close the runtime to tampering', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('has a 512 × 512 PNG icon in its build resources', () => {
    const png = readFileSync(path.join(root, 'build', 'icon.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
