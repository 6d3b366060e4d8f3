import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { ecdApi, type Child } from '../../api/ecd.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { PERMISSIONS } from '../../auth/permissions.ts';
import { useSession } from '../../auth/session.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { QuerySearch } from '../../components/QuerySearch.tsx';
import { PAGE_SIZES, pagingFields, urlField, useUrlQuery } from '../../components/useUrlQuery.ts';
import { useI18n, type I18n } from '../../i18n/index.ts';
import { ageDays, formatMonths } from './ecdFormat.ts';
import { EcdTabs } from './EcdTabs.tsx';
import { EnrolModal } from './EnrolModal.tsx';

const FIRST_PAGE_SIZE = 20;
/** The search and the page live in the URL, so coming back from an archive finds the same list. */
const CHILD_QUERY = { q: urlField.text(), ...pagingFields(PAGE_SIZES, FIRST_PAGE_SIZE) };

function columns({ t }: I18n): TableColumnsType<Child> {
  return [
    {
      key: 'name',
      title: t('ecd.col.name'),
      render: (_, c) => (
        <Typography.Link strong data-testid="ecd-child-name">
          {c.name}
        </Typography.Link>
      ),
    },
    { key: 'sex', title: t('ecd.col.sex'), width: 90, render: (_, c) => t(c.sex === 'M' ? 'ecd.sex.M' : 'ecd.sex.F') },
    {
      key: 'birthDate',
      title: t('ecd.col.birthDate'),
      width: 220,
      render: (_, c) => (
        <span>
          {c.birthDate}{' '}
          <Typography.Text type="secondary">
            {t('common.inParens', { text: t('ecd.ageMonths', { months: formatMonths(ageDays(c.birthDate)) }) })}
          </Typography.Text>
        </span>
      ),
    },
    { key: 'enrolledOn', title: t('ecd.col.enrolledOn'), width: 140, dataIndex: 'enrolledOn' },
    {
      key: 'consent',
      title: t('ecd.col.consent'),
      width: 140,
      render: (_, c) => (c.consent.withdrawnAt ? <Tag color="default">{t('ecd.consent.withdrawn')}</Tag> : <Tag color="green">{t('ecd.consent.signed')}</Tag>),
    },
  ];
}

/** 早教中心 · 在园儿童: the children a teacher looks after, or a parent's own; a row opens the growth archive. */
export function EcdPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useSession();
  const navigate = useNavigate();
  const [enrolling, setEnrolling] = useState(false);
  const children = useQuery({ queryKey: queryKeys.ecd.children, queryFn: ({ signal }) => ecdApi.children(signal) });
  const [{ q, page, pageSize }, update] = useUrlQuery(CHILD_QUERY);
  const many = (children.data?.items.length ?? 0) > FIRST_PAGE_SIZE;
  const shown = useMemo(() => {
    const items = children.data?.items ?? [];
    const needle = q?.trim().toLowerCase();
    return needle ? items.filter((child) => child.name.toLowerCase().includes(needle)) : items;
  }, [children.data, q]);

  const enrol = can(PERMISSIONS.ecdWrite) ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEnrolling(true)} data-testid="ecd-enrol">
      {t('ecd.enrol')}
    </Button>
  ) : null;

  return (
    <div className="xf-stack" data-testid="ecd-page">
      <EcdTabs />
      <Card title={t('ecd.title')} extra={enrol}>
        {children.isError ? (
          <QueryError error={children.error} onRetry={() => void children.refetch()} />
        ) : (
          <>
            {/* A parent's one or two children need no search. */}
            {many || q ? (
              <div className="xf-toolbar">
                <QuerySearch
                  value={q}
                  onSearch={(text) => update({ q: text })}
                  placeholder={t('ecd.search')}
                  width={260}
                  maxLength={20}
                  data-testid="ecd-search"
                />
              </div>
            ) : null}
            <ResponsiveTable<Child>
              rowKey="id"
              size="middle"
              columns={columns(i18n)}
              dataSource={shown}
              loading={children.isFetching}
              onRow={(child) => ({ onClick: () => void navigate(`/ecd/children/${child.id}`), className: 'xf-clickable-row' })}
              locale={{ emptyText: children.isPending ? ' ' : t(q ? 'ecd.noMatch' : 'ecd.empty') }}
              pagination={{
                current: page,
                pageSize,
                total: shown.length,
                showSizeChanger: true,
                pageSizeOptions: PAGE_SIZES.map(String),
                showTotal: (total) => t('common.total', { total }),
                hideOnSinglePage: !many,
                onChange: (next, size) => update(size === pageSize ? { page: next } : { pageSize: size }),
              }}
              scroll={{ x: 720 }}
              data-testid="ecd-children-table"
            />
          </>
        )}
      </Card>
      {enrolling ? <EnrolModal onClose={() => setEnrolling(false)} /> : null}
    </div>
  );
}
