// The Electron bundles as scripts/build-electron.js writes them: a sandboxed preload must be one
// CommonJS file that requires nothing but 'electron' and hands the page functions, never ipcRenderer.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, channelOf } from '../../shared/api';
import { readMigrations } from '../../db/migrations';

const root = path.resolve(import.meta.dirname, '..', '..');
const out = path.join(root, 'dist-electron');
let preload: string;
let main: string;

beforeAll(() => {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-electron.js')], { cwd: root, encoding: 'utf8' });
  expect(build.stderr).toBe('');
  expect(build.status).toBe(0);
  preload = readFileSync(path.join(out, 'preload.cjs'), 'utf8');
  main = readFileSync(path.join(out, 'main.js'), 'utf8');
}, 60_000);

const requiredModules = (code: string) => [...new Set([...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))];

describe('the preload bundle', () => {
  it('is CommonJS that requires only electron', () => {
    expect(preload).not.toMatch(/^\s*(import|export)\b/m);
    expect(preload).not.toMatch(/\bimport\.meta\b/);
    expect(requiredModules(preload)).toEqual(['electron']);
  });

  it('uses ipcRenderer only to invoke, and never passes it on', () => {
    const uses = [...preload.matchAll(/\bipcRenderer\b(.{0,8})/g)].map((m) => m[1]);
    expect(uses.length).toBeGreaterThan(0);
    for (const after of uses) expect(after).toMatch(/^\.invoke\(/);
  });

  it('exposes window.boex with one function per call, each invoking its own channel', async () => {
    const exposed = new Map<string, unknown>();
    const ipcRenderer = { invoke: vi.fn(async (...args: unknown[]) => ({ ok: true, value: args })) };
    const electron = { contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) }, ipcRenderer };
    const module = { exports: {} };
    const context = vm.createContext({ module, exports: module.exports, require: (id: string) => (id === 'electron' ? electron : undefined) });
    vm.runInContext(preload, context, { filename: 'preload.cjs' });

    expect([...exposed.keys()]).toEqual(['boex']);
    const boex = exposed.get('boex') as Record<string, unknown>;
    expect(Object.keys(boex).sort()).toEqual([...CALL_NAMES].sort());
    for (const value of Object.values(boex)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(ipcRenderer.invoke);
    }
    const get = boex['petitions.get'] as (input: unknown, lang: unknown) => Promise<unknown>;
    await expect(get({ id: 7 }, 'nl')).resolves.toEqual({ ok: true, value: [channelOf('petitions.get'), { id: 7 }, 'nl'] });
    expect(ipcRenderer.invoke).toHaveBeenCalledTimes(1);
  });
});

describe('the main bundle', () => {
  it('is an ES module that leaves electron and the native better-sqlite3 to the runtime', () => {
    expect(main).toMatch(/^import .* from "electron";$/m);
    expect(main).toMatch(/^import \w+ from "better-sqlite3";$/m);
    // esbuild's shim for a bundled require() throws "Dynamic require … is not supported" in an ES module.
    expect(main).not.toContain('Dynamic require of');
    expect(requiredModules(main)).toEqual([]);
  });

  it('has the SQL migrations beside it, as db/migrations.ts expects', () => {
    const files = (folder: string) => readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort();
    const source = path.join(root, 'db', 'migrations');
    const copy = path.join(out, 'migrations');
    expect(files(copy)).toEqual(files(source));
    for (const file of files(source).filter((f) => f.endsWith('.sql') || f.endsWith('.json'))) {
      expect(readFileSync(path.join(copy, file), 'utf8')).toBe(readFileSync(path.join(source, file), 'utf8'));
    }
  });

  it('runs: opens the register named on its command line with the migrations beside it, and wires window and IPC', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'boex-bundle-'));
    const register = path.join(folder, 'board.db');
    const hooks = pathToFileURL(path.join(import.meta.dirname, 'fixtures', 'electron-hooks.mjs')).href;
    const withStub = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(hooks)})`;
    try {
      const run = spawnSync(process.execPath, ['--import', withStub, path.join(out, 'main.js'), '--register', register], {
        cwd: root,
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const seen = JSON.parse(run.stdout) as { preload: string; loadedFile: string; channels: string[]; info: unknown; errorBoxes: string[]; menuLabels: string[] };
      expect(seen.errorBoxes).toEqual([]);
      expect(seen.menuLabels).toEqual(['File', 'View', 'Help']);
      expect(seen.preload).toBe(path.join(out, 'preload.cjs'));
      expect(existsSync(seen.preload)).toBe(true);
      expect(seen.loadedFile).toBe(path.join(root, 'dist', 'renderer', 'index.html'));
      expect(seen.channels.sort()).toEqual(CALL_NAMES.map(channelOf).sort());
      expect(seen.info).toMatchObject({ ok: true, value: { path: register, schemaVersion: readMigrations().length } });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 30_000);
});
