import { Progress, Tag, Tooltip } from 'antd';
import type { Application, LineKind, RollState } from '../../../api/benefitsWorkflow.ts';
import { useI18n } from '../../../i18n/index.ts';
import './workflow.css';
import { APPLICATION_STATE_COLORS, currentStateKey, formatMoney, LINE_KIND_COLORS, ROLL_STATE_COLORS, stageOf } from './workflowFormat.ts';

/** The application's state as it reads today (a notice that has ended says whose review it waits for). */
export function ApplicationStateTag({ app }: { app: Pick<Application, 'state' | 'villageNotice' | 'townshipNotice'> }) {
  const { tx } = useI18n();
  return (
    <Tag color={APPLICATION_STATE_COLORS[app.state]} data-testid="application-state" data-state={app.state}>
      {tx(currentStateKey(app), app.state)}
    </Tag>
  );
}

export function RollStateTag({ state }: { state: RollState }) {
  const { tx } = useI18n();
  return (
    <Tag color={ROLL_STATE_COLORS[state]} data-testid="roll-state" data-state={state}>
      {tx(`wf.rollState.${state}`, state)}
    </Tag>
  );
}

export function LineKindTag({ kind }: { kind: LineKind }) {
  const { tx } = useI18n();
  return <Tag color={LINE_KIND_COLORS[kind]}>{tx(`wf.kind.${kind}`, kind)}</Tag>;
}

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
        <Progress
          className="xf-wf-stage"
          steps={4}
          percent={100}
          showInfo={false}
          size={[14, 6]}
          strokeColor={colors}
          aria-label={title}
        />
      </span>
    </Tooltip>
  );
}
