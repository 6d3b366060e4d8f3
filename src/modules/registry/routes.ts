import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type {} from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { fileReply, noBody, okReply } from '../../core/wire.ts';
import type { Database } from '../../db/types.ts';
import { actorOf } from '../../server/auth.ts';
import type { Secrets } from '../../server/secrets.ts';
import { templateWorkbook } from './import.ts';
import { ImportService } from './importService.ts';
import * as s from './schemas.ts';
import type { RegistryService } from './service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A roster upload has a file and at most a township field; this many fields is an abuse. */
const MAX_FIELDS = 4;
/** How long after the whole body has arrived the file may take to end. */
const BODY_END_GRACE_MS = 2_000;

type Deps = { db: Database; secrets: Secrets; registry: RegistryService; uploadDir: string };

export function registryRoutes(app: FastifyInstance, deps: Deps): void {
  personReadRoutes(app, deps.registry);
  personWriteRoutes(app, deps.registry);
  revealRoutes(app, deps.registry);
  const imports = new ImportService(deps.db, deps.secrets, app.log);
  importRoutes(app, deps.uploadDir, imports);
  importJobRoutes(app, imports);
}

/** Finding persons, the list as a workbook, and a household. */
function personReadRoutes(app: FastifyInstance, registry: RegistryService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/registry/persons',
    {
      config: { access: 'registry.read' },
      schema: {
        tags: ['registry'],
        summary: 'Find persons by name (汉字, pinyin or initials), ID number, household number or village (audit-logged)',
        querystring: s.searchQuery,
        response: { 200: s.searchReply },
      },
    },
    async (req) => registry.search(actorOf(req), req.query),
  );

  r.get(
    '/api/registry/persons/export',
    {
      config: { access: 'registry.read' },
      schema: {
        tags: ['registry'],
        summary: 'The filtered list as .xlsx (masked; audit-logged)',
        querystring: s.searchQuery.omit({ page: true, pageSize: true, sort: true, order: true }),
        response: { 200: fileReply('the persons found (.xlsx)') },
      },
    },
    async (req, reply) => {
      const stream = await registry.exportPersons(actorOf(req), req.query);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('人员名单.xlsx')}`)
        .send(stream);
    },
  );

  r.get(
    '/api/registry/households/:id',
    {
      config: { access: 'registry.read' },
      schema: {
        tags: ['registry'],
        summary: 'A household: members, relationships, disability, life events (audit-logged)',
        params: s.idParams,
        response: { 200: s.householdView },
      },
    },
    async (req) => registry.household(actorOf(req), req.params.id),
  );
}

/** Registering households and members, and the life events of a person. */
function personWriteRoutes(app: FastifyInstance, registry: RegistryService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/registry/households',
    {
      config: { access: 'registry.write' },
      schema: { tags: ['registry'], summary: 'Register a household with its members', body: s.createHouseholdBody, response: { 201: s.householdCreated } },
    },
    async (req, reply) => reply.status(201).send(await registry.createHousehold(actorOf(req), req.body)),
  );

  r.post(
    '/api/registry/households/:id/members',
    {
      config: { access: 'registry.write' },
      schema: {
        tags: ['registry'],
        summary: 'Add a member: birth, adoption or move-in',
        params: s.idParams,
        body: s.addMemberBody,
        response: { 201: s.memberAdded },
      },
    },
    async (req, reply) => reply.status(201).send(await registry.addMember(actorOf(req), req.params.id, req.body)),
  );

  const personAction = <B extends z.ZodType>(
    suffix: string,
    summary: string,
    body: B,
    run: (actorId: ReturnType<typeof actorOf>, id: string, b: z.infer<B>) => Promise<unknown>,
  ) =>
    r.post(
      `/api/registry/persons/:id/${suffix}`,
      {
        config: { access: 'registry.write' },
        schema: { tags: ['registry'], summary, params: s.idParams, body, response: { 200: okReply } },
      },
      async (req) => {
        await run(actorOf(req), req.params.id, req.body as z.infer<B>);
        return { ok: true as const };
      },
    );
  personAction('death', 'Record a death', s.deathBody, (a, id, b) => registry.recordDeath(a, id, b.date, b.note));
  personAction('move-out', 'Record a move out of the district', s.moveOutBody, (a, id, b) => registry.recordMoveOut(a, id, b.date, b.destination));
  personAction('disability', 'Record a disability assessment', s.disabilityBody, (a, id, b) => registry.recordDisability(a, id, b.grade, b.date));
  personAction('marriage', 'Record a marriage', s.marriageBody, (a, id, b) => registry.recordMarriage(a, id, b.spouseId, b.date));
}

/** A person's full personal data, shown on request with a reason. */
function revealRoutes(app: FastifyInstance, registry: RegistryService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/registry/persons/:id/reveal',
    {
      config: { access: 'personal_data.reveal' },
      schema: {
        tags: ['registry'],
        summary: 'Show the full ID and phone number (audit-logged, with the reason)',
        params: s.idParams,
        body: s.revealBody,
        response: { 200: s.revealReply },
      },
    },
    async (req) => registry.reveal(actorOf(req), req.params.id, req.body.reason),
  );
}

/** The roster template, the upload of a roster and the progress of its import. */
function importRoutes(app: FastifyInstance, uploadDir: string, imports: ImportService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/registry/import-template',
    {
      config: { access: 'registry.read' },
      schema: {
        tags: ['registry'],
        summary: 'The roster template (.xlsx) with Chinese headers and an example row',
        response: { 200: fileReply('the roster template (.xlsx)') },
      },
    },
    async (_req, reply) =>
      reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('户籍花名册导入模板.xlsx')}`)
        .send(await templateWorkbook()),
  );

  r.post(
    '/api/registry/imports',
    {
      config: { access: 'registry.write' },
      schema: {
        tags: ['registry'],
        summary: 'Upload a roster (.xlsx or .csv, multipart field "file"; field "township" when the user has several): starts its preview',
        response: { 202: s.importStarted },
      },
    },
    async (req, reply) => reply.status(202).send({ id: await receiveRoster(req, uploadDir, imports) }),
  );

  r.get(
    '/api/registry/imports/:id',
    {
      config: { access: 'registry.write' },
      schema: {
        tags: ['registry'],
        summary: 'Progress of an import; its preview (columns matched, new, unchanged, changed, refused) or its result',
        params: s.idParams,
        response: { 200: s.importJobView },
      },
    },
    async (req) => imports.view(actorOf(req), req.params.id),
  );
}

