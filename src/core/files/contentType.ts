/**
 * The content type a stored upload (a report's attachment) is served with. The uploader's browser
 * names the type, and the uploader chooses it: served as text/html or image/svg+xml, a file would
 * run its script in the platform's origin. Only types that no browser runs are kept; anything
 * else is served as application/octet-stream. (The download also goes out as an attachment with
 * X-Content-Type-Options: nosniff.)
 */

const ALLOWED = new Set([
  'application/pdf',
  'application/ofd', // OFD, the national standard for electronic official documents (GB/T 33190)
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/zip',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
]);

export const FALLBACK_CONTENT_TYPE = 'application/octet-stream';

/** The claimed type, lower-cased and without parameters, when it is on the allowed list; else application/octet-stream. */
export function safeContentType(claimed: string | null | undefined): string {
  const type = (claimed ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return ALLOWED.has(type) ? type : FALLBACK_CONTENT_TYPE;
}
