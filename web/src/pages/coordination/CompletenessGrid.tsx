import { CheckOutlined, CloseOutlined, EditOutlined, HourglassOutlined, MinusOutlined, RollbackOutlined } from '@ant-design/icons';
import { Table, type TableColumnsType } from 'antd';
import { memo, useMemo, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { CellState, CompletenessRow } from '../../api/coordinationTypes.ts';
import { useI18n, type I18n } from '../../i18n/index.ts';
import { CELL_STATES, formatRate, reportPath } from './coordFormat.ts';

type Cell = CompletenessRow['cells'][number];

const ICONS: Record<CellState, ReactNode> = {
  accepted: <CheckOutlined />,
  submitted: <HourglassOutlined />,
  returned: <RollbackOutlined />,
  draft: <EditOutlined />,
  missing: <CloseOutlined />,
  not_due: <MinusOutlined />,
  inactive: null,
};

/** A draft counts as missing once its due day has passed: red like a missing one. */
function look(cell: Cell): string {
  return cell.state === 'draft' && cell.late ? 'missing' : cell.state;
}

/**
 * One department-month: a coloured square by state, a red corner and 迟 when late; a link to the
 * report unless the department was not a member that month. Plain elements and a native title
 * keep 19 × 12 of them cheap.
 */
const GridCell = memo(function GridCell({
  department,
  departmentName,
  cell,
  label,
}: {
  department: string;
  departmentName: string;
  cell: Cell;
  label: string;
}) {
  const className = `xf-coord-cell xf-coord-cell-${look(cell)}${cell.late ? ' xf-coord-cell-late' : ''}`;
  const title = `${departmentName} ${cell.period}：${label}`;
  if (cell.state === 'inactive') return <span className={className} title={title} aria-label={title} data-state={cell.state} />;
  return (
    <Link
      to={reportPath(department, cell.period)}
      className={className}
      title={title}
      aria-label={title}
      data-testid={`cell-${department}-${cell.period}`}
      data-state={cell.state}
      data-late={cell.late ? 'true' : undefined}
    >
      {ICONS[cell.state]}
    </Link>
  );
});

function cellLabel(i18n: I18n, cell: Cell): string {
  const state = i18n.tx(`coord.cell.${cell.state}`, cell.state);
  return cell.late ? `${state}（${i18n.t('coord.timeliness.late')}）` : state;
}

function columns(i18n: I18n, months: string[]): TableColumnsType<CompletenessRow> {
  const { t, lang } = i18n;
  return [
    {
      key: 'department',
      title: t('coord.col.department'),
      fixed: 'left',
      width: 150,
      ellipsis: true,
      render: (_, row) => <span title={row.department.name}>{row.department.shortName || row.department.name}</span>,
    },
    ...months.map((period, index) => ({
      key: period,
      title: t('coord.monthShort', { month: Number(period.slice(5, 7)) }),
      width: 52,
      align: 'center' as const,
      onCell: () => ({ className: 'xf-coord-grid-cell' }),
      render: (_: unknown, row: CompletenessRow) => {
        const cell = row.cells[index];
        return cell ? <GridCell department={row.department.code} departmentName={row.department.name} cell={cell} label={cellLabel(i18n, cell)} /> : null;
      },
    })),
    {
      key: 'completeness',
      title: t('coord.completeness.rate'),
      width: 104,
      align: 'right',
      render: (_, row) => (
        <span className={`xf-num${row.completeness < 1 ? ' xf-coord-rate-low' : ''}`} data-testid={`completeness-${row.department.code}`}>
          {formatRate(row.completeness, lang)}
        </span>
      ),
    },
    {
      key: 'timeliness',
      title: t('coord.completeness.timeliness'),
      width: 104,
      align: 'right',
      render: (_, row) => <span className={`xf-num${row.timeliness < 1 ? ' xf-coord-rate-low' : ''}`}>{formatRate(row.timeliness, lang)}</span>,
    },
  ];
}

export function CellLegend() {
  const i18n = useI18n();
  const { t, tx } = i18n;
  return (
    <div className="xf-coord-legend" data-testid="completeness-legend">
      {CELL_STATES.map((state) => (
        <span key={state} className="xf-coord-legend-item">
          <span className={`xf-coord-cell xf-coord-cell-${state}`} aria-hidden>
            {ICONS[state]}
          </span>
          {tx(`coord.cell.${state}`, state)}
        </span>
      ))}
      <span className="xf-coord-legend-item">
        <span className="xf-coord-cell xf-coord-cell-submitted xf-coord-cell-late" aria-hidden>
          {ICONS.submitted}
        </span>
        {t('coord.cell.lateLegend')}
      </span>
    </div>
  );
}

/** Departments down, months across; the rates of each department at the end of its row. */
export function CompletenessGrid({ rows, months, loading }: { rows: CompletenessRow[]; months: string[]; loading: boolean }) {
  const i18n = useI18n();
  const cols = useMemo(() => columns(i18n, months), [i18n, months]);
  return (
    <Table<CompletenessRow>
      rowKey={(row) => row.department.code}
      size="small"
      bordered
      className="xf-coord-grid"
      columns={cols}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 150 + months.length * 52 + 208 }}
      locale={{ emptyText: loading ? ' ' : i18n.t('coord.completeness.empty') }}
      data-testid="completeness-grid"
    />
  );
}