/** What follows a preview: columns matched by hand, confirmation or cancellation, the error workbook. */
function importJobRoutes(app: FastifyInstance, imports: ImportService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/registry/imports/:id/mapping',
    {
      config: { access: 'registry.write' },
      schema: {
        tags: ['registry'],
        summary: 'Preview the same file again with its columns matched by hand (remembered for the township if asked)',
        params: s.idParams,
        body: s.importMappingBody,
        response: { 202: s.importStarted },
      },
    },
    async (req, reply) => reply.status(202).send({ id: await imports.remap(actorOf(req), req.params.id, req.body) }),
  );

  r.post(
    '/api/registry/imports/:id/apply',
    {
      config: { access: 'registry.write' },
      schema: {
        tags: ['registry'],
        summary: 'Confirm a preview: import the new persons and record the changes it showed',
        params: s.idParams,
        body: noBody,
        response: { 202: s.importStarted },
      },
    },
    async (req, reply) => reply.status(202).send({ id: await imports.apply(actorOf(req), req.params.id) }),
  );

  r.post(
    '/api/registry/imports/:id/cancel',
    {
      config: { access: 'registry.write' },
      schema: { tags: ['registry'], summary: 'Cancel a preview and delete the uploaded file', params: s.idParams, body: noBody, response: { 200: okReply } },
    },
    async (req) => {
      await imports.cancel(actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/registry/imports/:id/errors',
    {
      config: { access: 'registry.write' },
      schema: {
        tags: ['registry'],
        summary: 'The error workbook of an import (.xlsx)',
        params: s.idParams,
        response: { 200: fileReply('the refused rows with their reasons (.xlsx)') },
      },
    },
    async (req, reply) =>
      reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('导入错误报告.xlsx')}`)
        .send(await imports.errorsFile(actorOf(req), req.params.id)),
  );
}

/**
 * Receives a roster upload: the township it goes to (the user's own, or the one the form names),
 * the file written whole to the upload folder; answers the preview job started on it.
 */
async function receiveRoster(req: FastifyRequest, uploadDir: string, imports: ImportService): Promise<string> {
  const actor = actorOf(req);
  const part = await req.file({ limits: { fileSize: 200 * 1024 * 1024, files: 1, fields: MAX_FIELDS } });
  if (!part) throw new AppError('validation_failed', { zh: '请选择要导入的文件', en: 'Choose a file to import' });
  // Past the field limit the parser stops reading the body but still hands over the file, whose
  // stream would then never end: such a form is refused before its file is read.
  if (Object.values(part.fields).filter((f) => f !== part).length >= MAX_FIELDS) {
    part.file.destroy();
    throw new AppError('upload_too_many_parts');
  }
  const field = part.fields.township;
  const requested = field && 'value' in field ? String(field.value) : undefined;
  const writable = actor.grants
    .filter((g) => g.role === 'township' || g.role === 'village')
    .map((g) => g.township)
    .filter((t): t is string => t !== null);
  const township = requested ?? (writable.length === 1 ? writable[0] : undefined);
  if (!township || !writable.includes(township) || actor.grants.some((g) => g.role === 'village' && g.township === township)) {
    part.file.resume();
    throw new AppError('forbidden', { zh: '只能向本乡镇街导入花名册（村级专干请逐户登记）', en: 'Rosters can be imported into your own township only' });
  }
  fs.mkdirSync(uploadDir, { recursive: true });
  ImportService.sweepUploads(uploadDir);
  const file = path.join(uploadDir, `${crypto.randomUUID()}.upload`);
  // The roster holds names and ID numbers: whatever goes wrong, no part of it stays behind.
  try {
    // Opened now, not by the stream on a later tick, so a failed upload cannot create the file after it was removed.
    const out = fs.createWriteStream(file, { fd: fs.openSync(file, 'wx', 0o600) });
    const copied = pipeline(part.file, out);
    copied.catch(() => undefined); // its failure is the race's
    const deadline = bodyEndDeadline(req.raw);
    try {
      await Promise.race([copied, deadline.expired]);
    } catch (err) {
      part.file.destroy();
      out.destroy();
      throw malformedUpload(err);
    } finally {
      deadline.cancel();
    }
    if (part.file.truncated) throw new AppError('body_too_large', { zh: '文件超过 200 MB', en: 'The file is larger than 200 MB' });
    return await imports.start(actor, { file, fileName: part.filename, township });
  } catch (err) {
    fs.rmSync(file, { force: true });
    throw err;
  }
}

/** A file whose stream failed or never ended: the body was cut short or lost its closing boundary. */
function malformedUpload(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError('upload_malformed');
}

/**
 * A body that ends without its closing boundary leaves the file's stream open (or closed without
 * an end) for ever: once the whole request has arrived, the file must be written within a moment.
 */
function bodyEndDeadline(request: NodeJS.ReadableStream & { readableEnded?: boolean }): { expired: Promise<never>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let arm = () => undefined as void;
  const expired = new Promise<never>((_resolve, reject) => {
    arm = () => {
      timer = setTimeout(() => reject(new Error('the body ended before the file')), BODY_END_GRACE_MS);
    };
  });
  expired.catch(() => undefined);
  if (request.readableEnded) arm();
  else request.once('end', arm);
  return {
    expired,
    cancel: () => {
      request.removeListener('end', arm);
      if (timer) clearTimeout(timer);
    },
  };
}
