/**
 * The portal's policy pages: the list of programmes and one page per programme — who pays, how it
 * is paid, the legal basis, every condition, the amounts in force on the business date with the
 * day they took effect, any change already decided for a later day, and how to apply.
 * Pure: plain values in, HTML out, written in Simplified Chinese (the frame converts the page).
 */
import type { ProgrammeDescription } from '../benefits/catalog.ts';
import type { ParameterRow } from '../benefits/parameters.ts';
import type { FundingBody, ProgrammeId } from '../benefits/types.ts';
import { chineseDate, esc } from './html.ts';
import { portalHref } from './layout.ts';
import type { Script } from './script.ts';

export const policyPath = (id: string): string => `/portal/policies/${id}`;

/** Who pays, in words. */
export const fundingWords: Record<FundingBody, string> = {
  district: '区级财政，由区创建幸福家庭活动领导小组办公室按月造册发放',
  township: '所在乡镇（街道）自筹资金发放',
  'health-bureau': '区卫生局（领导小组成员单位）负责发放',
};

/** One line per programme for the list. */
const summaries: Record<ProgrammeId, string> = {
  'reward-assistance': '农村计划生育家庭夫妻年满60周岁后，每人每月领取奖励扶助金。',
  'special-assistance': '独生子女死亡或伤残的家庭，女方年满49周岁后每人每月领取特别扶助金。',
  'one-child-parent-reward': '下朱庄街道的独生子女父母，女方年满45周岁后每人每月领取奖励。',
  'top-up-dahuangbao': '大黄堡乡在区奖励扶助标准之外，为本乡奖励扶助对象加发奖励扶助金。',
  'delivery-subsidy': '农村计划生育家庭的产妇住院分娩，一次性领取补助。',
  'pension-insurance': '主动退出二孩生育指标的农村家庭，由区财政出资购买养老保险。',
};

/**
 * A label or an explanation as the public reads it: townships' division codes (120114002) by their
 * names where known, dates as 1933年1月1日 and months as 2010年4月.
 */
export function plainWords(text: string, names: ReadonlyMap<string, string>): string {
  return text
    .replace(/(?<![0-9])[0-9]{9}(?![0-9])/g, (code) => names.get(code) ?? code)
    .replace(/(?<![0-9-])([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9])/g, (_m, y: string, m: string, d: string) => `${y}年${Number(m)}月${Number(d)}日`)
    .replace(/(?<![0-9-])([0-9]{4})-([0-9]{2})(?![0-9-])/g, (_m, y: string, m: string) => `${y}年${Number(m)}月`);
}

export const programmeSummary = (id: ProgrammeId): string => summaries[id] ?? '';

/** The money a programme's parameters name, and how to say them. */
const amountNames: Record<string, string> = {
  amount: '标准',
  amountDeath: '独生子女死亡家庭',
  amountDisability: '独生子女伤残家庭',
  premium: '保险费',
  shareOfRewardAssistance: '加发比例（按区奖励扶助标准计算）',
};

const MONEY_UNITS = new Set(['yuan/month', 'yuan/once', 'percent']);

export interface AmountStep {
  value: number;
  /** YYYY-MM-DD */
  from: string;
}

export interface AmountLine {
  /** The parameter's name (amount, amountDeath…). */
  name: string;
  unit: 'yuan/month' | 'yuan/once' | 'percent';
  /** In force on the date, or null when the programme has not started. */
  current: AmountStep | null;
  /** Changes already decided for later dates, earliest first. */
  coming: AmountStep[];
}

/** The amounts of one programme on `date`: the value in force and every later one already decided. */
export function amountLines(rows: readonly ParameterRow[], programme: ProgrammeId, date: string): AmountLine[] {
  const byName = new Map<string, ParameterRow[]>();
  for (const row of rows) {
    if (row.programme !== programme || !MONEY_UNITS.has(row.unit) || typeof row.value !== 'number') continue;
    byName.set(row.name, [...(byName.get(row.name) ?? []), row]);
  }
  const lines: AmountLine[] = [];
  for (const [name, list] of byName) {
    const sorted = [...list].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    const past = sorted.filter((r) => r.effectiveFrom <= date);
    const last = past[past.length - 1];
    lines.push({
      name,
      unit: (last ?? sorted[0])?.unit as AmountLine['unit'],
      current: last === undefined ? null : { value: last.value as number, from: last.effectiveFrom },
      coming: sorted.filter((r) => r.effectiveFrom > date).map((r) => ({ value: r.value as number, from: r.effectiveFrom })),
    });
  }
  return lines;
}

/** "每人每月 80 元" / "100 元（一次性）" / "100%". */
export function amountWords(unit: AmountLine['unit'], value: number): string {
  if (unit === 'yuan/month') return `每人每月 ${value} 元`;
  if (unit === 'yuan/once') return `${value} 元（一次性）`;
  return `${value}%`;
}

