/**
 * The portal's pages about the programmes: the policy pages (conditions and amounts from the
 * parameters in force on the business date, and the changes already decided), the running public
 * notices (masked by the database) and the eligibility self-check, which runs the office's own
 * engine on what the reader enters and keeps nothing.
 */
import { describeProgrammes, programmeName } from '../../core/benefits/catalog.ts';
import { createEvaluator } from '../../core/benefits/engine.ts';
import { parameterAt, type ParameterRow } from '../../core/benefits/parameters.ts';
import { programmeIds, type ProgrammeId } from '../../core/benefits/types.ts';
import { today } from '../../core/clock.ts';
import { noticesMain, type NoticeLine } from '../../core/portal/noticePages.ts';
import { amountLines, policiesMain, policyMain, policyPath, plainWords } from '../../core/portal/policyPages.ts';
import type { Script } from '../../core/portal/script.ts';
import { defaultValues, formValues, parseSelfCheck, type Township } from '../../core/portal/selfCheck.ts';
import { selfCheckFormMain, selfCheckResultMain } from '../../core/portal/selfCheckPage.ts';
import { withScope } from '../../db/scope.ts';
import { parameterRows } from '../benefits/parameterQueries.ts';
import { districtTownships, runningNotices } from './publicQueries.ts';
import type { PageContent, PageRenderer, PortalSite, RenderedPage } from './site.ts';

export const SELF_CHECK_PATH = '/portal/self-check';

/** The policy pages, each programme's and the list, in the sitemap's order. */
export const policyPages = (): string[] => ['/portal/policies', ...programmeIds.map(policyPath), '/portal/notices', SELF_CHECK_PATH];

/**
 * The district's townships. The portal's reader sees no organisation table; this one read runs
 * with a reach of the organisation's names only (township, village and department names, all public).
 */
async function townships(site: PortalSite): Promise<Township[]> {
  const { code } = await site.districtInfo();
  const reader = {
    district: code,
    userId: '',
    username: 'portal',
    grants: [],
    ip: null,
    reach: { 'org.read': { all: true, townships: [], villages: [], departments: [] } },
  };
  return withScope(site.db, reader, (tx) => districtTownships(tx));
}

const namesOf = (list: readonly Township[]) => new Map(list.map((t) => [t.code, t.name]));

const noticeDays = (rows: readonly ParameterRow[], stage: 'village' | 'township', date: string): number | null => {
  const v = parameterAt(rows, 'confirmation', `${stage}NoticeDays`, date)?.value;
  return typeof v === 'number' ? v : null;
};

/** Adds the policy, notice and self-check pages; pages that show live figures are kept `keepMs` at most. */
export function addPolicyPages(site: PortalSite, keepMs: number): PortalSite {
  const policies: PageRenderer = async (s) => {
    const rows = await s.asReader((tx) => parameterRows(tx));
    return {
      keepMs,
      status: 200,
      section: 'policies',
      title: '政策解读',
      description: '创建幸福家庭活动各项奖励扶助政策的条件、标准和申请方法',
      main: policiesMain(describeProgrammes(rows, today()), 'hans'),
    };
  };
  const policy: PageRenderer = async (s, _snapshot, path) => {
    const id = path.slice('/portal/policies/'.length);
    if (!(programmeIds as readonly string[]).includes(id)) return null;
    const date = today();
    const rows = await s.asReader((tx) => parameterRows(tx));
    const description = describeProgrammes(rows, date).find((p) => p.id === id);
    if (description === undefined) return null;
    const names = namesOf(await townships(s));
    const programme = { ...description, conditions: description.conditions.map((c) => ({ ...c, label: plainWords(c.label, names) })) };
    return {
      keepMs,
      status: 200,
      section: 'policies',
      title: programme.name,
      description: `${programme.name}：条件、标准和申请方法`,
      main: policyMain(
        {
          programme,
          amounts: amountLines(rows, id as ProgrammeId, date),
          date,
          noticeDays: { village: noticeDays(rows, 'village', date), township: noticeDays(rows, 'township', date) },
        },
        'hans',
      ),
    };
  };
  const notices: PageRenderer = async (s) => {
    const date = today();
    const rows = await s.asReader((tx) => runningNotices(tx, date));
    const lines: NoticeLine[] = rows.map((r) => ({
      stage: r.stage,
      township: r.township,
      village: r.village,
      maskedName: r.masked_name,
      programme: programmeName(r.programme as ProgrammeId),
      noticeFrom: r.notice_from,
      noticeUntil: r.notice_until,
    }));
    return { keepMs, status: 200, section: 'notices', title: '公示公告', description: '正在公示的奖励扶助对象名单', main: noticesMain(lines, date) };
  };
  const selfCheckForm: PageRenderer = async (s) => ({
    keepMs,
    status: 200,
    section: 'self-check',
    title: '资格自测',
    description: '回答几个问题，了解您的家庭可能符合哪些奖励扶助政策',
    main: selfCheckFormMain(defaultValues(today()), await townships(s), [], 'hans'),
  });
  return site
    .addPages(/^\/portal\/policies$/, policies)
    .addPages(/^\/portal\/policies\/[^/]+$/, policy)
    .addPages(/^\/portal\/notices$/, notices)
    .addPages(/^\/portal\/self-check$/, selfCheckForm);
}

/**
 * The self-check's answer to a posted form: the result (200), or the form again with what to
 * correct (400). Rendered for this request only: never kept, never listed.
 */
export async function selfCheckAnswer(site: PortalSite, form: URLSearchParams, script: Script): Promise<RenderedPage> {
  const date = today();
  const list = await townships(site);
  const values = formValues(form);
  const parsed = parseSelfCheck(values, date, list);
  let content: PageContent;
  if (!parsed.ok) {
    content = {
      status: 400,
      section: 'self-check',
      title: '资格自测',
      description: '资格自测：请修改填写的内容',
      main: selfCheckFormMain(parsed.values, list, parsed.errors, 'hans'),
    };
  } else {
    const rows = await site.asReader((tx) => parameterRows(tx));
    const { results } = createEvaluator(rows).evaluate(parsed.situation, { explain: true });
    const names = new Map<string, string>(programmeIds.map((id) => [id, programmeName(id)]));
    content = {
      status: 200,
      section: 'self-check',
      title: '资格自测结果',
      description: '资格自测结果',
      main: selfCheckResultMain({ date: parsed.situation.date, values: parsed.values, townshipList: list, results, names, townships: namesOf(list) }, 'hans'),
    };
  }
  return site.framed(content, SELF_CHECK_PATH, script);
}
