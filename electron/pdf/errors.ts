import type { Message } from '../../shared/rules';

export type PdfErrorCode =
  | 'signature_image_format'
  | 'signature_image_too_large'
  | 'text_unsupported_characters'
  | 'certificate_not_p12'
  | 'certificate_password'
  | 'certificate_no_key'
  | 'certificate_unsupported_key'
  | 'certificate_expired'
  | 'certificate_not_yet_valid'
  | 'pdf_not_signable'
  | 'file_exists'
  | 'folder_not_writable'
  | 'disk_full';

/**
 * A refusal the user can act on (a wrong password, a file in the way). It carries a stable code
 * for the service layer and the sentence in both letter languages, so no layer above has to
 * guess what went wrong from a library's message. Anything else thrown from here is a fault.
 */
export class PdfError extends Error {
  constructor(
    readonly code: PdfErrorCode,
    readonly sentence: Message,
    options?: { cause?: unknown },
  ) {
    super(sentence.en, options);
    this.name = 'PdfError';
  }
}
