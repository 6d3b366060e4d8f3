import type { Readable, Writable } from 'node:stream';
import multipart, { type MultipartFile, type MultipartValue } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';
import { characterMessages, characterProblem } from '../core/input.ts';
import { validationError } from './validationText.ts';

/**
 * Uploads (multipart/form-data) with limits, answered 400 with a stable code when malformed.
 *
 * @fastify/multipart rejects some malformed bodies with plain busboy errors (a missing boundary, an
 * unexpected end), and on others leaves the file stream the route reads neither ended nor errored:
 * a body cut off inside the file, or a limit reached while the file is being read, hangs the route
 * for ever. So every `req.file()` of a multipart request goes through `guardedFile`, which watches
 * the parser and fails the file stream (or the call) with `upload_malformed`,
 * `upload_too_many_parts` or `validation_failed` (a file name or field the database could not
 * store). Routes keep calling `req.file({ limits })` as before.
 */

/** What any upload may hold; a route narrows it (one file and its size) in its `req.file()` call. */
export const UPLOAD_LIMITS = { fieldNameSize: 100, fieldSize: 64 * 1024, fields: 10, files: 1, parts: 20, headerPairs: 20 } as const;

const MAX_FILE_NAME = 255;

type FileFn = FastifyRequest['file'];

export async function registerUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { limits: UPLOAD_LIMITS });
  app.addHook('preHandler', async (req) => {
    if (!req.isMultipart()) return;
    const original = req.file;
    req.file = (options) => guardedFile(req, original, options);
  });
}

/** The AppError of a failed upload: limits and malformed bodies get their own codes. */
export function uploadError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  switch ((err as { code?: string }).code) {
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError('upload_too_many_parts');
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('body_too_large');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_media_type');
    default:
      return new AppError('upload_malformed');
  }
}

/** True for the errors of the multipart parser (busboy, dicer) and of a file stream it abandoned. */
export function isUploadFailure(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  if (
    typeof code === 'string' &&
    /^FST_(PARTS|FILES|FIELDS)_LIMIT$|^FST_REQ_FILE_TOO_LARGE$|^FST_PROTO_VIOLATION$|^FST_INVALID_JSON_FIELD_ERROR$|^ERR_STREAM_PREMATURE_CLOSE$/.test(code)
  ) {
    return true;
  }
  const message = err instanceof Error ? err.message : '';
  return /^Multipart: Boundary not found$|^Boundary required$|terminated early|^Unexpected end of multipart data$|^The needle /.test(message);
}

async function guardedFile(req: FastifyRequest, original: FileFn, options: Parameters<FileFn>[0]): ReturnType<FileFn> {
  let failure: AppError | null = null;
  let file: Readable | null = null;
  const raw = req.raw;
  let parser: Writable | undefined;
  // The rest of a refused body is read and dropped: left unread, it would stall the connection
  // (keep-alive) after the answer.
  const discardRest = () => {
    if (parser) raw.unpipe(parser);
    raw.resume();
  };
  const fail = (error: AppError) => {
    const first = failure ?? error;
    failure = first;
    // A file not yet read to its end is failed, so whoever reads it gets the error instead of waiting.
    if (file && !file.readableEnded && !file.destroyed) file.destroy(first);
    discardRest();
  };

  // The parser is piped from the request inside the call: catch it to hear its limits and errors.
  const pipe = raw.pipe;
  raw.pipe = function capture<T extends NodeJS.WritableStream>(this: typeof raw, destination: T, pipeOptions?: { end?: boolean }): T {
    parser = destination as unknown as Writable;
    return pipe.call(this, destination, pipeOptions) as T;
  };
  let pending: ReturnType<FileFn>;
  try {
    pending = original.call(req, options);
  } finally {
    raw.pipe = pipe;
  }
  const capturedParser = parser as Writable | undefined;
  for (const limit of ['partsLimit', 'filesLimit', 'fieldsLimit']) capturedParser?.on(limit, () => fail(new AppError('upload_too_many_parts')));
  capturedParser?.on('error', (err: unknown) => fail(uploadError(err)));

  let part: MultipartFile | undefined;
  try {
    part = await pending;
  } catch (err) {
    throw failure ?? uploadError(err);
  }
  if (part === undefined) {
    if (failure) throw failure;
    return part;
  }
  file = part.file;
  part.file.on('error', (err: unknown) => {
    if (!(err instanceof AppError)) fail(uploadError(err));
  });
  const refused = failure ?? checkPart(part);
  if (refused) {
    part.file.destroy();
    discardRest();
    throw refused;
  }
  return part;
}

/** The file name, type and fields of an upload must be text the database can store. */
function checkPart(part: MultipartFile): AppError | null {
  const texts: [string, string, boolean][] = [
    ['filename', part.filename, false],
    ['mimetype', part.mimetype, false],
  ];
  for (const [name, entry] of Object.entries(part.fields)) {
    texts.push([`fields.${name.slice(0, 100)}`, name, false]);
    for (const field of Array.isArray(entry) ? entry : entry ? [entry] : []) {
      if (field.type !== 'field') continue;
      const value = field as MultipartValue;
      if (value.valueTruncated) return new AppError('body_too_large', { zh: `字段 ${field.fieldname} 过长`, en: `The field ${field.fieldname} is too long` });
      if (typeof value.value === 'string') texts.push([`fields.${field.fieldname}`, value.value, true]);
    }
  }
  for (const [path, text, multiLine] of texts) {
    const problem = characterProblem(text, multiLine);
    if (problem !== null) {
      const message = characterMessages[problem === 'control' && multiLine ? 'control_multi_line' : problem];
      return validationError([{ path, reason: message }]);
    }
  }
  if (part.filename.length > MAX_FILE_NAME) {
    return new AppError('validation_failed', {
      zh: `文件名不能超过 ${MAX_FILE_NAME} 个字符`,
      en: `File names are limited to ${MAX_FILE_NAME} characters`,
      details: [{ path: 'filename' }],
    });
  }
  return null;
}
