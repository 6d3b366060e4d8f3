/**
 * Building blocks of the API contract shared by every module's `schemas.ts`: what a write without
 * input takes, what an acknowledgement, a list or a file download answers. Zod only: the web app
 * takes its wire types from the schemas files (type-only imports), so nothing here may do I/O.
 */
import { z } from 'zod';

/**
 * The body of a write that takes no input (an approval, a sign-out): nothing, or an empty object.
 * Over a real connection a POST without a body reaches the schema as null (through
 * `app.inject` as undefined): both are nothing. A field sent anyway is refused rather than
 * ignored, so a client that thinks it is saying something learns that it is not.
 */
export const noBody = z.strictObject({}).nullish();

/** The answer of a write that has nothing to return but its success. */
export const okReply = z.object({ ok: z.literal(true) });
export type OkReply = z.output<typeof okReply>;

/** A list answered whole (no paging). */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** A page of a longer list, with the total the filters match. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

/**
 * A file download (.xlsx, .docx, .csv, an attachment): the handler sends the bytes or a stream with
 * its own Content-Type and Content-Disposition, which Fastify passes through without serialising;
 * the API document shows it as binary.
 */
export const fileReply = (description: string) =>
  z.custom<Uint8Array | string | NodeJS.ReadableStream>(() => true).meta({ type: 'string', format: 'binary', description });
