import { EditOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useClasses } from '../../../api/ecdCentre.ts';
import type { EcdClass } from '../../../api/ecdCentreTypes.ts';
import { PERMISSIONS } from '../../../auth/permissions.ts';
import { useSession } from '../../../auth/session.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { useI18n } from '../../../i18n/index.ts';
import { EcdTabs } from '../EcdTabs.tsx';
import { ClassModal, MembersModal } from './ClassModals.tsx';

/** 班级: each class with its teacher, room and how full it is; staff create classes and set their children. */
export function ClassesPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const writable = can(PERMISSIONS.ecdWrite);
  const classes = useClasses();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<EcdClass | null>(null);
  const [changing, setChanging] = useState<EcdClass | null>(null);

  const columns: TableColumnsType<EcdClass> = [
    {
      key: 'name',
      title: t('ecdc.class.name'),
      render: (_, c) => (
        <span>
          <strong>{c.name}</strong> {c.active ? null : <Tag>{t('ecdc.class.inactive')}</Tag>}
        </span>
      ),
    },
    { key: 'ages', title: t('ecdc.class.ages'), width: 140, render: (_, c) => t('ecdc.monthsRange', { from: c.ageFromMonths, to: c.ageToMonths }) },
    { key: 'teacher', title: t('ecdc.class.teacher'), width: 120, render: (_, c) => c.teacher.name },
    { key: 'room', title: t('ecdc.class.room'), width: 160, render: (_, c) => `${c.room.name}${t('common.inParens', { text: `${c.room.areaM2} m²` })}` },
    {
      key: 'capacity',
      title: t('ecdc.class.capacity'),
      width: 220,
      render: (_, c) => {
        const used = c.children.length;
        const color = used > c.room.capacity ? '#cf1322' : used === c.room.capacity ? '#fa8c16' : undefined;
        return (
          <div data-testid={`class-capacity-${c.id}`}>
            <Typography.Text strong type={used > c.room.capacity ? 'danger' : undefined}>
              {used}/{c.room.capacity}
            </Typography.Text>
            <Progress percent={Math.round((used / c.room.capacity) * 100)} size="small" showInfo={false} strokeColor={color} />
          </div>
        );
      },
    },
    ...(writable
      ? [
          {
            key: 'actions',
            title: '',
            width: 200,
            render: (_: unknown, c: EcdClass) => (
              <Space size={8}>
                <Button size="small" icon={<EditOutlined />} onClick={() => setChanging(c)} data-testid={`class-edit-${c.id}`}>
                  {t('ecdc.class.edit')}
                </Button>
                <Button size="small" icon={<TeamOutlined />} onClick={() => setEditing(c)} data-testid={`class-members-${c.id}`}>
                  {t('ecdc.class.members')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const extra = writable ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="class-new">
      {t('ecdc.class.new')}
    </Button>
  ) : null;

  return (
    <div className="xf-stack" data-testid="ecd-classes-page">
      <EcdTabs />
      <Card title={t('ecdc.class.title')} extra={extra}>
        {classes.isError ? (
          <QueryError error={classes.error} onRetry={() => void classes.refetch()} />
        ) : (
          <Table<EcdClass>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={classes.data?.items ?? []}
            loading={classes.isFetching}
            pagination={false}
            locale={{ emptyText: classes.isPending ? ' ' : t('ecdc.class.empty') }}
            expandable={{
              expandedRowRender: (c) =>
                c.children.length === 0 ? (
                  <Typography.Text type="secondary">{t('ecdc.session.noMembers')}</Typography.Text>
                ) : (
                  <div>
                    {c.children.map((child) => (
                      <Tag key={child.id} style={{ marginBottom: 4 }}>
                        {child.name} · {t('ecdc.months', { n: child.ageMonths.toFixed(1) })}
                      </Tag>
                    ))}
                  </div>
                ),
            }}
            scroll={{ x: 'max-content' }}
            data-testid="classes-table"
          />
        )}
      </Card>
      {creating ? <ClassModal onClose={() => setCreating(false)} /> : null}
      {changing ? <ClassModal ecdClass={changing} onClose={() => setChanging(null)} /> : null}
      {editing ? <MembersModal ecdClass={editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
