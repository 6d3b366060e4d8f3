import { Card, Col, DatePicker, Progress, Row, Segmented, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useCentre, useTeacherLoad } from '../../../api/ecdCentre.ts';
import type { Room, Teacher } from '../../../api/ecdCentreTypes.ts';
import { QueryError } from '../../../components/QueryError.tsx';
import { useI18n } from '../../../i18n/index.ts';
import { EcdTabs } from '../EcdTabs.tsx';
import { chinaNow } from './sessionFormat.ts';

type Preset = 'week' | 'month';

function presetRange(preset: Preset): [Dayjs, Dayjs] {
  const today = chinaNow();
  if (preset === 'month') return [today.startOf('month'), today.endOf('month')];
  // Monday to Sunday.
  const monday = today.subtract((today.day() + 6) % 7, 'day');
  return [monday, monday.add(6, 'day')];
}

/** Load as a bar: over 100% red, above 85% orange. */
function LoadBar({ load }: { load: number }) {
  const percent = Math.round(load * 100);
  const color = percent > 100 ? '#cf1322' : percent > 85 ? '#fa8c16' : '#389e0d';
  return <Progress percent={Math.min(100, percent)} status="normal" strokeColor={color} format={() => `${percent}%`} />;
}

/** 教师与场地: teachers, rooms (their area against the centre's) and each teacher's load over a week or a month. */
export function CentrePage() {
  const { t } = useI18n();
  const centre = useCentre();
  const [preset, setPreset] = useState<Preset | null>('week');
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => presetRange('week'));
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const load = useTeacherLoad(from, to);

  const teacherColumns: TableColumnsType<Teacher> = [
    { key: 'name', title: t('ecdc.session.teacher'), dataIndex: 'name', width: 100 },
    { key: 'qualification', title: t('ecdc.centre.qualification'), dataIndex: 'qualification' },
    { key: 'weeklyHours', title: t('ecdc.centre.weeklyHours'), dataIndex: 'weeklyHours', width: 130, align: 'right' },
    { key: 'username', title: t('ecdc.centre.account'), width: 130, render: (_, x) => (x.username ? <span data-verbatim>{x.username}</span> : '—') },
    {
      key: 'active',
      title: '',
      width: 80,
      render: (_, x) => <Tag color={x.active ? 'green' : 'default'}>{t(x.active ? 'ecdc.centre.active' : 'ecdc.centre.inactive')}</Tag>,
    },
  ];
  const roomColumns: TableColumnsType<Room> = [
    { key: 'name', title: t('ecdc.centre.roomName'), dataIndex: 'name', onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
    { key: 'area', title: t('ecdc.centre.area'), dataIndex: 'areaM2', width: 110, align: 'right' },
    { key: 'capacity', title: t('ecdc.centre.capacity'), dataIndex: 'capacity', width: 140, align: 'right' },
  ];

  if (centre.isError) {
    return (
      <div className="xf-stack">
        <EcdTabs />
        <QueryError error={centre.error} onRetry={() => void centre.refetch()} />
      </div>
    );
  }
  const rooms = centre.data?.rooms ?? [];
  const areaSum = Math.round(rooms.reduce((sum, r) => sum + r.areaM2, 0) * 10) / 10;
  const total = centre.data?.areaM2 ?? 0;

  return (
    <div className="xf-stack" data-testid="ecd-centre-page">
      <EcdTabs />
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card title={`${t('ecdc.centre.teachers')}${centre.data ? ` · ${centre.data.name}` : ''}`} loading={centre.isPending}>
            <Table<Teacher>
              rowKey="id"
              size="small"
              columns={teacherColumns}
              dataSource={centre.data?.teachers ?? []}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="centre-teachers"
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('ecdc.centre.rooms')} loading={centre.isPending}>
            <Table<Room>
              rowKey="code"
              size="small"
              columns={roomColumns}
              dataSource={rooms}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="centre-rooms"
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={2}>
                    <strong>{t('ecdc.centre.total')}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    <strong data-testid="centre-area-sum">{areaSum}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {rooms.reduce((sum, r) => sum + r.capacity, 0)}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
            <Typography.Paragraph type={areaSum === total ? 'secondary' : 'warning'} style={{ marginTop: 12, marginBottom: 0 }}>
              {t('ecdc.centre.areaSum', { sum: areaSum, total })}
            </Typography.Paragraph>
            {total > 0 ? <Progress percent={Math.round((areaSum / total) * 100)} size="small" /> : null}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            title={t('ecdc.centre.load')}
            extra={
              <Space wrap>
                <Segmented<Preset>
                  value={preset ?? undefined}
                  onChange={(p) => {
                    setPreset(p);
                    setRange(presetRange(p));
                  }}
                  options={[
                    { value: 'week', label: t('ecdc.centre.week') },
                    { value: 'month', label: t('ecdc.centre.month') },
                  ]}
                />
                <DatePicker.RangePicker
                  value={range}
                  allowClear={false}
                  onChange={(v) => {
                    if (v?.[0] && v[1]) {
                      setPreset(null);
                      setRange([v[0], v[1]]);
                    }
                  }}
                  disabledDate={(d) => Math.abs(d.diff(range[0], 'day')) > 62}
                  aria-label={t('ecdc.centre.period')}
                  data-testid="load-range"
                />
              </Space>
            }
          >
            {load.isError ? (
              <QueryError error={load.error} onRetry={() => void load.refetch()} />
            ) : (
              <div data-testid="teacher-load">
                {(load.data?.items ?? []).length === 0 && !load.isFetching ? (
                  <Typography.Text type="secondary">{t('ecdc.centre.noLoad')}</Typography.Text>
                ) : null}
                {(load.data?.items ?? []).map((item) => (
                  <div key={item.teacher.id} className="xf-load-row" data-testid={`load-${item.teacher.id}`}>
                    <strong>{item.teacher.name}</strong>
                    <LoadBar load={item.load} />
                    <Typography.Text type="secondary">
                      {t('ecdc.centre.loadLine', { sessions: item.sessions, hours: item.hours.toFixed(1), planned: item.plannedHours.toFixed(1) })}
                    </Typography.Text>
                  </div>
                ))}
              </div>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
