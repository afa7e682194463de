import { createHash, randomBytes } from 'node:crypto';
import { open, link, rename, unlink, stat } from 'node:fs/promises';
import path from 'node:path';
import { PdfError } from './errors';

export interface WrittenFile {
  path: string;
  /** Hex SHA-256 of the bytes written: what the audit log records as the issued letter. */
  sha256: string;
}

/**
 * Writes a file so that it is either there whole or not at all: the bytes go to a temporary name
 * in the same folder, are flushed to disk, and only then take the real name. An existing file is
 * never replaced unless `overwrite` is set, and a failed write leaves nothing behind.
 */
export async function writeFileAtomically(
  folder: string,
  fileName: string,
  bytes: Buffer,
  options: { overwrite: boolean },
): Promise<WrittenFile> {
  if (!fileName || fileName !== path.basename(fileName) || fileName === '.' || fileName === '..') {
    throw new RangeError(`Not a file name: ${JSON.stringify(fileName)}`);
  }
  const target = path.join(folder, fileName);
  const temp = path.join(folder, `.${fileName}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    const file = await open(temp, 'wx');
    created = true;
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    if (options.overwrite) await rename(temp, target);
    else await moveWithoutReplacing(temp, target);
    created = false;
  } catch (error) {
    if (created) await unlink(temp).catch(() => undefined);
    throw translate(error, folder, fileName);
  }
  return { path: target, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * link() fails if the name is taken, so two exports racing for one name cannot both win. Some file
 * systems (FAT on a USB stick, some network shares) have no hard links: there, check and rename.
 */
async function moveWithoutReplacing(temp: string, target: string): Promise<void> {
  try {
    await link(temp, target);
    await unlink(temp);
    return;
  } catch (error) {
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(codeOf(error))) throw error;
  }
  if (await exists(target)) throw Object.assign(new Error('target exists'), { code: 'EEXIST' });
  await rename(temp, target);
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

function codeOf(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

function translate(error: unknown, folder: string, fileName: string): unknown {
  switch (codeOf(error)) {
    case 'EEXIST':
      return new PdfError('file_exists', {
        en: `${fileName} already exists in ${folder}; it was not replaced.`,
        nl: `${fileName} bestaat al in ${folder}; het bestand is niet vervangen.`,
      });
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return new PdfError('disk_full', {
        en: `The disk is full: ${fileName} could not be written. Files written before it are intact.`,
        nl: `De schijf is vol: ${fileName} kon niet worden geschreven. Eerder geschreven bestanden zijn intact.`,
      }, { cause: error });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
    case 'ENOENT':
    case 'ENOTDIR':
    case 'EISDIR':
      return new PdfError('folder_not_writable', {
        en: `Files cannot be written to ${folder}: choose another folder.`,
        nl: `In ${folder} kunnen geen bestanden worden geschreven: kies een andere map.`,
      }, { cause: error });
    default:
      return error;
  }
}

/** Characters Windows, macOS or Linux do not allow in a file name, and control characters. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[/\\:*?"<>|\u0000-\u001f\u007f]/g;

/** "<decision number> <student number>.pdf", safe on every desktop system: "Besluit 1642 s1234567.pdf". */
export function safeFileName(decisionNumber: string, studentNumber: string): string {
  const name = `${decisionNumber} ${studentNumber}`.replace(UNSAFE, '_').replace(/\s+/g, ' ').trim();
  // Windows drops trailing dots and spaces, and a leading dot hides the file elsewhere.
  return `${name.replace(/^[.\s]+|[.\s]+$/g, '') || 'letter'}.pdf`;
}
