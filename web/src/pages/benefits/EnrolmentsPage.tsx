import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { benefitsApi, type Enrolment, type EnrolmentQuery, type ProgrammeId } from '../../api/benefits.ts';
import { PERMISSIONS } from '../../auth/permissions.ts';
import { useSession } from '../../auth/session.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { PAGE_SIZES, pagingFields, serverPagination, urlField, useUrlQuery } from '../../components/useUrlQuery.ts';
import { QuerySearch } from '../../components/QuerySearch.tsx';
import { useI18n, type I18n } from '../../i18n/index.ts';
import { BenefitsTabs } from './BenefitsTabs.tsx';
import { categoryLabel, PROGRAMME_IDS, programmeName } from './benefitsFormat.ts';
import { EnrolmentExitModal } from './EnrolmentExitModal.tsx';
import { useProgrammes, useTownships } from './useBenefitsData.ts';
import { queryKeys } from '../../api/queryKeys.ts';

function columns(i18n: I18n, onExit: ((enrolment: Enrolment) => void) | null): TableColumnsType<Enrolment> {
  const { t, tx } = i18n;
  const list: TableColumnsType<Enrolment> = [
    {
      key: 'name',
      title: t('enrolments.col.name'),
      width: 100,
      fixed: 'left',
      render: (_, e) => (
        <Typography.Text strong data-testid="enrolment-name">
          {e.personName}
        </Typography.Text>
      ),
    },
    {
      key: 'idNumber',
      title: t('enrolments.col.idNumber'),
      width: 180,
      render: (_, e) => <span className="xf-code">{e.idNumberMasked}</span>,
    },
    {
      key: 'place',
      title: t('enrolments.col.place'),
      width: 150,
      render: (_, e) => (
        <div className="xf-cell-stack">
          <span>{e.townshipName}</span>
          <span className="xf-subline">{e.villageName}</span>
        </div>
      ),
    },
    {
      key: 'programme',
      title: t('enrolments.col.programme'),
      width: 200,
      render: (_, e) => programmeName(i18n, e.programme, e.programmeName),
    },
    {
      key: 'category',
      title: t('enrolments.col.category'),
      width: 110,
      render: (_, e) => categoryLabel(tx, e.category) || <Typography.Text type="secondary">—</Typography.Text>,
    },
    { key: 'startMonth', title: t('enrolments.col.startMonth'), width: 100, dataIndex: 'startMonth' },
    {
      key: 'lastMonth',
      title: t('enrolments.col.lastMonth'),
      width: 110,
      render: (_, e) =>
        e.lastMonth ?? (
          <Tag color="green" className="xf-inline-tag">
            {t('enrolments.running')}
          </Tag>
        ),
    },
    {
      key: 'exitReason',
      title: t('enrolments.col.exitReason'),
      width: 180,
      render: (_, e) => e.exitReason ?? '',
    },
    {
      key: 'bank',
      title: t('enrolments.col.bank'),
      width: 200,
      render: (_, e) => (
        <div className="xf-cell-stack">
          <span>{e.bankName}</span>
          <span className="xf-subline xf-code">{e.bankAccountMasked}</span>
        </div>
      ),
    },
  ];
  if (onExit) {
    list.push({
      key: 'actions',
      title: t('common.actions'),
      width: 80,
      fixed: 'right',
      render: (_, e) =>
        e.lastMonth ? null : (
          <Button type="link" size="small" danger onClick={() => onExit(e)} data-testid="enrolment-exit">
            {t('enrolments.exit')}
          </Button>
        ),
    });
  }
  return list;
}

interface FiltersProps {
  query: EnrolmentQuery;
  onChange: (change: Partial<EnrolmentQuery>) => void;
  onRefresh: () => void;
}

