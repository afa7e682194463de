// Electronegativity (Doyensec's scanner for Electron misconfigurations) over the main-process
// code: every HIGH or MEDIUM finding must be explained in the reviewed allow-list beside this file.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanUp, projectRoot, tempDir } from '../support/register';

interface Allowed {
  check: string;
  file: string;
  why: string;
}

interface Finding {
  check: string;
  severity: string;
  file: string;
  location: string;
  description: string;
}

afterEach(cleanUp);

const scanner = path.join(projectRoot, 'node_modules/@doyensec/electronegativity/dist/index.js');
const electronVersion = (JSON.parse(readFileSync(path.join(projectRoot, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
const allowList = JSON.parse(readFileSync(path.join(projectRoot, 'test/electron/electronegativity-allow.json'), 'utf8')) as Allowed[];

function scan(): Finding[] {
  const out = path.join(tempDir(), 'electronegativity.csv');
  // It cannot find Electron's version from electron/ alone and would judge against Electron 0.1's
  // defaults: tell it the version installed. It always exits 0 (after timeouts fetching, offline).
  const run = spawnSync(process.execPath, [scanner, '-i', 'electron', '-r', '-e', electronVersion, '-o', out], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 55_000,
  });
  expect(run.error).toBeUndefined();
  expect(existsSync(out), `electronegativity wrote no report:\n${run.stdout}\n${run.stderr}`).toBe(true);
  // The report's sample column is source code written without quotes (commas, even line breaks,
  // depending on the code), so a CSV parser cannot be trusted with it. Each finding starts a line
  // with its check id and four quoted fields, which is all the test needs.
  const [header, ...lines] = readFileSync(out, 'utf8').split(/\r?\n/);
  expect(header?.split(',').map((h) => h.trim())).toEqual(['issue', 'severity', 'confidence', 'filename', 'location', 'sample', 'description', 'url']);
  const finding = /^([A-Z_]+_CHECK),"(\w+)","\w+","([^"]*)","([^"]*)",/;
  return lines.flatMap((line) => {
    const match = finding.exec(line);
    if (!match) return [];
    const [, check = '', severity = '', filename = '', location = ''] = match;
    return [{ check, severity, file: path.posix.join('electron', filename.split(path.sep).join('/')), location, description: line }];
  });
}

describe('electronegativity', () => {
  it('finds nothing HIGH or MEDIUM in electron/ that the reviewed allow-list does not explain', () => {
    for (const entry of allowList) {
      expect(entry.check).toMatch(/^[A-Z_]+_CHECK$/);
      expect(existsSync(path.join(projectRoot, entry.file)), entry.file).toBe(true);
      expect(entry.why.length, `${entry.check} in ${entry.file} needs a sentence why it is acceptable`).toBeGreaterThan(40);
    }
    const findings = scan();
    const serious = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
    const allowed = (f: Finding) => allowList.some((a) => a.check === f.check && a.file === f.file);
    const unexplained = serious.filter((f) => !allowed(f)).map((f) => `${f.severity} ${f.check} ${f.file}:${f.location} — ${f.description}`);
    expect(unexplained).toEqual([]);
    // An entry nothing matches any more is taken out, so the list stays a list of real findings.
    const stale = allowList.filter((a) => !serious.some((f) => f.check === a.check && f.file === a.file)).map((a) => `${a.check} ${a.file}`);
    expect(stale).toEqual([]);
  }, 60_000);
});
