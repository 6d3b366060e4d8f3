import type { ArticleState, RevisionState } from '../../api/portalTypes.ts';
import { PERMISSIONS } from '../../auth/permissions.ts';
import { useCurrentSession, useSession } from '../../auth/session.tsx';
import { enumTable } from '../../components/enumTable.ts';

/** 草稿 / 已发布 / 已撤回: the article as the public sees it. */
export const ARTICLE_STATE_TAGS = enumTable<ArticleState>(
  'portal.articleState',
  { draft: 'default', published: 'green', withdrawn: 'red' },
  { dataAttr: 'state', testId: 'article-state' },
);

/** 草稿 / 待审核 / 已退回 / 已审核: a revision on its way to approval. */
export const REVISION_STATE_TAGS = enumTable<RevisionState>(
  'portal.revisionState',
  { draft: 'default', submitted: 'blue', returned: 'orange', approved: 'green' },
  { dataAttr: 'state', variant: 'outlined' },
);

export const FINDING_KINDS = [
  'signature-mismatch',
  'content-differs',
  'link-host',
  'hidden-block',
  'foreign-script',
  'redirect',
  'cloaking',
  'spam-words',
] as const;

/** What an integrity finding means, in words; a kind newer than the page reads 其他. */
export const FINDING_KIND_TAGS = {
  ...enumTable<string>('portal.findingKind', Object.fromEntries(FINDING_KINDS.map((k) => [k, 'red'])), { dataAttr: 'kind', variant: 'outlined' }),
  other: () => ({ label: 'portal.findingKind.other', color: 'red' }),
};

/** 读取时校验 (the public read path refused a page) / 外部检查 (the check from outside). */
export const FINDING_SOURCE_TAGS = enumTable<'serve' | 'check'>('portal.findingSource', { serve: 'volcano', check: 'purple' });

/** What the signed-in user may do on the portal. */
export function usePortalRole(): { edit: boolean; approve: boolean; username: string } {
  const { can } = useSession();
  const session = useCurrentSession();
  return { edit: can(PERMISSIONS.portalEdit), approve: can(PERMISSIONS.portalApprove), username: session.user.username };
}
