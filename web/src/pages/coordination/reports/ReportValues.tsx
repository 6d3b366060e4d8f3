import { CheckCircleFilled, ClockCircleOutlined, WarningFilled } from '@ant-design/icons';
import { Table, Tooltip, type TableColumnsType } from 'antd';
import type { Indicator, Report, ValidationRule } from '../../../api/coordinationTypes.ts';
import { useI18n } from '../../../i18n/index.ts';
import { formatNumber, withThisMonth } from '../coordFormat.ts';
import { ruleState } from './reportChecks.ts';

type Values = Record<string, number | null | undefined>;

/** 本年此前 X · 含本月 Y: the year so far from accepted reports, and with this month's value. */
export function YearToDate({ indicator, before, value }: { indicator: Indicator; before: number | undefined; value: number | null | undefined }) {
  const { t, tx, lang } = useI18n();
  const after = withThisMonth(indicator.aggregation, before, value ?? null);
  return (
    <Tooltip title={tx(`coord.aggregation.${indicator.aggregation}`, indicator.aggregation)}>
      <span className="xf-coord-ytd" data-testid={`report-ytd-${indicator.code}`}>
        {t('coord.report.ytd', {
          before: formatNumber(before, lang),
          after: formatNumber(after, lang),
          unit: indicator.unit,
        })}
      </span>
    </Tooltip>
  );
}

function operand(code: string, indicators: Indicator[]): string {
  return indicators.find((i) => i.code === code)?.name ?? code;
}

/** A rule written out: 培训人次 ≤ 培训场次 × 200. */
export function ruleFormula(rule: ValidationRule, indicators: Indicator[]): string {
  const right = rule.factor === 1 ? operand(rule.right, indicators) : `${operand(rule.right, indicators)} × ${rule.factor}`;
  const operator = { '<=': '≤', '<': '<', '>=': '≥', '>': '>', '=': '=' }[rule.operator];
  return `${operand(rule.left, indicators)} ${operator} ${right}`;
}

/** The rules among the department's indicators, each marked as the values stand now. */
export function RuleHints({ rules, indicators, values }: { rules: ValidationRule[]; indicators: Indicator[]; values: Values }) {
  const { t } = useI18n();
  if (rules.length === 0) return null;
  return (
    <div className="xf-coord-rules" data-testid="report-rules">
      <div className="xf-coord-rules-title">{t('coord.report.rules')}</div>
      <ul>
        {rules.map((rule) => {
          const state = ruleState(rule, values);
          const icon = state === 'pass' ? <CheckCircleFilled /> : state === 'fail' ? <WarningFilled /> : <ClockCircleOutlined />;
          return (
            <li key={rule.id} className={`xf-coord-rule xf-coord-rule-${state}`} data-testid={`report-rule-${rule.id}`} data-state={state}>
              {icon}
              <span className="xf-coord-rule-formula">{ruleFormula(rule, indicators)}</span>
              {state === 'fail' ? <span className="xf-coord-rule-message">{rule.message}</span> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The indicators of a report that can no longer be edited: value, unit and the year so far. */
export function ValuesTable({ report }: { report: Report }) {
  const { t, lang } = useI18n();
  const columns: TableColumnsType<Indicator> = [
    { key: 'name', title: t('coord.report.indicator'), dataIndex: 'name' },
    {
      key: 'value',
      title: t('coord.report.value'),
      align: 'right',
      width: 140,
      render: (_, indicator) => (
        <span className="xf-num" data-testid={`report-value-${indicator.code}`}>
          {formatNumber(report.values[indicator.code], lang)}
        </span>
      ),
    },
    { key: 'unit', title: t('coord.report.unit'), dataIndex: 'unit', width: 80 },
    {
      key: 'ytd',
      title: t('coord.report.ytdColumn'),
      width: 260,
      render: (_, indicator) => <YearToDate indicator={indicator} before={report.yearToDate[indicator.code]} value={report.values[indicator.code]} />,
    },
  ];
  return (
    <Table<Indicator>
      rowKey="code"
      size="small"
      columns={columns}
      dataSource={report.indicators}
      pagination={false}
      locale={{ emptyText: t('coord.report.noIndicators') }}
      scroll={{ x: 560 }}
      data-testid="report-values"
    />
  );
}
