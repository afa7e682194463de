// Files between the person's computer and the API: read as base64 to cross either transport, and
// saved back out as the exact bytes the register holds. The same code serves the browser preview
// and Electron (whose window turns an <a download> into its own save dialog).
import type { Language } from '../../../shared/i18n';

/** A picked file's bytes as base64, read by the browser itself (fast, no byte-by-byte loop). */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Offers the bytes as a download under their own name, unchanged. */
export function saveBytes(fileName: string, mediaType: string, bytes: Uint8Array<ArrayBuffer>): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mediaType || 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference to the blob once started; give it a moment before letting go.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** 512 bytes, 84.2 kB, 3.1 MB (84,2 kB in Dutch), as the person's language writes numbers. */
export function formatSize(bytes: number, lang: Language): string {
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  const [value, unit] = bytes < 1024 ? [bytes, 'byte'] : bytes < 1024 * 1024 ? [bytes / 1024, 'kilobyte'] : [bytes / (1024 * 1024), 'megabyte'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: unit === 'byte' ? 'long' : 'short', maximumFractionDigits: unit === 'byte' ? 0 : 1 }).format(value);
}