function amountItem(line: AmountLine): string {
  const label = amountNames[line.name] ?? '标准';
  const now = line.current === null ? '尚未实施' : `${amountWords(line.unit, line.current.value)}（自${chineseDate(line.current.from)}起执行）`;
  let previous = line.current?.value;
  const coming = line.coming.map((c) => {
    const words =
      previous === c.value
        ? `自${chineseDate(c.from)}起继续按${amountWords(line.unit, c.value)}执行`
        : `自${chineseDate(c.from)}起调整为${amountWords(line.unit, c.value)}`;
    previous = c.value;
    return `<li><strong>${esc(words)}</strong></li>`;
  });
  return `<li>${esc(label)}：${esc(now)}${coming.length > 0 ? `<ul>${coming.join('')}</ul>` : ''}</li>`;
}

export interface PolicyView {
  programme: ProgrammeDescription;
  amounts: AmountLine[];
  /** The business date the amounts are read on. */
  date: string;
  /** Days of the village and of the township notice, when configured. */
  noticeDays: { village: number | null; township: number | null };
}

/** The list of programmes, each with its one-line summary. */
export function policiesMain(programmes: readonly ProgrammeDescription[], script: Script): string {
  const items = programmes.map(
    (p) => `<li><h2><a href="${esc(portalHref(policyPath(p.id), script))}">${esc(p.name)}</a></h2><p>${esc(programmeSummary(p.id))}</p></li>`,
  );
  return `<h1>政策解读</h1>
<p>以下是本区创建幸福家庭活动中的奖励扶助政策。每项政策的条件和标准按现行规定列出；想知道自己的家庭是否可能符合，可以使用<a href="${esc(portalHref('/portal/self-check', script))}">资格自测</a>。</p>
<ul class="policy-list">${items.join('')}</ul>`;
}

function howToApply(v: PolicyView): string {
  const days = (n: number | null) => (n === null ? '' : ` ${n} 天`);
  const steps = [
    '本人向户籍所在村（居）委会提出申请，村级专干登记；也可以先到所在乡镇（街道）计生办咨询。',
    `村（居）委会审议后在村内公示${days(v.noticeDays.village)}。`,
    `乡镇（街道）计生办审核后公示${days(v.noticeDays.township)}。`,
    '区创建幸福家庭活动领导小组办公室审批后公布，按规定发放。',
  ];
  const who = v.programme.fundedBy === 'health-bureau' ? '<p>本项补助由区卫生局负责发放，办理时请向村（居）委会或乡镇（街道）计生办咨询具体手续。</p>' : '';
  return `<section aria-labelledby="apply-heading">
<h2 id="apply-heading">怎样申请</h2>
${who}<ol>${steps.map((s) => `<li>${esc(s)}</li>`).join('')}</ol>
<p>请携带户口簿、居民身份证、结婚证（或离婚、丧偶证明），以及与条件有关的证明材料（如《独生子女父母光荣证》、子女死亡或伤残的证明），具体以村（居）委会和乡镇（街道）计生办的要求为准。</p>
<p>公示期内，任何人对公示对象有异议的，可以向村（居）委会或乡镇（街道）计生办反映。</p>
</section>`;
}

/** One programme's page. */
export function policyMain(v: PolicyView, script: Script): string {
  const p = v.programme;
  const amounts = v.amounts.length === 0 ? '<p class="muted">暂无标准。</p>' : `<ul>${v.amounts.map(amountItem).join('')}</ul>`;
  const conditions = p.conditions.map((c) => `<li>${esc(c.label)}</li>`).join('');
  return `<article class="policy">
<h1>${esc(p.name)}</h1>
<p>${esc(programmeSummary(p.id))}</p>
<dl class="facts">
<dt>资金来源</dt><dd>${esc(fundingWords[p.fundedBy])}</dd>
<dt>发放方式</dt><dd>${p.period === 'month' ? '按月发放' : '一次性发放'}</dd>
<dt>政策依据</dt><dd>${esc(p.basis)}</dd>
</dl>
<section aria-labelledby="conditions-heading">
<h2 id="conditions-heading">享受条件</h2>
<p>以下条件须同时符合：</p>
<ol>${conditions}</ol>
</section>
<section aria-labelledby="amount-heading">
<h2 id="amount-heading">标准</h2>
<p>截至${esc(chineseDate(v.date))}执行的标准：</p>
${amounts}
</section>
${howToApply(v)}
<p><a href="${esc(portalHref('/portal/self-check', script))}">资格自测：看看您的家庭是否可能符合</a></p>
<p><a href="${esc(portalHref('/portal/policies', script))}">返回政策解读</a></p>
</article>`;
}
