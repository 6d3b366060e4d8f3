/**
 * The benefits side of the to-do: applications at the user's own step (the step's level checked as
 * the workflow checks it, rows limited by row-level security), objections to resolve, and the
 * office's payment rolls to check, approve (never by their generator), export or confirm as paid.
 */
import type { ChangeCache } from '../../db/changeCache.ts';
import type { Actor } from '../../db/scope.ts';
import type { Queryable } from '../../db/types.ts';
import { programmeName } from '../../core/benefits/catalog.ts';
import { thisYear } from '../../core/clock.ts';
import { stepOf, type ApplicationState, type Step } from '../benefits/workflow.ts';
import { programmeNamesEn } from '../../core/benefits/ids.ts';
import { monthText, named } from './names.ts';
import {
  applicationGroupRows,
  applicationsInProgressCount,
  enrolledCount,
  objectedApplicationRows,
  unpaidRollRows,
  type ApplicationGroupRow,
  type RollRow,
} from './queries.ts';
import { txt, type Figure, type Text, type TodoItem } from './schemas.ts';

type StepGroup = ApplicationGroupRow;

const stateAt = Object.fromEntries(Object.entries(stepOf).map(([state, step]) => [step, state])) as Record<Step, ApplicationState>;

const stepTitle: Record<Step, Text> = {
  village: txt('待村级审议的申请', 'Applications for village review'),
  township: txt('待乡镇审核的申请', 'Applications for township review'),
  district: txt('待区级审批的申请', 'Applications for district approval'),
};

const stepKind: Record<Step, string> = {
  village: 'application.villageReview',
  township: 'application.townshipReview',
  district: 'application.districtApproval',
};

function applicationsLink(group: StepGroup): string {
  if (group.n === 1 && group.ids[0]) return `/benefits/applications/${group.ids[0]}`;
  const query = new URLSearchParams({ state: stateAt[group.step] });
  if (group.years.length === 1) query.set('year', String(group.years[0]));
  return `/benefits/applications?${query.toString()}`;
}

/**
 * The applications in progress that are at one of the actor's steps, grouped by step, by whether an
 * objection is open and by whether a notice is still running on `today`. The last two years' and
 * later confirmations only (the place index leads with the year).
 */
async function applicationGroups(tx: Queryable, actor: Actor, today: string): Promise<StepGroup[]> {
  const confirm = actor.reach['benefits.confirm'];
  return applicationGroupRows(tx, {
    villages: confirm?.villages ?? [],
    townships: confirm?.townships ?? [],
    district: actor.reach['benefits.manage']?.all ?? false,
    fromYear: thisYear() - 1,
    today,
  });
}

export async function applicationTodo(tx: Queryable, actor: Actor, today: string): Promise<{ todo: TodoItem[]; noticeRunning: number }> {
  const groups = await applicationGroups(tx, actor, today);
  const todo: TodoItem[] = [];
  const steps: Step[] = ['village', 'township', 'district'];
  for (const step of steps) {
    const ready = groups.filter((g) => g.step === step && !g.objected && !g.running);
    const group = merge(step, ready);
    if (group) {
      todo.push({
        kind: stepKind[step],
        count: group.n,
        title: stepTitle[step],
        detail: whoApplied(group),
        link: applicationsLink(group),
        dueOn: null,
        overdue: false,
        waiting: false,
      });
    }
  }
  const objections = await objectionsToResolve(tx, actor);
  if (objections.length > 0) {
    const first = objections[0] as { id: string; name: string };
    todo.push({
      kind: 'application.objection',
      count: objections.length,
      title: txt('公示期异议待处理', 'Objections to resolve'),
      detail: named(
        objections.map((o) => o.name),
        objections.length,
        { zh: '人', en: '' },
      ),
      link: objections.length === 1 ? `/benefits/applications/${first.id}` : '/benefits/applications',
      dueOn: null,
      overdue: false,
      waiting: false,
    });
  }
  const noticeRunning = groups.filter((g) => g.running && !g.objected).reduce((sum, g) => sum + g.n, 0);
  return { todo, noticeRunning };
}

/** One applicant with their village and programme; several by name. */
function whoApplied(group: StepGroup): Text {
  const [name, place, programme] = [group.names[0], group.places[0], group.programmes[0]];
  if (group.n !== 1 || name === undefined || place === undefined || programme === undefined) return named(group.names, group.n, { zh: '人', en: '' });
  return txt(`${name} · ${place} · ${programmeName(programme)}`, `${name} · ${place} · ${programmeNamesEn[programme]}`);
}

