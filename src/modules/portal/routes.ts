import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { PortalConfig } from '../../config.ts';
import { AppError } from '../../core/errors.ts';
import type { Database } from '../../db/types.ts';
import { actorOf } from '../../server/auth.ts';
import { integrityStatus } from './integrity.ts';
import * as s from './schemas.ts';
import * as portal from './service.ts';

const tags = ['portal'];
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const STAFF = ['portal.edit', 'portal.approve'] as const;

type Deps = { db: Database; portal: PortalConfig };

/** The office's portal API: articles and their revisions, approval, images, link domains, integrity. */
export function portalRoutes(app: FastifyInstance, deps: Deps): void {
  articleRoutes(app, deps);
  approvalRoutes(app, deps);
  assetRoutes(app, deps);
}

function articleRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const hosts = deps.portal.ownHosts;

  r.get(
    '/api/portal/articles',
    { config: { access: STAFF }, schema: { tags, summary: 'Articles, newest first, each with its latest revision', response: { 200: s.articlesReply } } },
    async (req) => portal.listArticles(db, actorOf(req)),
  );
  r.post(
    '/api/portal/articles',
    {
      config: { access: 'portal.edit' },
      schema: { tags, summary: 'A new article (its first revision, a draft)', body: s.revisionBody, response: { 200: s.articleReply } },
    },
    async (req) => portal.createArticle(db, actorOf(req), hosts, req.body),
  );
  r.get(
    '/api/portal/articles/:id',
    {
      config: { access: STAFF },
      schema: { tags, summary: 'An article with every revision and its latest in full', params: s.articleParams, response: { 200: s.articleReply } },
    },
    async (req) => portal.getArticle(db, actorOf(req), req.params.id),
  );
  r.get(
    '/api/portal/articles/:id/revisions/:number',
    { config: { access: STAFF }, schema: { tags, summary: 'One revision in full', params: s.revisionParams, response: { 200: s.revisionReply } } },
    async (req) => portal.getRevision(db, actorOf(req), req.params.id, req.params.number),
  );
  r.post(
    '/api/portal/articles/:id/revisions',
    {
      config: { access: 'portal.edit' },
      schema: {
        tags,
        summary: 'Save a new revision over the latest (409 when another was saved since basedOn)',
        params: s.articleParams,
        body: s.reviseBody,
        response: { 200: s.articleReply },
      },
    },
    async (req) => portal.reviseArticle(db, actorOf(req), hosts, req.params.id, req.body),
  );
  r.post(
    '/api/portal/articles/:id/restore',
    {
      config: { access: 'portal.edit' },
      schema: {
        tags,
        summary: 'A new draft revision copied from an earlier one',
        params: s.articleParams,
        body: s.restoreBody,
        response: { 200: s.articleReply },
      },
    },
    async (req) => portal.restoreRevision(db, actorOf(req), hosts, req.params.id, req.body.revision),
  );
}

function approvalRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const hosts = deps.portal.ownHosts;
  r.post(
    '/api/portal/articles/:id/submit',
    {
      config: { access: 'portal.edit' },
      schema: { tags, summary: 'Submit the latest revision for approval', params: s.articleParams, body: s.submitBody, response: { 200: s.articleReply } },
    },
    async (req) => portal.submitRevision(db, actorOf(req), hosts, req.params.id, req.body.revision),
  );
  r.post(
    '/api/portal/articles/:id/approve',
    {
      config: { access: 'portal.approve' },
      schema: {
        tags,
        summary: 'Approve (审核) and sign the submitted revision and publish it, now or at publishAt; never by its author',
        params: s.articleParams,
        body: s.approveBody,
        response: { 200: s.articleReply },
      },
    },
    async (req) => portal.approveRevision(db, actorOf(req), req.params.id, req.body.revision, req.body.publishAt),
  );
  r.post(
    '/api/portal/articles/:id/return',
    {
      config: { access: 'portal.approve' },
      schema: {
        tags,
        summary: 'Send the submitted revision back with a reason',
        params: s.articleParams,
        body: s.returnBody,
        response: { 200: s.articleReply },
      },
    },
    async (req) => portal.returnRevision(db, actorOf(req), req.params.id, req.body.revision, req.body.reason),
  );
  r.post(
    '/api/portal/articles/:id/withdraw',
    {
      config: { access: 'portal.approve' },
      schema: {
        tags,
        summary: 'Withdraw a published article from the portal',
        params: s.articleParams,
        body: s.withdrawBody,
        response: { 200: s.articleReply },
      },
    },
    async (req) => portal.withdrawArticle(db, actorOf(req), req.params.id, req.body.reason),
  );
  r.post(
    '/api/portal/review',
    {
      config: { access: 'portal.edit' },
      schema: { tags, summary: 'What the allow-list refuses in a body, with the reasons', body: s.reviewBodyInput, response: { 200: s.reviewReply } },
    },
    async (req) => portal.reviewHtml(db, actorOf(req), hosts, req.body.bodyHtml),
  );
}

function assetRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const hosts = deps.portal.ownHosts;
  r.post(
    '/api/portal/media',
    {
      config: { access: 'portal.edit' },
      schema: {
        tags,
        summary: 'Upload an image for article bodies (multipart field "file"; PNG, JPEG, GIF or WebP, at most 5 MB)',
        response: { 200: s.mediaReply },
      },
    },
    async (req) => {
      const part = await req.file({ limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 2 } });
      if (!part) throw new AppError('validation_failed', { zh: '请选择图片', en: 'Choose an image' });
      const content = await part.toBuffer();
      if (part.file.truncated) throw new AppError('body_too_large', { zh: '图片不能超过 5 MB', en: 'Images are limited to 5 MB' });
      return portal.uploadMedia(db, actorOf(req), content);
    },
  );
  r.get(
    '/api/portal/domains',
    { config: { access: STAFF }, schema: { tags, summary: 'Outside domains articles may link to', response: { 200: s.linkDomainsReply } } },
    async (req) => portal.listLinkDomains(db, actorOf(req), hosts),
  );
  r.post(
    '/api/portal/domains',
    {
      config: { access: 'portal.approve' },
      schema: { tags, summary: 'Approve an outside domain for links', body: s.linkDomainBody, response: { 200: s.linkDomainsReply } },
    },
    async (req) => portal.addLinkDomain(db, actorOf(req), hosts, req.body.domain, req.body.note),
  );
  r.delete(
    '/api/portal/domains/:domain',
    {
      config: { access: 'portal.approve' },
      schema: { tags, summary: 'Take an outside domain off the approved list', params: s.linkDomainParams, response: { 200: s.linkDomainsReply } },
    },
    async (req) => portal.removeLinkDomain(db, actorOf(req), hosts, req.params.domain),
  );
  r.get(
    '/api/portal/integrity',
    { config: { access: STAFF }, schema: { tags, summary: "The portal's integrity: the last check and recent findings", response: { 200: s.integrityReply } } },
    async (req) => integrityStatus(db, actorOf(req), deps.portal.checkUrl !== null),
  );
}
