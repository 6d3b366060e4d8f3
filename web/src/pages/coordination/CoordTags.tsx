import { LockOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReportSummary } from '../../api/coordinationTypes.ts';
import { useI18n } from '../../i18n/index.ts';
import { ROW_STATE_COLORS, rowState } from './coordFormat.ts';

/** The report's status; a department-month with nothing filed reads 未报送 once due, 未填报 before. */
export function ReportStatusTag({ report, testId }: { report: Pick<ReportSummary, 'status' | 'late'>; testId?: string }) {
  const { tx } = useI18n();
  const state = rowState(report);
  return (
    <Tag color={ROW_STATE_COLORS[state]} data-testid={testId} data-status={state}>
      {tx(`coord.status.${state}`, state)}
    </Tag>
  );
}

/** 按时 / 逾期, or a dash while it is neither yet. */
export function TimelinessTag({ report }: { report: Pick<ReportSummary, 'onTime' | 'late'> }) {
  const { t } = useI18n();
  if (report.late) return <Tag color="red">{t('coord.timeliness.late')}</Tag>;
  if (report.onTime) return <Tag color="green">{t('coord.timeliness.onTime')}</Tag>;
  return <span className="xf-muted">—</span>;
}

export function LockedTag() {
  const { t } = useI18n();
  return (
    <Tag icon={<LockOutlined />} color="green" data-testid="report-locked">
      {t('coord.report.locked')}
    </Tag>
  );
}
