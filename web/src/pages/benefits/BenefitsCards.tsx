import { Card, Col, Row, Statistic, Tooltip, Typography } from 'antd';
import type { BenefitsSummary } from '../../api/benefits.ts';
import { useI18n } from '../../i18n/index.ts';
import { formatCount, formatYuan, programmeLabel } from './benefitsFormat.ts';

/** Five in a row on wide screens, three and two below. */
const COL = { xs: 24, sm: 12, xl: 8, xxl: { flex: '20%' } } as const;

/** 奖扶+特扶 in 万元 as the district reports it, then the persons paid by each programme. */
export function BenefitsCards({ summary }: { summary: BenefitsSummary }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const assistance = summary.rewardAndSpecialAssistance;
  const exact = t('benefits.exactAmount', { amount: formatYuan(assistance.amount, lang) });
  const persons = t('benefits.unit.persons');
  // Chinese counts money in 万元 (24 万元); English in yuan (240,000 yuan).
  const inTenThousands = lang === 'zh-CN';
  return (
    <Row gutter={[16, 16]}>
      <Col {...COL}>
        <Card size="small" className="xf-stat-card xf-benefits-total" data-testid="benefits-total-assistance">
          <Statistic
            title={t('benefits.totalAssistance')}
            value={inTenThousands ? assistance.roundedTo10000 / 10_000 : assistance.roundedTo10000}
            formatter={(value) => formatCount(Number(value), lang)}
            suffix={t(inTenThousands ? 'benefits.unit.tenThousandYuan' : 'benefits.unit.yuan')}
          />
          <Tooltip title={t('benefits.exactHint')}>
            <Typography.Text type="secondary" className="xf-benefits-exact" data-testid="benefits-total-exact">
              {exact}
            </Typography.Text>
          </Tooltip>
        </Card>
      </Col>
      {summary.programmes.map((p) => (
        <Col key={p.programme} {...COL}>
          <Card size="small" className="xf-stat-card" data-testid={`benefits-card-${p.programme}`}>
            <Statistic
              title={t('benefits.beneficiariesOf', { programme: programmeLabel(i18n, p.programme) })}
              value={p.beneficiaries}
              formatter={(value) => formatCount(Number(value), lang)}
              suffix={persons || undefined}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
