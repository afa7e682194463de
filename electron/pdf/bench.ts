// Benchmark of the letter export: render, sign and write N letters to a folder, as exporting a
// BoEx meeting does. Run: npx tsx electron/pdf/bench.ts [--count 200] [--unsigned] [--out DIR]
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import forge from 'node-forge';
import { openCredential, type SigningCredential } from './credential';
import { renderDecisionLetter, type DecisionLetter } from './letter';
import { signPdfWith } from './sign';
import { safeFileName, writeFileAtomically } from './write';

export interface BenchOptions {
  count: number;
  signed: boolean;
  outDir: string;
}

export interface BenchResult {
  count: number;
  signed: boolean;
  perLetterMs: { median: number; p95: number; max: number };
  /** CPU time of the process per letter: wall-clock times vary with the load on the machine, this less. */
  cpuMsPerLetter: number;
  totalMs: number;
  /** Opening the certificate, once per batch; not part of totalMs. */
  openCertificateMs: number;
  rssStartMB: number;
  rssEndMB: number;
  rssPeakMB: number;
  /** RSS after each tenth of the batch: flat once the heap has grown to its working size. */
  rssByTenthMB: number[];
}

const NAMES = ['Zoë Visser', 'Łukasz Kowalski', 'Nguyễn Thị Minh Anh', 'Øyvind Hansen', 'Αλέξανδρος Παπαδόπουλος', 'Дмитрий Соколов'];

export async function benchLetters({ count, signed, outDir }: BenchOptions): Promise<BenchResult> {
  const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
  let rssPeak = process.memoryUsage.rss();
  const rssStart = rssPeak;

  const p12 = signed ? throwawayP12() : null;
  const opened = performance.now();
  const credential = p12 ? openCredential(p12, 'bench') : null;
  const openCertificateMs = performance.now() - opened;

  const times: number[] = [];
  const rssByTenth: number[] = [];
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < count; i += 1) {
    const t = performance.now();
    const letter = sampleLetter(i);
    await exportLetter(letter, credential, outDir);
    times.push(performance.now() - t);
    const rss = process.memoryUsage.rss();
    rssPeak = Math.max(rssPeak, rss);
    if ((i + 1) % Math.max(1, Math.floor(count / 10)) === 0) rssByTenth.push(mb(rss));
  }
  const totalMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);

  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): number => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
  return {
    count,
    signed,
    perLetterMs: { median: at(0.5), p95: at(0.95), max: at(1) },
    cpuMsPerLetter: Math.round(((cpu.user + cpu.system) / 1000 / Math.max(1, count)) * 10) / 10,
    totalMs: Math.round(totalMs),
    openCertificateMs: Math.round(openCertificateMs),
    rssStartMB: mb(rssStart),
    rssEndMB: mb(process.memoryUsage.rss()),
    rssPeakMB: mb(rssPeak),
    rssByTenthMB: rssByTenth,
  };
}

async function exportLetter(letter: DecisionLetter, credential: SigningCredential | null, outDir: string): Promise<void> {
  const pdf = await renderDecisionLetter(letter);
  const bytes = credential
    ? await signPdfWith(pdf, credential, {
        reason: `Decision ${letter.decision.number}`,
        name: letter.signatory.name,
        location: letter.place,
        signingTime: new Date(),
      })
    : pdf;
  await writeFileAtomically(outDir, safeFileName(letter.decision.number, letter.addressee.studentNumber), bytes, { overwrite: true });
}

function sampleLetter(i: number): DecisionLetter {
  const language = i % 2 === 0 ? 'en' : 'nl';
  const approved = i % 3 !== 0;
  return {
    language,
    letterhead: { university: 'Leiden University', faculty: 'Faculty of Science', board: 'Board of Examiners of LIACS' },
    place: 'Leiden',
    decisionDate: '2023-03-14',
    addressee: { name: NAMES[i % NAMES.length] ?? 'Student', studentNumber: `s${String(2000000 + i)}` },
    decision: { number: `22-23 LIACS ${i + 1}`, kind: 'individual', outcome: approved ? 'approved' : 'rejected' },
    course: {
      code: `MT${1000 + i}`,
      title: 'Sound Design for Interactive Media',
      institution: 'Utrecht University',
      institutionKind: 'university',
      level: 'master',
      ec: 7.5,
      creditedEc: 7,
    },
    reasons: {
      adviceBoard: 'Media Technology Board',
      adviceReasoning: 'The course deepens the student’s work on generative sound installations, the topic of the planned graduation project.',
      findings: [{ rule: 'ec.half', severity: 'info', message: { en: 'The course has 7.5 EC; it is rounded down to 7 EC.', nl: 'Het vak heeft 7,5 EC; dit wordt afgerond op 7 EC.' } }],
      legalBasis: 'article 4.3 of the Rules and Regulations of the Board of Examiners',
    },
    educationCoordinatorEmail: 'mediatechnology@liacs.leidenuniv.nl',
    appeal: { boardName: 'Examination Appeals Board of Leiden University', address: ['P.O. Box 9500', '2300 RA Leiden'] },
    signatory: { name: 'Prof. dr. Anna de Vries', role: 'Chair of the Board of Examiners' },
    createdAt: new Date('2023-03-14T10:00:00Z'),
  };
}

/** A self-signed certificate made for the run, opened through the same path as a real .p12. */
function throwawayP12(): Buffer {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  certificate.serialNumber = '01';
  certificate.validity.notBefore = new Date(Date.now() - 60_000);
  certificate.validity.notAfter = new Date(Date.now() + 24 * 60 * 60 * 1000);
  const name = [{ name: 'commonName', value: 'BoEx Register benchmark' }];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.sign(key, forge.md.sha256.create());
  const p12 = forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, [certificate], 'bench', { algorithm: 'aes256' })).getBytes();
  return Buffer.from(p12, 'binary');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const count = Number(option('--count') ?? 200);
  const outDir = option('--out') ?? mkdtempSync(path.join(os.tmpdir(), 'boex-bench-'));
  const result = await benchLetters({ count, signed: !args.includes('--unsigned'), outDir });
  console.log(JSON.stringify({ ...result, outDir }, null, 2));
}
