import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useArticle, useCreateArticle, useReviseArticle } from '../../api/portal.ts';
import type { Article, RevisionInput } from '../../api/portalTypes.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { EnumTag } from '../../components/EnumTag.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useI18n } from '../../i18n/index.ts';
import { usePageCrumb } from '../../layout/pageMeta.tsx';
import { ArticleActions } from './ArticleActions.tsx';
import { ArticleForm } from './ArticleForm.tsx';
import { PortalTabs } from './PortalTabs.tsx';
import { ARTICLE_STATE_TAGS, REVISION_STATE_TAGS, usePortalRole } from './portalFormat.ts';
import { RevisionsPanel } from './RevisionsPanel.tsx';

/** The article's states and its latest revision's, under the title. */
function ArticleHeading({ article }: { article: Article }) {
  const { t } = useI18n();
  const latest = article.current;
  return (
    <Space size={4} wrap data-testid="article-heading">
      <EnumTag table={ARTICLE_STATE_TAGS} value={article.state} />
      <EnumTag table={REVISION_STATE_TAGS} value={latest.state} testId="revision-state" />
      <Typography.Text type="secondary">{t('portal.revisionBy', { number: latest.number, author: latest.authorName })}</Typography.Text>
    </Space>
  );
}

/** A new article: its first revision is saved as a draft, then the page becomes the article's. */
function NewArticle() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const create = useCreateArticle();
  const save = (input: RevisionInput) =>
    create.mutateAsync(input).then((article) => {
      void message.success(t('portal.saved'));
      void navigate(`/website/articles/${article.id}`, { replace: true });
    });
  return (
    <Card title={t('portal.articles.new')}>
      <ArticleForm readOnly={false} saving={create.isPending} onSave={save} onDirty={() => undefined} onStale={() => undefined} />
    </Card>
  );
}

/** An existing article: its latest revision to edit, the approval actions and every revision. */
function ExistingArticle({ article }: { article: Article }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { edit } = usePortalRole();
  const revise = useReviseArticle(article.id);
  const [dirty, setDirty] = useState(false);
  const save = (input: RevisionInput) => revise.mutateAsync({ ...input, basedOn: article.current.number }).then(() => void message.success(t('portal.saved')));
  const reload = () => {
    setDirty(false);
    void queryClient.invalidateQueries({ queryKey: queryKeys.portal.article(article.id) });
  };
  // The actions first (what the approver came for), then the article, then its history.
  return (
    <>
      <ArticleActions article={article} dirty={dirty} />
      <Card
        title={<span className="xf-portal-title">{article.current.title}</span>}
        extra={<ArticleHeading article={article} />}
        className="xf-portal-editor-card"
      >
        <ArticleForm
          // A new revision (saved here, restored, or someone else's) starts the form again from it.
          key={article.current.number}
          article={article}
          readOnly={!edit}
          saving={revise.isPending}
          onSave={save}
          onDirty={setDirty}
          onStale={reload}
        />
      </Card>
      <RevisionsPanel article={article} />
    </>
  );
}

/** 门户网站 · one article: write, submit, approve, compare and restore its revisions. */
export function ArticleEditorPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { id = 'new' } = useParams();
  const article = useArticle(id === 'new' ? undefined : id);
  usePageCrumb(id === 'new' ? t('portal.articles.new') : article.data?.current.title);
  return (
    <div className="xf-stack" data-testid="portal-article-page">
      <PortalTabs />
      <div>
        <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => void navigate('/website')} className="xf-portal-back">
          {t('portal.backToList')}
        </Button>
      </div>
      {id === 'new' ? (
        <NewArticle />
      ) : article.isError && !article.data ? (
        <QueryError error={article.error} onRetry={() => void article.refetch()} />
      ) : article.data ? (
        <ExistingArticle article={article.data} />
      ) : (
        <Card loading />
      )}
    </div>
  );
}
