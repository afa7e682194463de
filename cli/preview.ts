// `boex preview` (`npm run preview`): the real app in a browser, served with the register through
// the loopback bridge. Runs until interrupted, then closes the register cleanly.
import { readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { automaticBackup } from '../db/backup';
import { openRegister } from '../db/register';
import { startBridge, type Bridge } from '../electron/bridge/http';
import { translate, type Language } from '../shared/i18n';
import { report } from './output';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const rendererDir = path.join(root, 'dist', 'renderer');

/** `readonly`: open the register without writing anything (`--readonly`), as a reader would see it. */
export async function preview(file: string, port: number, lang: Language, options: { readonly?: boolean } = {}): Promise<number> {
  // The preview is where the UI is developed and tested: check every answer against the contract.
  process.env.BOEX_CHECK_OUTPUT ??= '1';
  await buildRendererIfStale(lang);
  let register;
  try {
    register = openRegister(file, { actor: os.userInfo().username, readonly: options.readonly === true });
  } catch (error) {
    return report(error, lang);
  }
  // A backup at every open, as the desktop app makes one; a failure is reported, not fatal. Not
  // with --readonly: it asks that nothing be written beside the register either.
  if (!options.readonly) automaticBackup(register, new Date()).catch((error: unknown) => report(error, lang));
  let bridge: Bridge;
  try {
    bridge = await startBridge({ ctx: { register, actor: os.userInfo().username, now: () => new Date() }, staticDir: rendererDir, port });
  } catch (error) {
    register.close();
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      console.error(translate(lang, 'cli.preview.portInUse', { port }));
      return 2;
    }
    return report(error, lang);
  }
  console.log(translate(lang, 'cli.preview.ready'));
  console.log(bridge.url);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await bridge.close();
  register.close();
  console.log(translate(lang, 'cli.preview.stopped'));
  return 0;
}

/** Builds the renderer when its output is missing or older than any source it is built from. */
async function buildRendererIfStale(lang: Language): Promise<void> {
  const built = statSync(path.join(rendererDir, 'index.html'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = ['renderer', 'shared', 'index.html', 'vite.config.ts', 'package-lock.json'].map((p) => path.join(root, p));
  if (built > 0 && sources.every((source) => newestChange(source) < built)) return;
  console.log(translate(lang, 'cli.preview.building'));
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

function newestChange(file: string): number {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(file).map((entry) => newestChange(path.join(file, entry))));
}
