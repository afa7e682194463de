// The letter settings: what every decision letter says besides the decision itself (letterhead,
// boards, legal basis, appeal address, signatories) and the certificate it is signed with. Kept as
// one JSON value under the key 'letters' in the settings table; a register without it uses the
// Leiden defaults below, and a change is audited in the same transaction. A certificate's password
// is never part of the settings: it is asked at every export.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { settings } from '../../db/schema';
import { AppError } from '../../shared/errors';
import { letterSettings, type LetterSettings } from '../../shared/letters';
import { checkSignatureImage } from '../pdf/image';
import { PdfError } from '../pdf/errors';
import type { ServiceContext } from './context';
import { saveSetting } from './setting-store';
import type { Db } from './petition-facts';

const KEY = 'letters';

/** The Board of Examiners of LIACS, where the Media Technology MSc is taught. Every text is a setting. */
export const DEFAULT_LETTER_SETTINGS: LetterSettings = {
  letterhead: {
    university: { en: 'Leiden University', nl: 'Universiteit Leiden' },
    faculty: {
      en: 'Faculty of Science · Leiden Institute of Advanced Computer Science',
      nl: 'Faculteit der Wiskunde en Natuurwetenschappen · Leiden Institute of Advanced Computer Science',
    },
    board: { en: 'Board of Examiners of LIACS', nl: 'Examencommissie LIACS' },
    contact: ['Niels Bohrweg 1', '2333 CA Leiden'],
  },
  place: 'Leiden',
  adviceBoard: { en: 'Media Technology Board', nl: 'Media Technology Board' },
  legalBasis: {
    en: 'the Rules and Regulations of the Board of Examiners of LIACS',
    nl: 'de Regels en Richtlijnen van de Examencommissie LIACS',
  },
  appeal: {
    boardName: {
      en: 'Examination Appeals Board (College van Beroep voor de Examens) of Leiden University',
      nl: 'College van Beroep voor de Examens van de Universiteit Leiden',
    },
    address: ['College van Beroep voor de Examens', 'Postbus 9500', '2300 RA Leiden'],
  },
  educationCoordinatorEmail: 'mediatechnology@liacs.leidenuniv.nl',
  defaultLanguage: 'en',
  signatories: [],
  certificatePath: null,
};

/** The stored settings, or the defaults where nothing (or nothing readable) is stored. */
export function readLetterSettings(db: Pick<Db, 'select'>): LetterSettings {
  const row = db.select().from(settings).where(eq(settings.key, KEY)).get();
  if (!row) return DEFAULT_LETTER_SETTINGS;
  const whole = letterSettings.safeParse(row.value);
  if (whole.success) return whole.data;
  // Written by another version: keep every part that still reads, default the rest.
  const parts = letterSettings.partial().safeParse(row.value);
  if (!parts.success) return DEFAULT_LETTER_SETTINGS;
  const known = Object.fromEntries(Object.entries(parts.data).filter(([, value]) => value !== undefined));
  return { ...DEFAULT_LETTER_SETTINGS, ...known };
}

export function getLetterSettings(ctx: ServiceContext): LetterSettings {
  return readLetterSettings(ctx.register.db);
}

/** A signature image's bytes; the settings keep it as base64. */
export function imageBytes(base64: string): Buffer {
  return Buffer.from(base64, 'base64');
}

export function imageSha256(base64: string | null): string | null {
  return base64 === null ? null : createHash('sha256').update(imageBytes(base64)).digest('hex');
}

/**
 * Checks what the schema cannot: each signature image is a PNG or JPEG the letter can embed (the
 * PDF layer's own check, with its sentence), and the certificate path names a file.
 */
function checkLetterSettings(input: LetterSettings): void {
  input.signatories.forEach((signatory, i) => {
    if (signatory.signatureImage === null) return;
    try {
      checkSignatureImage(imageBytes(signatory.signatureImage));
    } catch (error) {
      if (!(error instanceof PdfError)) throw error;
      throw new AppError(error.code, 'letter.error.pdf', { sentence: error.sentence }, { [`signatories.${i}.signatureImage`]: 'letter.error.pdf' });
    }
  });
  const names = input.signatories.map((s) => s.name.toLowerCase());
  const twice = names.findIndex((name, i) => names.indexOf(name) !== i);
  if (twice >= 0) {
    throw new AppError('signatory_twice', 'letter.error.signatoryTwice', { name: input.signatories[twice]?.name ?? '' }, { [`signatories.${twice}.name`]: 'letter.error.signatoryTwice' });
  }
  if (input.certificatePath !== null) {
    const file = input.certificatePath;
    if (!path.isAbsolute(file)) {
      throw new AppError('certificate_path', 'letter.error.certificateRelative', { path: file }, { certificatePath: 'letter.error.certificateRelative' });
    }
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) {
      throw new AppError('certificate_missing', 'letter.error.certificateMissing', { path: file }, { certificatePath: 'letter.error.certificateMissing' });
    }
  }
}

/** What the audit log keeps of the settings: the images by their SHA-256, not their bytes. */
function audited(value: LetterSettings): Record<string, unknown> {
  return {
    key: KEY,
    ...value,
    signatories: value.signatories.map(({ signatureImage, ...rest }) => ({ ...rest, signatureImageSha256: imageSha256(signatureImage) })),
  };
}

export function updateLetterSettings(ctx: ServiceContext, input: LetterSettings): LetterSettings {
  checkLetterSettings(input);
  saveSetting(ctx, KEY, input, { read: readLetterSettings, audited });
  return getLetterSettings(ctx);
}