function EnrolmentFilters({ query, onChange, onRefresh }: FiltersProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const programmes = useProgrammes();
  const { townships, loading } = useTownships();

  const programmeOptions = programmes.data
    ? programmes.data.map((p) => ({ value: p.id, label: programmeName(i18n, p.id, p.name) }))
    : PROGRAMME_IDS.map((id) => ({ value: id, label: programmeName(i18n, id) }));
  const activeValue = query.active === undefined ? undefined : String(query.active);

  return (
    <div className="xf-toolbar">
      <QuerySearch
        value={query.q}
        onSearch={(q) => onChange({ q })}
        placeholder={t('enrolments.search')}
        width={260}
        maxLength={40}
        data-testid="enrolments-search"
      />
      <Select<ProgrammeId>
        allowClear
        placeholder={t('enrolments.filterProgramme')}
        options={programmeOptions}
        value={query.programme}
        onChange={(programme: ProgrammeId | undefined) => onChange({ programme })}
        popupMatchSelectWidth={false}
        style={{ width: 220 }}
        data-testid="enrolments-filter-programme"
      />
      {townships.length > 1 ? (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('enrolments.filterTownship')}
          options={townships.map((township) => ({ value: township.code, label: township.name }))}
          loading={loading}
          value={query.township}
          onChange={(township: string | undefined) => onChange({ township })}
          style={{ width: 170 }}
          data-testid="enrolments-filter-township"
        />
      ) : null}
      <Select
        allowClear
        placeholder={t('enrolments.filterActive')}
        options={[
          { value: 'true', label: t('enrolments.active.true') },
          { value: 'false', label: t('enrolments.active.false') },
        ]}
        value={activeValue}
        onChange={(value: string | undefined) => onChange({ active: value === undefined ? undefined : value === 'true' })}
        style={{ width: 120 }}
        data-testid="enrolments-filter-active"
      />
      <Button onClick={() => onChange({ q: undefined, programme: undefined, township: undefined, active: undefined })}>{t('common.reset')}</Button>
      <div className="xf-toolbar-spacer" />
      <Button icon={<ReloadOutlined />} onClick={onRefresh} aria-label={t('common.refresh')} />
    </div>
  );
}

/** The enrolment search lives in the URL, so a filtered list can be bookmarked and survives a reload. */
const ENROLMENT_QUERY = {
  ...pagingFields(),
  programme: urlField.oneOf(PROGRAMME_IDS),
  township: urlField.text(),
  active: urlField.bool(),
  q: urlField.text(),
};

/** 享受对象: the persons approved into a programme, running or exited; the office records exits. */
export function EnrolmentsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useSession();
  const manage = can(PERMISSIONS.benefitsManage);
  const [query, update] = useUrlQuery(ENROLMENT_QUERY);
  const [exiting, setExiting] = useState<Enrolment | null>(null);

  const enrolments = useQuery({
    queryKey: queryKeys.benefits.enrolmentList(query),
    queryFn: ({ signal }) => benefitsApi.enrolments(query, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <div className="xf-stack" data-testid="benefits-enrolments-page">
      <BenefitsTabs />
      <Card title={t('enrolments.title')}>
        {enrolments.isError && !enrolments.data ? (
          <QueryError error={enrolments.error} onRetry={() => void enrolments.refetch()} />
        ) : (
          <>
            <EnrolmentFilters query={query} onChange={update} onRefresh={() => void enrolments.refetch()} />
            <ResponsiveTable<Enrolment>
              rowKey="id"
              size="middle"
              columns={columns(i18n, manage ? setExiting : null)}
              dataSource={enrolments.data?.items ?? []}
              loading={enrolments.isFetching}
              onChange={(pagination, _filters, _sorter, extra) => {
                if (extra.action === 'paginate') {
                  update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? query.pageSize });
                }
              }}
              locale={{ emptyText: enrolments.isPending ? ' ' : t('enrolments.empty') }}
              scroll={{ x: manage ? 1420 : 1340 }}
              pagination={serverPagination(t, query, enrolments.data?.total, PAGE_SIZES)}
              data-testid="enrolments-table"
            />
          </>
        )}
      </Card>
      {exiting ? <EnrolmentExitModal enrolment={exiting} onClose={() => setExiting(null)} /> : null}
    </div>
  );
}
