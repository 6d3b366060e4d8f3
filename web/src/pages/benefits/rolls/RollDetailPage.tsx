import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space } from 'antd';
import { Link, useParams } from 'react-router';
import { benefitsWorkflowApi, type RollDetail } from '../../../api/benefitsWorkflow.ts';
import { PERMISSIONS } from '../../../auth/permissions.ts';
import { useSession } from '../../../auth/session.tsx';
import { DetailPlaceholder } from '../../../components/DetailPlaceholder.tsx';
import { useI18n } from '../../../i18n/index.ts';
import { usePageCrumb } from '../../../layout/pageMeta.tsx';
import { BenefitsTabs } from '../BenefitsTabs.tsx';
import { programmeName, ROLL_STATE_TAGS } from '../applications/workflowFormat.ts';
import '../applications/workflow.css';
import { RollActions } from './RollActions.tsx';
import { RollLinesTable } from './RollLinesTable.tsx';
import { RollBreakdown, RollProgress, RollStats, RollStops } from './RollSummary.tsx';
import { queryKeys } from '../../../api/queryKeys.ts';
import { EnumTag } from '../../../components/EnumTag.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function RollHeader({ roll }: { roll: RollDetail }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useSession();
  return (
    <Card
      title={
        <Space size={10} wrap>
          <span data-testid="roll-title">
            {t('wf.roll.heading', { programme: programmeName(i18n, roll.programme, roll.programmeName), period: roll.period })}
          </span>
          <EnumTag table={ROLL_STATE_TAGS} value={roll.state} />
        </Space>
      }
      extra={
        <Link to="/benefits/rolls">
          <Button>{t('wf.roll.back')}</Button>
        </Link>
      }
      data-testid="roll-header"
      data-state={roll.state}
    >
      <Descriptions column={{ xs: 1, sm: 3 }} size="small">
        <Descriptions.Item label={t('wf.col.programme')}>{programmeName(i18n, roll.programme, roll.programmeName)}</Descriptions.Item>
        <Descriptions.Item label={t('wf.roll.period')}>
          <span className="xf-num">{roll.period}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('wf.roll.reference')}>
          <span className="xf-code" data-testid="roll-reference" title={roll.id} data-verbatim>
            {roll.id.slice(0, 8)}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <div style={{ marginTop: 16 }}>
        <RollProgress roll={roll} />
      </div>
      {roll.state !== 'draft' && roll.state !== 'checked' ? (
        <Alert type="info" showIcon title={t('wf.roll.frozen')} style={{ marginTop: 12 }} data-testid="roll-frozen" />
      ) : null}
      {can(PERMISSIONS.benefitsManage) ? (
        <div className="xf-wf-actions">
          <RollActions roll={roll} />
        </div>
      ) : null}
    </Card>
  );
}

/** One payment roll: who did what, the figures, persons stopped this month, and its lines. */
export function RollDetailPage() {
  const { id = '' } = useParams();
  const i18n = useI18n();
  const { t } = i18n;
  const valid = UUID.test(id);
  const detail = useQuery({
    queryKey: queryKeys.benefits.workflow.roll(id),
    queryFn: ({ signal }) => benefitsWorkflowApi.roll(id, signal),
    enabled: valid,
  });
  const roll = detail.data;
  usePageCrumb(roll ? `${programmeName(i18n, roll.programme, roll.programmeName)} ${roll.period}` : null);

  let body;
  if (!roll) {
    body = (
      <DetailPlaceholder
        query={detail}
        invalidPath={valid ? null : `/api/benefits/rolls/${id}`}
        notFoundTitle={t('wf.roll.notFound')}
        backTo={{ path: '/benefits/rolls', label: t('wf.roll.back') }}
      />
    );
  } else {
    body = (
      <>
        <RollHeader roll={roll} />
        <RollStats roll={roll} />
        <RollBreakdown roll={roll} />
        <RollStops roll={roll} />
        <Card title={t('wf.roll.linesTitle')}>
          {/* The lines of a regenerated draft are new: start over with the new roll. */}
          <RollLinesTable key={`${roll.id}-${roll.generatedAt}`} roll={roll} />
        </Card>
      </>
    );
  }

  return (
    <div className="xf-stack" data-testid="roll-detail-page">
      <BenefitsTabs />
      {body}
    </div>
  );
}
