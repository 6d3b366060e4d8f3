import { EditOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Input, Table, Tag, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useDepartments } from '../../api/hooks.ts';
import type { Department } from '../../api/types.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { PERMISSIONS } from '../../auth/permissions.ts';
import { useSession } from '../../auth/session.tsx';
import { useI18n } from '../../i18n/index.ts';
import { businessToday } from '../registry/registryFormat.ts';
import { MembershipModal } from './MembershipModal.tsx';

/** Member now, not yet, or no longer. */
function membership(d: Department, today: string): 'member' | 'joining' | 'left' {
  if (d.activeFrom > today) return 'joining';
  return d.activeTo !== null && d.activeTo < today ? 'left' : 'member';
}

export function DepartmentsPage() {
  const { t } = useI18n();
  const departments = useDepartments();
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<Department | null>(null);
  const manage = useSession().can(PERMISSIONS.coordManage);
  const today = businessToday();

  const items = useMemo(() => {
    const all = departments.data?.items ?? [];
    const needle = filter.trim().toLowerCase();
    if (!needle) return all;
    return all.filter((d) => [d.code, d.name, d.shortName].some((text) => text.toLowerCase().includes(needle)));
  }, [departments.data, filter]);

  if (departments.isError) return <QueryError error={departments.error} onRetry={() => void departments.refetch()} />;

  const columns: TableColumnsType<Department> = [
    { title: t('dept.name'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
    { title: t('dept.shortName'), dataIndex: 'shortName', width: 200 },
    {
      title: t('dept.liaisonCount'),
      dataIndex: 'liaisonCount',
      width: 140,
      align: 'right',
      sorter: (a, b) => a.liaisonCount - b.liaisonCount,
    },
    { title: t('dept.activeFrom'), dataIndex: 'activeFrom', width: 130 },
    { title: t('dept.activeTo'), dataIndex: 'activeTo', width: 130, render: (value: string | null) => value ?? '—' },
    {
      title: t('dept.status'),
      key: 'status',
      width: 110,
      render: (_, d) => {
        const state = membership(d, today);
        return <Tag color={state === 'member' ? 'green' : 'default'}>{t(`dept.${state === 'member' ? 'member' : state}`)}</Tag>;
      },
    },
    ...(manage
      ? [
          {
            key: 'actions',
            width: 140,
            render: (_: unknown, d: Department) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(d)} data-testid={`membership-edit-${d.code}`}>
                {t('dept.editMembership')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('dept.title')}
      extra={
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('common.filter')}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          style={{ width: 220 }}
        />
      }
      data-testid="departments-page"
    >
      <Table<Department>
        rowKey="code"
        size="middle"
        loading={departments.isPending}
        columns={columns}
        dataSource={items}
        pagination={false}
        footer={() => t('dept.count', { count: departments.data?.items.length ?? 0 })}
        data-testid="departments-table"
      />
      {editing ? <MembershipModal department={editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}