/**
 * Applications with an open objection that the actor resolves: during the village notice the
 * village worker, during the township notice the township worker (as the workflow decides it).
 */
async function objectionsToResolve(tx: Queryable, actor: Actor): Promise<{ id: string; name: string }[]> {
  const confirm = actor.reach['benefits.confirm'];
  if (!confirm) return [];
  return objectedApplicationRows(tx, confirm.villages, confirm.townships, thisYear() - 1);
}

function merge(step: Step, groups: readonly StepGroup[]): StepGroup | null {
  if (groups.length === 0) return null;
  return {
    step,
    objected: false,
    running: false,
    n: groups.reduce((sum, g) => sum + g.n, 0),
    ids: groups.flatMap((g) => g.ids),
    names: groups.flatMap((g) => g.names),
    places: groups.flatMap((g) => g.places),
    programmes: groups.flatMap((g) => g.programmes),
    years: [...new Set(groups.flatMap((g) => g.years))],
  };
}

const rollSteps = [
  { kind: 'roll.check', state: 'draft', title: txt('待核对的发放花名册', 'Payment rolls to check') },
  { kind: 'roll.approve', state: 'checked', title: txt('待审批的发放花名册', 'Payment rolls to approve') },
  { kind: 'roll.awaitingApproval', state: 'checked', title: txt('已核对、待他人审批的花名册', 'Payment rolls awaiting a colleague’s approval') },
  { kind: 'roll.export', state: 'approved', title: txt('待导出银行文件的花名册', 'Payment rolls to export to the bank') },
  { kind: 'roll.confirmPaid', state: 'exported', title: txt('待确认发放的花名册', 'Payment rolls to confirm as paid') },
] as const;

/** The office's rolls not yet paid, by what comes next; a roll the user generated waits for someone else's approval. */
export async function rollTodo(tx: Queryable, actor: Actor): Promise<TodoItem[]> {
  if (!(actor.reach['benefits.manage']?.all ?? false)) return [];
  const rows = await unpaidRollRows(tx);
  const todo: TodoItem[] = [];
  for (const step of rollSteps) {
    const rolls = rows.filter(
      (r) =>
        r.state === step.state &&
        (step.kind === 'roll.approve' ? r.generated_by !== actor.username : step.kind === 'roll.awaitingApproval' ? r.generated_by === actor.username : true),
    );
    if (rolls.length === 0) continue;
    const periods = [...new Set(rolls.map((r) => r.period))];
    const monthNames = periods.map(monthText);
    const programmes = rolls.slice(0, 3);
    const more = rolls.length - programmes.length;
    todo.push({
      kind: step.kind,
      count: rolls.length,
      title: step.title,
      detail: txt(
        `${monthNames.map((m) => m['zh-CN']).join('、')}：${programmes.map((r) => programmeName(r.programme)).join('、')}${more > 0 ? ` 等 ${rolls.length} 份` : ''}`,
        `${monthNames.map((m) => m.en).join(', ')}: ${programmes.map((r) => programmeNamesEn[r.programme]).join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
      ),
      link: rolls.length === 1 ? `/benefits/rolls/${(rolls[0] as RollRow).id}` : '/benefits/rolls',
      dueOn: null,
      overdue: false,
      waiting: step.kind === 'roll.awaitingApproval',
    });
  }
  return todo;
}

/**
 * Beneficiaries now enrolled and applications in progress, in the reader's scope (row-level
 * security). Counting the enrolled reads every enrolment of the scope (a quarter of a million in a
 * district of a million persons): the count is kept per scope until an enrolment changes.
 */
export async function benefitFigures(tx: Queryable, actor: Actor, noticeRunning: number, enrolledKept: ChangeCache<number>): Promise<Figure[]> {
  const enrolled = await enrolledKept.get(JSON.stringify([actor.district, actor.reach['benefits.read'] ?? null]), async () => enrolledCount(tx));
  const inProgress = await applicationsInProgressCount(tx, thisYear() - 1);
  return [
    { key: 'beneficiaries', label: txt('在册享受对象', 'Beneficiaries enrolled'), value: enrolled, unit: txt('人', '') },
    { key: 'applicationsInProgress', label: txt('办理中的申请', 'Applications in progress'), value: inProgress, unit: txt('件', '') },
    { key: 'noticeRunning', label: txt('公示中', 'On public notice'), value: noticeRunning, unit: txt('件', '') },
  ];
}
