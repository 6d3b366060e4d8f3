import { Steps, Timeline } from 'antd';
import type { ApplicationDetail, ApplicationState, ApplicationStepRecord } from '../../../api/benefitsWorkflow.ts';
import { formatDateTime, useI18n } from '../../../i18n/index.ts';
import { stageOf } from './workflowFormat.ts';

/** The move into each stage: 村 → village_notice, 乡镇 → township_notice, 区 → approved. */
const STAGE_TARGET: readonly (ApplicationState | null)[] = [null, 'village_notice', 'township_notice', 'approved'];

function moveInto(steps: ApplicationStepRecord[], state: ApplicationState): ApplicationStepRecord | undefined {
  return [...steps].reverse().find((step) => step.toState === state);
}

/** 申请 → 村审议并公示 → 乡镇审核并公示 → 区审批并公布, with who moved it on and when; then every move. */
export function ApplicationSteps({ app }: { app: ApplicationDetail }) {
  const { t, tx } = useI18n();
  const { current, closed } = stageOf(app);
  const closing = closed ? [...app.steps].reverse().find((step) => step.toState === app.state) : undefined;
  const created = app.steps.find((step) => step.fromState === null) ?? app.steps[0];
  const meta = (step: ApplicationStepRecord | undefined) =>
    step ? <div>{t('wf.steps.byAt', { user: step.actedByName ?? step.actedBy, time: formatDateTime(step.actedAt) })}</div> : null;

  const stageContent = (index: number) => {
    if (index === 0) {
      return (
        <div className="xf-wf-step-meta">
          <div>{t('wf.steps.appliedOn', { date: app.appliedOn })}</div>
          {meta(created)}
        </div>
      );
    }
    if (closed && index === current) {
      return (
        <div className="xf-wf-step-meta">
          <div>{tx(`wf.state.${app.state}`, app.state)}</div>
          {meta(closing)}
          {app.closingReason ? <div>{t('wf.steps.reason', { reason: app.closingReason })}</div> : null}
        </div>
      );
    }
    const target = STAGE_TARGET[index];
    const step = target ? moveInto(app.steps, target) : undefined;
    const notice = index === 1 ? app.villageNotice : index === 2 ? app.townshipNotice : null;
    return (
      <div className="xf-wf-step-meta">
        {meta(step)}
        {notice ? <div>{t('wf.steps.notice', { from: notice.from, until: notice.until })}</div> : null}
        {index === 3 && app.state === 'approved' ? (
          <>
            {app.decidedOn ? <div>{t('wf.steps.decidedOn', { date: app.decidedOn })}</div> : null}
            {app.startMonth ? <div>{t('wf.steps.startMonth', { month: app.startMonth })}</div> : null}
          </>
        ) : null}
        {!step && index === current && app.nextStep ? <div>{t(`wf.next.${app.nextStep}`)}</div> : null}
      </div>
    );
  };

  const titles = [t('wf.stage.apply'), t('wf.stage.villageLong'), t('wf.stage.townshipLong'), t('wf.stage.districtLong')];
  const status = closed ? 'error' : app.state === 'approved' ? 'finish' : 'process';

  return (
    <div data-testid="application-steps" data-current={current}>
      <Steps
        className="xf-wf-steps"
        size="small"
        current={Math.min(current, 3)}
        status={status}
        items={titles.map((title, index) => ({ title, content: stageContent(index) }))}
      />
      {app.steps.length > 0 ? (
        <Timeline
          className="xf-wf-history"
          items={app.steps.map((step, index) => ({
            key: index,
            color: step.toState === 'rejected' ? 'red' : step.toState === 'withdrawn' ? 'gray' : step.toState === 'approved' ? 'green' : 'blue',
            content: (
              <div>
                <span className="xf-event-who">{tx(`wf.move.${step.toState}`, step.toState)}</span>
                <span className="xf-event-detail">{step.note}</span>
                <div className="xf-event-meta">{t('wf.steps.byAt', { user: step.actedByName ?? step.actedBy, time: formatDateTime(step.actedAt) })}</div>
              </div>
            ),
          }))}
          data-testid="application-history"
        />
      ) : null}
    </div>
  );
}
