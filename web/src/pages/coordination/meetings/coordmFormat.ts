import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import type { ActionStatus, Aggregation, ContentArea, MeetingKind, ResponsibilityStatus, RuleOperator } from '../../../api/coordinationTypes.ts';
import { useDepartments } from '../../../api/hooks.ts';
import { PERMISSIONS } from '../../../auth/permissions.ts';
import { useSession } from '../../../auth/session.tsx';
import { enumTable } from '../../../components/enumTable.ts';

/*
 * Shared by the pages of meetings, action items, notices, the plan and the indicator
 * configuration: the fixed lists of the contract, tag colours and who sees what.
 */

export const DATE_FORMAT = 'YYYY-MM-DD';
export const DATETIME_FORMAT = 'YYYY-MM-DD HH:mm';

export const MEETING_KINDS: readonly MeetingKind[] = ['work', 'coordination'];
export const ACTION_STATUSES: readonly ActionStatus[] = ['open', 'overdue', 'done'];
export const CONTENT_AREAS: readonly ContentArea[] = ['civility', 'health', 'eugenics', 'prosperity', 'dedication'];
export const RESPONSIBILITY_STATUSES: readonly ResponsibilityStatus[] = ['planned', 'in_progress', 'done'];
export const AGGREGATIONS: readonly Aggregation[] = ['sum', 'last', 'max'];
export const RULE_OPERATORS: readonly RuleOperator[] = ['<=', '<', '>=', '>', '='];

/** 待召开 / 已召开 */
export const MEETING_STATUS_TAGS = enumTable<'scheduled' | 'held'>(
  'coordm.meetingStatus',
  { scheduled: 'gold', held: 'green' },
  { testId: 'meeting-status', dataAttr: 'status' },
);

/** 工作会 / 协调会 */
export const MEETING_KIND_TAGS = enumTable<MeetingKind>(
  'coordm.kind',
  { work: 'geekblue', coordination: 'purple' },
  { testId: 'meeting-kind', dataAttr: 'kind' },
);

/** 逾期 (red) / 进行中 (blue) / 已办结 (green) */
export const ACTION_STATUS_TAGS = enumTable<ActionStatus>(
  'coordm.actionStatus',
  { overdue: 'red', open: 'blue', done: 'green' },
  { testId: 'action-status', dataAttr: 'status' },
);

/** 未启动 / 推进中 / 已完成 */
export const RESPONSIBILITY_STATUS_TAGS = enumTable<ResponsibilityStatus>(
  'coordm.respStatus',
  { planned: 'default', in_progress: 'blue', done: 'green' },
  { testId: 'responsibility-status', dataAttr: 'status' },
);

/** 文明 · 健康 · 优生 · 致富 · 奉献, each in its colour. */
export const AREA_TAGS = enumTable<ContentArea>(
  'coordm.area',
  { civility: '#1677ff', health: '#389e0d', eugenics: '#c41d7f', prosperity: '#d48806', dedication: '#cf1322' },
  { dataAttr: 'area' },
);

/** The operators as printed: ≤ rather than <=. */
export const OPERATOR_SIGNS: Record<RuleOperator, string> = { '<=': '≤', '<': '<', '>=': '≥', '>': '>', '=': '=' };

export const toDate = (value: Dayjs) => value.format(DATE_FORMAT);

/**
 * Who is looking: the office manages; a liaison reports for one department; an auditor (read
 * only, the whole district) sees what the office sees without the buttons.
 */
export function useCoordRole() {
  const { can, session } = useSession();
  const manage = can(PERMISSIONS.coordManage);
  const report = can(PERMISSIONS.coordReport);
  const ownDepartments = useMemo(() => (session?.grants ?? []).flatMap((grant) => (grant.department ? [grant.department.code] : [])), [session]);
  return {
    manage,
    report,
    /** Sees every department (office, auditor), not just the own one. */
    district: manage || !report,
    ownDepartments,
    orgRead: can(PERMISSIONS.orgRead),
  };
}

/** The member departments (GET /api/org/departments), for the office's choices of department. */
export function useDepartmentOptions(enabled = true) {
  const { orgRead } = useCoordRole();
  const query = useDepartments(enabled && orgRead);
  return useMemo(() => {
    const items = query.data?.items ?? [];
    return {
      departments: items,
      options: items.map((d) => ({ value: d.code, label: d.name })),
      codes: items.map((d) => d.code),
      nameOf: (code: string) => items.find((d) => d.code === code)?.name ?? code,
      loading: query.isPending && query.fetchStatus !== 'idle',
    };
  }, [query.data, query.isPending, query.fetchStatus]);
}

/** For a modal's form: Enter in an input must not send the form; the modal's button does. */
export function noImplicitSubmit(event: { key: string; target: unknown; preventDefault: () => void }): void {
  if (event.key === 'Enter' && event.target instanceof HTMLInputElement) event.preventDefault();
}
