import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Tag, Typography } from 'antd';
import type { ProgrammeResult } from '../../../api/benefits.ts';
import { useI18n } from '../../../i18n/index.ts';
import './workflow.css';
import { categoryLabel, formatMoney, fundingName } from './workflowFormat.ts';

/**
 * The engine's explained decision for one programme: every condition, met (✓) or not (✗), with the
 * facts and parameters it used, then the monthly amount and how it was reached.
 */
export function EvaluationView({ result, testId = 'evaluation' }: { result: ProgrammeResult; testId?: string }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  return (
    <div data-testid={testId} data-eligible={String(result.eligible)}>
      <div className="xf-wf-evaluation-head">
        {result.eligible ? (
          <Tag color="green" data-testid={`${testId}-verdict`}>
            {t('wf.eval.eligible')}
          </Tag>
        ) : (
          <Tag color="red" data-testid={`${testId}-verdict`}>
            {t('wf.eval.notEligible')}
          </Tag>
        )}
        {result.category ? <Tag>{categoryLabel(i18n, result.category)}</Tag> : null}
        <Tag>{fundingName(i18n, result.fundedBy)}</Tag>
      </div>
      <ul className="xf-wf-conditions">
        {result.conditions.map((condition) => (
          <li
            key={condition.id}
            className={`xf-wf-condition ${condition.met ? 'xf-wf-condition-met' : 'xf-wf-condition-failed'}`}
            data-testid={`${testId}-condition`}
            data-condition={condition.id}
            data-met={String(condition.met)}
          >
            <span className="xf-wf-condition-icon" aria-label={condition.met ? t('wf.eval.met') : t('wf.eval.notMet')}>
              {condition.met ? <CheckCircleFilled /> : <CloseCircleFilled />}
            </span>
            <div>
              <div className="xf-wf-condition-label">{condition.label}</div>
              {condition.detail ? <div className="xf-wf-condition-detail">{condition.detail}</div> : null}
            </div>
          </li>
        ))}
      </ul>
      <div className="xf-wf-amount">
        <Typography.Text type="secondary">{t('wf.eval.monthlyAmount')}</Typography.Text>
        <span className="xf-wf-amount-value" data-testid={`${testId}-amount`}>
          {formatMoney(result.monthlyAmount, lang)}
        </span>
        <Typography.Text type="secondary">{t('wf.unit.yuanPerMonth')}</Typography.Text>
        {result.amountDetail ? <div className="xf-wf-amount-detail">{result.amountDetail}</div> : null}
      </div>
    </div>
  );
}
