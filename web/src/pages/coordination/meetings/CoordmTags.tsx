import { Tag } from 'antd';
import type { ActionStatus, ContentArea, MeetingKind, ResponsibilityStatus } from '../../../api/coordinationTypes.ts';
import { useI18n } from '../../../i18n/index.ts';
import { ACTION_STATUS_COLORS, AREA_COLORS, MEETING_KIND_COLORS, RESPONSIBILITY_STATUS_COLORS } from './coordmFormat.ts';

/** 工作会 / 协调会 */
export function MeetingKindTag({ kind }: { kind: MeetingKind }) {
  const { t } = useI18n();
  return (
    <Tag color={MEETING_KIND_COLORS[kind]} data-testid="meeting-kind" data-kind={kind}>
      {t(`coordm.kind.${kind}`)}
    </Tag>
  );
}

/** 待召开 / 已召开 */
export function MeetingStatusTag({ status }: { status: 'scheduled' | 'held' }) {
  const { t } = useI18n();
  return (
    <Tag color={status === 'held' ? 'green' : 'gold'} data-testid="meeting-status" data-status={status}>
      {t(`coordm.meetingStatus.${status}`)}
    </Tag>
  );
}

/** 逾期 (red) / 进行中 (blue) / 已办结 (green) */
export function ActionStatusTag({ status }: { status: ActionStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={ACTION_STATUS_COLORS[status]} data-testid="action-status" data-status={status}>
      {t(`coordm.actionStatus.${status}`)}
    </Tag>
  );
}

/** 未启动 / 推进中 / 已完成 */
export function ResponsibilityStatusTag({ status }: { status: ResponsibilityStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={RESPONSIBILITY_STATUS_COLORS[status]} data-testid="responsibility-status" data-status={status}>
      {t(`coordm.respStatus.${status}`)}
    </Tag>
  );
}

/** 文明 · 健康 · 优生 · 致富 · 奉献, each in its colour. */
export function AreaTag({ area }: { area: ContentArea }) {
  const { t } = useI18n();
  return (
    <Tag color={AREA_COLORS[area]} data-area={area}>
      {t(`coordm.area.${area}`)}
    </Tag>
  );
}
