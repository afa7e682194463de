// Two processes (the app and the CLI, or two app instances on a shared register) each record 200
// decisions into the same register at the same moment. SQLite's write lock and the busy timeout
// put their transactions in a row; the number is drawn inside each, so the 400 numbers are unique
// and gap-free (24-25 LIACS 1..400), each petition decided once, and the register is intact.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRegister } from '../../db/register';
import { newPetition, ok, itemOf } from '../support/meetings';
import { cleanUp, openTestRegister, projectRoot, track } from '../support/register';

afterEach(cleanUp);

interface Outcome {
  startedAt: number;
  finishedAt: number;
  numbers: string[];
  refusals: string[];
  busy: number;
}

/** Starts a process that records decisions on these items when told to; resolves once it is loaded and waiting. */
function startRecorder(file: string, items: number[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'test/support/record-decisions-process.ts'), file, items.join(',')], {
    cwd: projectRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<Outcome>((resolve, reject) => {
    child.on('exit', (status) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line || status !== 0) reject(new Error(`recorder exited with ${status}:\n${out}\n${err}`));
      else resolve(JSON.parse(line) as Outcome);
    });
  });
  const ready = new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (out.startsWith('ready\n')) {
        clearInterval(poll);
        resolve();
      }
    }, 5);
    exited.catch((error: unknown) => {
      clearInterval(poll);
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
  return { child, ready, exited };
}

describe('decision numbers with two processes writing at once', () => {
  it('are unique and gap-free over 2 × 200 decisions, and the register stays intact', { timeout: 300_000 }, async () => {
    const t = openTestRegister({ now: () => new Date('2025-03-01T09:30:00.000Z') });
    // 400 petitions of 400 students, through an MT Board meeting and onto one BoEx agenda.
    const ids = Array.from({ length: 400 }, () => newPetition(t));
    const mt = ok(t, 'meetings.create', { body: 'mt_board', heldOn: '2025-02-20', cutoffOn: null, location: '' });
    const mtAgenda = ok(t, 'agenda.add', { meetingId: mt.id, petitionIds: ids });
    // The advice is written in one statement: recording it call by call returns the 400-item
    // agenda each time, which is not what this test is about.
    t.register.sqlite
      .prepare(
        `INSERT INTO advice (agenda_item_id, petition_id, advice, reasoning, recorded_at, recorded_by)
         SELECT id, petition_id, 'support', 'Fits the programme.', '2025-02-20T15:00:00.000Z', 'secretary' FROM agenda_items WHERE meeting_id = ?`,
      )
      .run(mt.id);
    expect(mtAgenda.items).toHaveLength(400);
    const boex = ok(t, 'meetings.create', { body: 'boex', heldOn: '2025-02-27', cutoffOn: null, location: '' });
    const agenda = ok(t, 'agenda.add', { meetingId: boex.id, petitionIds: ids });
    const items = ids.map((id) => itemOf(agenda, id).id);
    t.register.close();

    // Each process decides every other item, so their rows interleave in the agenda too.
    const recorders = [items.filter((_, i) => i % 2 === 0), items.filter((_, i) => i % 2 === 1)].map((mine) => startRecorder(t.file, mine));
    await Promise.all(recorders.map((r) => r.ready));
    for (const recorder of recorders) recorder.child.stdin.end('go\n');
    const outcomes = await Promise.all(recorders.map((r) => r.exited));

    for (const outcome of outcomes) {
      expect(outcome.refusals).toEqual([]);
      expect(outcome.numbers).toHaveLength(200);
    }
    // They ran at the same time: each started before the other finished.
    const [a, b] = outcomes as [Outcome, Outcome];
    expect(a.startedAt < b.finishedAt && b.startedAt < a.finishedAt).toBe(true);
    // Within each process the numbers rise; across both they interleave.
    const seqs = outcomes.map((o) => o.numbers.map((n) => Number(/^24-25 LIACS (\d+)$/.exec(n)?.[1])));
    for (const seq of seqs) expect(seq).toEqual([...seq].sort((x, y) => x - y));
    const all = seqs.flat().sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    expect(seqs.every((seq) => seq.at(-1)! > 200)).toBe(true);

    const register = track(openRegister(t.file, { now: () => new Date('2025-03-01T12:00:00.000Z') }));
    const db = register.sqlite;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n, count(DISTINCT number) AS numbers, count(DISTINCT petition_id) AS petitions, min(seq) AS lo, max(seq) AS hi FROM decisions').get()).toEqual({
      n: 400,
      numbers: 400,
      petitions: 400,
      lo: 1,
      hi: 400,
    });
    // Every decision has its audit row, written by the process that drew its number.
    expect(
      db.prepare(`SELECT count(*) AS n FROM decisions d JOIN audit_log a ON a.entity = 'decision' AND a.action = 'create' AND a.entity_id = d.id AND json_extract(a.after, '$.number') = d.number`).get(),
    ).toEqual({ n: 400 });
    expect(db.prepare(`SELECT count(DISTINCT actor) AS n FROM audit_log WHERE entity = 'decision'`).get()).toEqual({ n: 2 });
  });
});
