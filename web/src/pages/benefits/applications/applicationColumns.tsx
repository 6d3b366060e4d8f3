import { Badge, Tag, type TableColumnsType } from 'antd';
import type { Application } from '../../../api/benefitsWorkflow.ts';
import type { I18n } from '../../../i18n/index.ts';
import { Money, StageProgress } from './WorkflowTags.tsx';
import { programmeName } from '../benefitsFormat.ts';
import { APPLICATION_STATE_TAGS, categoryLabel, currentNotice, currentStateKey } from './workflowFormat.ts';
import { EnumTag } from '../../../components/EnumTag.tsx';

const muted = <span className="xf-muted">—</span>;

/** Columns of the application list; `withTownship` adds the township under the village. */
export function applicationColumns(i18n: I18n, withTownship: boolean): TableColumnsType<Application> {
  const { t } = i18n;
  // Sized to show every column but the last two at 1366 px beside the open menu; the name (with the
  // masked ID number under it) stays on the left and the next step on the right while the rest scrolls.
  return [
    {
      key: 'name',
      title: t('wf.col.name'),
      width: 158,
      fixed: 'left',
      render: (_, app) => (
        <div>
          <span data-testid={`application-${app.id}`}>{app.personName}</span>
          <div className="xf-subline xf-code" title={t('wf.col.idNumber')}>
            {app.idNumberMasked}
          </div>
        </div>
      ),
    },
    {
      key: 'village',
      title: t('wf.col.village'),
      width: 112,
      render: (_, app) => (
        <div title={app.townshipName}>
          {app.villageName}
          {withTownship ? <div className="xf-subline">{app.townshipName}</div> : null}
        </div>
      ),
    },
    {
      key: 'programme',
      title: t('wf.col.programmeCategory'),
      width: 160,
      render: (_, app) => {
        const name = programmeName(i18n, app.programme, app.programmeName);
        return (
          <div className="xf-wf-ellipsis" title={name}>
            {name}
            {app.category ? <div className="xf-subline">{categoryLabel(i18n, app.category)}</div> : null}
          </div>
        );
      },
    },
    {
      key: 'amount',
      title: t('wf.col.monthlyAmount'),
      width: 96,
      align: 'right',
      render: (_, app) => <Money amount={app.monthlyAmount} />,
    },
    {
      key: 'appliedOn',
      title: t('wf.col.appliedOn'),
      width: 100,
      render: (_, app) => <span className="xf-num">{app.appliedOn}</span>,
    },
    {
      key: 'state',
      title: t('wf.col.state'),
      width: 140,
      render: (_, app) => (
        <div className="xf-wf-state">
          <EnumTag table={APPLICATION_STATE_TAGS} value={app.state} label={currentStateKey(app)} />
          <StageProgress app={app} />
        </div>
      ),
    },
    {
      key: 'notice',
      title: t('wf.col.notice'),
      width: 132,
      render: (_, app) => {
        const current = currentNotice(app);
        if (!current) return muted;
        return (
          <div className="xf-num">
            <Tag className="xf-inline-tag" style={{ marginInline: 0 }}>
              {t(`wf.noticeShort.${current.stage}`)}
            </Tag>
            <div className="xf-nowrap">
              {current.notice.from} ~ {current.notice.until.slice(5)}
            </div>
          </div>
        );
      },
    },
    {
      key: 'objections',
      title: t('wf.col.objections'),
      width: 56,
      align: 'center',
      render: (_, app) =>
        app.openObjections > 0 ? (
          <Badge count={app.openObjections} title={t('wf.openObjections', { count: app.openObjections })} data-testid="application-objections" />
        ) : (
          muted
        ),
    },
    {
      key: 'next',
      title: t('wf.col.nextStep'),
      width: 136,
      fixed: 'right',
      render: (_, app) => {
        if (!app.nextStep) return muted;
        return (
          <div>
            {t(`wf.next.${app.nextStep}`)}
            {app.canAct && !app.waitUntil ? (
              <Tag color="red" className="xf-inline-tag">
                {t('wf.yourTurn')}
              </Tag>
            ) : null}
            {app.waitUntil ? <div className="xf-subline">{t('wf.waitUntilShort', { date: app.waitUntil })}</div> : null}
          </div>
        );
      },
    },
  ];
}
