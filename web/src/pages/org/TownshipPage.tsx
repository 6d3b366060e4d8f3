import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Input, Skeleton, Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { queryKeys } from '../../api/queryKeys.ts';
import { orgApi } from '../../api/org.ts';
import type { Township } from '../../api/types.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useI18n } from '../../i18n/index.ts';
import { usePageCrumb } from '../../layout/pageMeta.tsx';
import { EnumTag } from '../../components/EnumTag.tsx';
import { ORG_KIND_TAGS } from './orgKinds.ts';

type Village = Township['villages'][number];

export function TownshipPage() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  const township = useQuery({ queryKey: queryKeys.org.township(code), queryFn: () => orgApi.township(code) });
  const [filter, setFilter] = useState('');
  usePageCrumb(township.data?.name ?? code);

  const villages = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const all = township.data?.villages ?? [];
    if (!needle) return all;
    return all.filter((village) => village.name.toLowerCase().includes(needle) || village.code.includes(needle));
  }, [township.data, filter]);

  if (township.isError) {
    // Not found and no access answer the same on purpose: the page must not reveal which codes exist.
    return (
      <Card>
        <QueryError
          error={township.error}
          onRetry={() => void township.refetch()}
          notFoundTitle={t('org.notFound')}
          hideForbidden
          backTo={{ path: '/org', label: t('org.backToTree') }}
        />
      </Card>
    );
  }
  if (!township.data)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );

  const data = township.data;
  const communities = data.villages.filter((village) => village.kind === 'community').length;
  const columns: TableColumnsType<Village> = [
    { title: t('org.code'), dataIndex: 'code', width: 160, render: (value: string) => <span className="xf-code">{value}</span> },
    { title: t('org.name'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
    {
      title: t('org.kind'),
      dataIndex: 'kind',
      width: 120,
      filters: [
        { text: t('org.kind.village'), value: 'village' },
        { text: t('org.kind.community'), value: 'community' },
      ],
      onFilter: (value, record) => record.kind === value,
      render: (_: unknown, record) => <EnumTag table={ORG_KIND_TAGS} value={record.kind} />,
    },
  ];

  return (
    <div className="xf-stack" data-testid="township-page">
      <Card
        title={data.name}
        extra={
          <Link to="/org">
            <Button>{t('org.backToTree')}</Button>
          </Link>
        }
      >
        <Descriptions column={{ xs: 1, sm: 2, lg: 4 }} size="small">
          <Descriptions.Item label={t('org.code')}>
            <span className="xf-code" data-testid="township-code">
              {data.code}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('org.kind')}>
            <EnumTag table={ORG_KIND_TAGS} value={data.kind} />
          </Descriptions.Item>
          <Descriptions.Item label={t('org.villageCount')}>
            {t('org.villageBreakdown', { villages: data.villages.length - communities, communities })}
          </Descriptions.Item>
          <Descriptions.Item label={t('org.userCount')}>{data.userCount}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={t('org.villageList')}
        extra={
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('common.filter')}
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            style={{ width: 240 }}
          />
        }
      >
        <Table<Village>
          rowKey="code"
          size="middle"
          columns={columns}
          dataSource={villages}
          pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (total) => t('common.total', { total }) }}
          scroll={{ x: 'max-content' }}
          data-testid="villages-table"
        />
      </Card>
    </div>
  );
}
