/**
 * The portal's API contract (the office's side: articles, revisions, approval, images, approved
 * link domains, integrity). The public pages are HTML, served by ./publicRoutes.ts.
 */
import { z } from 'zod';
import { day, instant, line, paragraphs, version } from '../../core/input.ts';
import { scripts } from '../../core/portal/script.ts';
import { itemsOf } from '../../core/wire.ts';

export const articleStates = ['draft', 'published', 'withdrawn'] as const;
export type ArticleState = (typeof articleStates)[number];
/** A revision's own state: being written, waiting for approval, sent back, approved (signed). */
export const revisionStates = ['draft', 'submitted', 'returned', 'approved'] as const;
export type RevisionState = (typeof revisionStates)[number];

/** A body as the editor sends it: HTML, reviewed against the allow-list on the server. */
const bodyHtml = z.string().max(400_000);

export const revisionBody = z.strictObject({
  title: line(200, { trim: true, min: 1 }),
  bodyHtml,
  script: z.enum(scripts),
  publishedOn: day,
  note: paragraphs(500).nullish(),
});
export type RevisionInput = z.output<typeof revisionBody>;

/** A new revision of an article, written over the latest one (409 when someone saved another since). */
export const reviseBody = revisionBody.extend({ basedOn: version() });

export const articleParams = z.strictObject({ id: z.uuid() });
export const revisionParams = z.strictObject({ id: z.uuid(), number: z.coerce.number().int().min(1).max(1_000_000) });

export const submitBody = z.strictObject({ revision: version() });
export const approveBody = z.strictObject({
  revision: version(),
  /** When the public may read it; now when absent. */
  publishAt: instant.nullish(),
});
export const returnBody = z.strictObject({ revision: version(), reason: paragraphs(500, { min: 1 }) });
export const withdrawBody = z.strictObject({ reason: paragraphs(500, { min: 1 }) });
export const restoreBody = z.strictObject({ revision: version() });
export const reviewBodyInput = z.strictObject({ bodyHtml });

export const bodyProblem = z.object({
  kind: z.enum(['element', 'attribute', 'link', 'image']),
  found: z.string(),
  zh: z.string(),
  en: z.string(),
});
export type BodyProblem = z.output<typeof bodyProblem>;
export const reviewReply = z.object({ problems: z.array(bodyProblem) });

export const revisionSummary = z.object({
  number: z.number().int(),
  title: z.string(),
  script: z.enum(scripts),
  publishedOn: z.string(),
  state: z.enum(revisionStates),
  note: z.string().nullable(),
  author: z.string(),
  authorName: z.string(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  returnedReason: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
});
export type RevisionSummary = z.output<typeof revisionSummary>;
export const revisionReply = revisionSummary.extend({ bodyHtml: z.string() });
export type Revision = z.output<typeof revisionReply>;

export const articleSummary = z.object({
  id: z.uuid(),
  state: z.enum(articleStates),
  title: z.string(),
  latest: revisionSummary,
  publishedRevision: z.number().int().nullable(),
  /** When the published revision is (or was) first shown: later than now for a scheduled one. */
  publishAt: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  viewCount: z.number().int(),
  /** The public address of the article. */
  url: z.string(),
});
export type ArticleSummary = z.output<typeof articleSummary>;
export const articlesReply = itemsOf(articleSummary);

export const articleReply = articleSummary.extend({
  revisions: z.array(revisionSummary),
  /** The latest revision in full, to edit. */
  current: revisionReply,
});
export type Article = z.output<typeof articleReply>;

export const mediaReply = z.object({ sha256: z.string(), url: z.string(), mime: z.string(), bytes: z.number().int() });
export type MediaUpload = z.output<typeof mediaReply>;

export const linkDomain = z.object({ domain: z.string(), note: z.string(), addedBy: z.string(), addedAt: z.string() });
export type LinkDomain = z.output<typeof linkDomain>;
export const linkDomainsReply = z.object({ ownHosts: z.array(z.string()), items: z.array(linkDomain) });
export const linkDomainBody = z.strictObject({
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .max(253)
    .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/),
  note: line(200),
});
export const linkDomainParams = z.strictObject({ domain: z.string().max(253) });

export const findingSources = ['serve', 'check'] as const;
export const finding = z.object({
  id: z.number().int(),
  source: z.enum(findingSources),
  url: z.string(),
  kind: z.string(),
  detail: z.string(),
  userAgent: z.string().nullable(),
  foundAt: z.string(),
});
export type Finding = z.output<typeof finding>;
export const integrityReply = z.object({
  /** The latest check from outside (scheduled or from the command line); null before the first. */
  lastCheck: z
    .object({
      source: z.enum(['schedule', 'cli']),
      publicUrl: z.string(),
      startedAt: z.string(),
      finishedAt: z.string(),
      checked: z.number().int(),
      findings: z.number().int(),
    })
    .nullable(),
  /** Findings of the last seven days, newest first. */
  recent: z.array(finding),
  /** Whether a scheduled check is configured (XINGFU_PORTAL_CHECK_URL). */
  scheduled: z.boolean(),
});
export type PortalIntegrity = z.output<typeof integrityReply>;
