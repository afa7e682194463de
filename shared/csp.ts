/**
 * The one Content Security Policy of the UI, for the Electron window and the preview bridge alike:
 * only our own scripts, no eval, no remote anything. Inline styles are allowed because the
 * component library sets CSS variables through style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The header in which the browser client names the language of error sentences. */
export const LANGUAGE_HEADER = 'x-boex-language';
