import { PdfError } from './errors';

/** A scanned signature is small; anything near this size is not a signature image. */
export const MAX_SIGNATURE_IMAGE_BYTES = 5 * 1024 * 1024;

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);

/** pdfkit embeds PNG and JPEG only; say so before it fails halfway through a letter. */
export function checkSignatureImage(image: Buffer): void {
  if (image.length > MAX_SIGNATURE_IMAGE_BYTES) {
    const mb = (image.length / 1024 / 1024).toFixed(1);
    throw new PdfError('signature_image_too_large', {
      en: `The signature image is ${mb} MB; it may be at most 5 MB.`,
      nl: `De afbeelding van de handtekening is ${mb.replace('.', ',')} MB; die mag hoogstens 5 MB zijn.`,
    });
  }
  const starts = (magic: Buffer): boolean => image.subarray(0, magic.length).equals(magic);
  if (!starts(PNG_MAGIC) && !starts(JPEG_MAGIC)) {
    throw new PdfError('signature_image_format', {
      en: 'The signature image is not a PNG or JPEG image.',
      nl: 'De afbeelding van de handtekening is geen PNG- of JPEG-afbeelding.',
    });
  }
}
