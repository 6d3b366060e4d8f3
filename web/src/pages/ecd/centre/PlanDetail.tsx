import { Descriptions, Typography } from 'antd';
import type { ActivityPlan } from '../../../api/ecdCentreTypes.ts';
import { useI18n } from '../../../i18n/index.ts';
import { DOMAIN_TAGS } from './ecdErrors.ts';
import { EnumTag } from '../../../components/EnumTag.tsx';

/** One activity plan: ages, domain, goal, materials, steps and the guidance for parents. */
export function PlanDetail({ plan }: { plan: ActivityPlan }) {
  const { t } = useI18n();
  return (
    <div data-testid="plan-detail">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('ecdc.plan.age')}>{t('ecdc.monthsRange', { from: plan.ageFromMonths, to: plan.ageToMonths })}</Descriptions.Item>
        <Descriptions.Item label={t('ecdc.plan.domain')}>
          <EnumTag table={DOMAIN_TAGS} value={plan.domain} />
        </Descriptions.Item>
        <Descriptions.Item label={t('ecdc.plan.minutes')}>{plan.minutes}</Descriptions.Item>
        <Descriptions.Item label={t('ecdc.plan.goal')}>{plan.goal}</Descriptions.Item>
        <Descriptions.Item label={t('ecdc.plan.materials')}>{plan.materials.length === 0 ? '—' : plan.materials.join('、')}</Descriptions.Item>
        <Descriptions.Item label={t('ecdc.plan.steps')}>
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            {plan.steps.map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ol>
        </Descriptions.Item>
        <Descriptions.Item label={t('ecdc.plan.guidance')}>
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{plan.parentGuidance}</Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}
