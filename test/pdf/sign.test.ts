// Signed letters checked by pdfsig (poppler with NSS), which reads the signature the way a PDF
// viewer does. pdfsig exits 0 even for a broken signature, so its output is what is checked. The
// test certificates are self-signed, so "issuer unknown" is expected: validity and coverage matter.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openCredential } from '../../electron/pdf/credential';
import { PdfError } from '../../electron/pdf/errors';
import { renderDecisionLetter } from '../../electron/pdf/letter';
import { signPdf, signPdfWith, type SignatureDetails } from '../../electron/pdf/sign';
import { issuedP12, selfSignedP12 } from './fixtures/certificates';
import { approvedLetter } from './fixtures/letters';
import { removeTempFolders, run } from './fixtures/readers';

afterAll(removeTempFolders);
// The first letter of a process parses the fonts (seconds on a busy two-core machine).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const PASSWORD = 'correct horse';
const details = (signingTime = new Date()): SignatureDetails => ({
  reason: 'Besluit 22-23 LIACS 129 van de Examencommissie LIACS',
  name: 'Prof. dr. Zoë de Vries',
  location: 'Leiden',
  signingTime,
});

let letter: Buffer;
let p12: Buffer;
let signed: Buffer;

beforeAll(async () => {
  letter = await renderDecisionLetter(approvedLetter('nl'));
  p12 = selfSignedP12({ password: PASSWORD });
  signed = await signPdf(letter, p12, PASSWORD, details());
});

const pdfsig = (pdf: Buffer): string => run('pdfsig', [], pdf).output;

describe('a signed letter', () => {
  it('has a valid PAdES signature over the whole document', () => {
    const report = pdfsig(signed);
    expect(report).toContain('Signature is Valid.');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Signing Hash Algorithm: SHA-256');
    expect(report).toContain('Signer Certificate Common Name: Prof. dr. Anna de Vries (test)');
  });

  it('keeps the letter as rendered: the signature is an incremental update after it', () => {
    expect(signed.subarray(0, letter.length).equals(letter)).toBe(true);
    const check = run('qpdf', ['--check'], signed);
    expect(check.output).toContain('No syntax or stream encoding errors found');
    expect(check.status).toBe(0);
    expect(run('pdfinfo', [], signed).output).toMatch(/Pages:\s+1\n/);
  });

  it('is reported as altered when one byte of the letter changes', () => {
    const tampered = Buffer.from(signed);
    // The title in the Info dictionary: the file stays readable, only its content differs.
    const at = tampered.indexOf('(Besluit 22-23 LIACS 129');
    expect(at).toBeGreaterThan(0);
    tampered[at + 1] = 'b'.charCodeAt(0);
    const report = pdfsig(tampered);
    expect(report).not.toContain('Signature is Valid.');
    expect(report).toContain('Digest Mismatch.');
  });

  it('is reported as altered when a byte inside a page content stream changes', () => {
    const tampered = Buffer.from(signed);
    const stream = tampered.indexOf('stream\n', tampered.indexOf('/Filter /FlateDecode')) + 'stream\n'.length;
    tampered[stream + 20] = (tampered[stream + 20] ?? 0) ^ 0xff;
    const report = pdfsig(tampered);
    expect(report).not.toContain('Signature is Valid.');
    expect(report).toContain('Digest Mismatch.');
  });

  it('is the same file when the same letter is signed again at the same time', async () => {
    const time = new Date(Math.floor(Date.now() / 1000) * 1000);
    const credential = openCredential(p12, PASSWORD, time);
    const first = await signPdfWith(letter, credential, details(time));
    const second = await signPdfWith(letter, credential, details(time));
    expect(second.equals(first)).toBe(true);
  });

  it('carries the issuing authority and finds the signer by its key', async () => {
    const report = pdfsig(await signPdf(letter, issuedP12(PASSWORD), PASSWORD, details()));
    expect(report).toContain('Signature is Valid.');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signer Certificate Common Name: Zoë Łukasz Nguyễn (test signer)');
  });

  it('cannot be signed a second time', async () => {
    await expect(signPdf(signed, p12, PASSWORD, details())).rejects.toMatchObject({ code: 'pdf_not_signable' });
  });
});

describe('certificates that are refused', () => {
  async function refusal(file: Buffer, password: string, signingTime = new Date()): Promise<PdfError> {
    const error: unknown = await signPdf(letter, file, password, details(signingTime)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfError);
    const refused = error as PdfError;
    expect(refused.sentence.en).toMatch(/\.$/);
    expect(refused.sentence.nl).toMatch(/\.$/);
    // The password must not travel with the error, into a log or onto the screen.
    expect(JSON.stringify({ ...refused, message: refused.message, sentence: refused.sentence })).not.toContain(password);
    return refused;
  }

  it.each([
    ['random bytes', () => randomBytes(4096)],
    ['an empty file', () => Buffer.alloc(0)],
    ['a PEM certificate', () => Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')],
    ['a PDF', () => letter],
  ])('%s is not a PKCS#12 file', async (_what, file) => {
    expect((await refusal(file(), PASSWORD)).code).toBe('certificate_not_p12');
  });

  it('a wrong password', async () => {
    const refused = await refusal(p12, 'Tr0ub4dor&3');
    expect(refused.code).toBe('certificate_password');
    expect(refused.sentence).toEqual({ en: 'The password of the certificate is not correct.', nl: 'Het wachtwoord van het certificaat is niet juist.' });
  });

  it('a certificate that expired yesterday', async () => {
    const refused = await refusal(selfSignedP12({ password: PASSWORD, validFromDays: -365, validToDays: -1 }), PASSWORD);
    expect(refused.code).toBe('certificate_expired');
    expect(refused.sentence.en).toMatch(/^The certificate expired on \d{1,2} [A-Z][a-z]+ \d{4}; letters cannot be signed with it\.$/);
    expect(refused.sentence.nl).toMatch(/^Het certificaat is op \d{1,2} [a-z]+ \d{4} verlopen;/);
  });

  it('a certificate that is not valid yet', async () => {
    const refused = await refusal(selfSignedP12({ password: PASSWORD, validFromDays: 2, validToDays: 365 }), PASSWORD);
    expect(refused.code).toBe('certificate_not_yet_valid');
  });

  it('a signing time after the certificate expires', async () => {
    const inTwoYears = new Date(Date.now() + 2 * 365 * 24 * 60 * 60 * 1000);
    const refused = await refusal(p12, PASSWORD, inTwoYears);
    expect(refused.code).toBe('certificate_expired');
  });
});
