import { LinkOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useArticles } from '../../api/portal.ts';
import type { ArticleSummary } from '../../api/portalTypes.ts';
import { businessNow } from '../../clock.ts';
import { EnumTag } from '../../components/EnumTag.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { formatDateTime, useI18n, type I18n } from '../../i18n/index.ts';
import { PortalTabs } from './PortalTabs.tsx';
import { ARTICLE_STATE_TAGS, REVISION_STATE_TAGS, usePortalRole } from './portalFormat.ts';

/** A publication time later than now (the business instant, as the server counts it) is a scheduled one. */
const scheduled = (publishAt: string | null): boolean => publishAt !== null && Date.parse(publishAt) > businessNow().getTime();

function articleColumns({ t }: I18n): TableColumnsType<ArticleSummary> {
  return [
    {
      key: 'title',
      title: t('portal.col.title'),
      render: (_, a) => (
        <Link to={`/website/articles/${a.id}`} onClick={(event) => event.stopPropagation()} data-testid={`article-${a.id}`}>
          {a.title}
        </Link>
      ),
    },
    {
      key: 'state',
      title: t('portal.col.state'),
      width: 180,
      render: (_, a) => (
        <Space size={4} wrap>
          <EnumTag table={ARTICLE_STATE_TAGS} value={a.state} testId={`article-state-${a.id}`} />
          <EnumTag table={REVISION_STATE_TAGS} value={a.latest.state} />
        </Space>
      ),
    },
    {
      key: 'revision',
      title: t('portal.col.revision'),
      width: 170,
      render: (_, a) => (
        <span>
          <span className="xf-num">{t('portal.revisionNo', { number: a.latest.number })}</span> · {a.latest.authorName}
        </span>
      ),
    },
    {
      key: 'publishAt',
      title: t('portal.col.publishAt'),
      width: 200,
      render: (_, a) =>
        a.publishAt ? (
          <span className="xf-num">
            {formatDateTime(a.publishAt)}
            {scheduled(a.publishAt) ? (
              <Tag color="gold" className="xf-portal-inline-tag" data-testid={`article-scheduled-${a.id}`}>
                {t('portal.scheduled')}
              </Tag>
            ) : null}
          </span>
        ) : (
          <span className="xf-muted">—</span>
        ),
    },
    { key: 'views', title: t('portal.col.views'), width: 90, align: 'right', render: (_, a) => <span className="xf-num">{a.viewCount}</span> },
    {
      key: 'url',
      title: t('portal.col.page'),
      width: 110,
      render: (_, a) =>
        a.state === 'published' ? (
          // The public page is HTML served by the server, outside this app.
          <a href={a.url} target="_blank" rel="noopener" onClick={(event) => event.stopPropagation()} data-testid={`article-url-${a.id}`}>
            <LinkOutlined /> {t('portal.viewPage')}
          </a>
        ) : (
          <span className="xf-muted">—</span>
        ),
    },
  ];
}

/** 门户网站 · the news articles, newest first, each with its latest revision. */
export function ArticlesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const navigate = useNavigate();
  const { edit } = usePortalRole();
  const articles = useArticles();

  return (
    <div className="xf-stack" data-testid="portal-articles-page">
      <PortalTabs />
      <Card
        title={t('portal.articles.title')}
        extra={
          <Space wrap>
            <Button icon={<ReloadOutlined />} onClick={() => void articles.refetch()} aria-label={t('common.refresh')} />
            {edit ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/website/articles/new')} data-testid="article-new">
                {t('portal.articles.new')}
              </Button>
            ) : null}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('portal.articles.intro')}</Typography.Paragraph>
        {articles.isError && !articles.data ? (
          <QueryError error={articles.error} onRetry={() => void articles.refetch()} />
        ) : (
          <ResponsiveTable<ArticleSummary>
            rowKey="id"
            size="middle"
            columns={articleColumns(i18n)}
            dataSource={articles.data?.items ?? []}
            loading={articles.isFetching}
            onRow={(a) => ({ onClick: () => void navigate(`/website/articles/${a.id}`), className: 'xf-clickable-row' })}
            locale={{ emptyText: articles.isPending ? ' ' : t('portal.articles.empty') }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
            scroll={{ x: 960 }}
            data-testid="portal-articles-table"
          />
        )}
      </Card>
    </div>
  );
}
