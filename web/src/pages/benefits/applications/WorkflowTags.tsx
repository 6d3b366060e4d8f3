import { Progress, Tooltip } from 'antd';
import type { Application } from '../../../api/benefitsWorkflow.ts';
import { useI18n } from '../../../i18n/index.ts';
import './workflow.css';
import { formatMoney, stageOf } from './workflowFormat.ts';

/** Yuan, two decimals, right-aligned digits. */
export function Money({ amount, testId }: { amount: number; testId?: string }) {
  const { lang } = useI18n();
  return (
    <span className="xf-num" data-testid={testId}>
      {formatMoney(amount, lang)}
    </span>
  );
}

const STAGE_KEYS = ['wf.stage.apply', 'wf.stage.village', 'wf.stage.township', 'wf.stage.district'] as const;

/** Four small segments (申请 · 村 · 乡镇 · 区): done in green, a closed application's stop in red. */
export function StageProgress({ app }: { app: Pick<Application, 'state' | 'villageNotice' | 'townshipNotice'> }) {
  const { t } = useI18n();
  const { current, closed } = stageOf(app);
  const colors = STAGE_KEYS.map((_, i) => {
    if (closed && i === current) return '#cf1322';
    if (i < current) return '#52c41a';
    if (i === current) return '#1677ff';
    return '#e6e8eb';
  });
  const title = STAGE_KEYS.map((key, i) => `${i < current ? '✓' : closed && i === current ? '✗' : '·'} ${t(key)}`).join('　');
  return (
    <Tooltip title={title}>
      <span data-testid="application-stage" data-stage={current}>
        <Progress className="xf-wf-stage" steps={4} percent={100} showInfo={false} size={[14, 6]} strokeColor={colors} aria-label={title} />
      </span>
    </Tooltip>
  );
}
