/**
 * The self-check's pages: the form (filled in again, with what to correct above it) and the result
 * of the office's engine, each programme with every condition met or not in words, the amount and
 * how to apply. Pure: plain values in, HTML out, in Simplified Chinese.
 */
import type { ProgrammeResult } from '../benefits/types.ts';
import { chineseDate, esc } from './html.ts';
import { portalHref } from './layout.ts';
import { policyPath, plainWords } from './policyPages.ts';
import { CHILD_ROWS, type SelfCheckValues, type Township } from './selfCheck.ts';
import type { Script } from './script.ts';

const PATH = '/portal/self-check';

function select(name: string, label: string, value: string | undefined, options: readonly [string, string][], hint = ''): string {
  const opts = options.map(([v, text]) => `<option value="${esc(v)}"${v === (value ?? '') ? ' selected' : ''}>${esc(text)}</option>`).join('');
  return `<label for="f-${name}">${esc(label)}${hint}</label><select id="f-${name}" name="${name}">${opts}</select>`;
}

function dateInput(name: string, label: string, value: string | undefined, type: 'date' | 'month' = 'date'): string {
  const example = type === 'date' ? '例如 1950-03-01' : '例如 2011-11';
  return `<label for="f-${name}">${esc(label)}（${example}）</label><input type="${type}" id="f-${name}" name="${name}" value="${esc(value ?? '')}">`;
}

function checkbox(name: string, label: string, value: string | undefined): string {
  return `<label><input type="checkbox" name="${name}"${value === 'on' ? ' checked' : ''}> ${esc(label)}</label>`;
}

const SEXES: [string, string][] = [
  ['', '请选择'],
  ['F', '女'],
  ['M', '男'],
];
const HUKOU: [string, string][] = [
  ['rural', '农业户口'],
  ['urban', '非农业户口'],
];
const GRADES: [string, string][] = [
  ['', '无伤残'],
  ['1', '一级'],
  ['2', '二级'],
  ['3', '三级'],
  ['4', '四级'],
];

function childRow(n: number, v: SelfCheckValues): string {
  const f = (x: string) => `c${n}${x}`;
  return `<fieldset>
<legend>第 ${n} 个子女（没有可不填）</legend>
${select(f('Sex'), '性别', v[f('Sex')], SEXES)}
${dateInput(f('Birth'), '出生日期', v[f('Birth')])}
${select(f('Alive'), '现在是否健在', v[f('Alive')], [
  ['yes', '健在'],
  ['no', '已去世'],
])}
${dateInput(f('Death'), '去世日期（已去世时填写）', v[f('Death')])}
${select(f('Grade'), '伤病残等级（一级最重）', v[f('Grade')], GRADES)}
${checkbox(f('Adopted'), '依法收养的子女', v[f('Adopted')])}
${checkbox(f('Hospital'), '在医院分娩（住院分娩）', v[f('Hospital')])}
</fieldset>`;
}

/** The form; `errors` (already in words) are listed above it. */
export function selfCheckFormMain(v: SelfCheckValues, townships: readonly Township[], errors: readonly string[], script: Script): string {
  const errorBlock =
    errors.length === 0
      ? ''
      : `<div class="form-errors" role="alert" id="form-errors">
<h2>请修改以下内容后再提交</h2>
<ul>${errors.map((e) => `<li>${esc(e)}</li>`).join('')}</ul>
</div>`;
  return `<h1>资格自测</h1>
<p>回答下面的问题，系统按区里审核时使用的同一套规则，告诉您的家庭可能符合哪些政策。不需要填写姓名和身份证号，填写的内容不会被保存。自测结果仅供参考，能否享受以审核结果为准。</p>
${errorBlock}
${selfCheckForm(v, townships, script)}`;
}

/** The form alone, filled in with `v`. */
function selfCheckForm(v: SelfCheckValues, townships: readonly Township[], script: Script): string {
  const townshipOptions: [string, string][] = [['', '请选择'], ...townships.map((t): [string, string] => [t.code, t.name])];
  return `<form class="self-check" method="post" action="${esc(portalHref(PATH, script))}">
<fieldset>
<legend>查询的月份和户籍</legend>
${dateInput('month', '查询哪个月', v.month, 'month')}
${select('township', '户籍所在乡镇（街道）', v.township, townshipOptions)}
</fieldset>
<fieldset>
<legend>您本人</legend>
${select('sex', '性别', v.sex, SEXES)}
${dateInput('birth', '出生日期', v.birth)}
${select('hukou', '户口性质', v.hukou, HUKOU)}
${select('marital', '婚姻状况', v.marital, [
  ['married', '已婚（夫妻双方）'],
  ['single', '单亲（离婚、丧偶或未婚）'],
])}
</fieldset>
<fieldset>
<legend>配偶（单亲可不填）</legend>
${dateInput('spouseBirth', '配偶出生日期', v.spouseBirth)}
${select('spouseHukou', '配偶户口性质', v.spouseHukou, HUKOU)}
</fieldset>
${Array.from({ length: CHILD_ROWS }, (_, i) => childRow(i + 1, v)).join('\n')}
<fieldset>
<legend>其他情况</legend>
${checkbox('certificate', '持有《独生子女父母光荣证》', v.certificate)}
${checkbox('outOfPolicy', '1973年至2001年期间有过政策外生育', v.outOfPolicy)}
${checkbox('quotaWaived', '家庭主动退出了二孩生育指标', v.quotaWaived)}
</fieldset>
<p><button type="submit">开始自测</button></p>
</form>`;
}

export interface SelfCheckResultView {
  /** The evaluated day, YYYY-MM-DD. */
  date: string;
  /** What was entered, to change and check again. */
  values: SelfCheckValues;
  townshipList: readonly Township[];
  results: readonly ProgrammeResult[];
  names: ReadonlyMap<string, string>;
  townships: ReadonlyMap<string, string>;
}

function amount(r: ProgrammeResult): string {
  if (!r.eligible) return '';
  return r.period === 'once' ? `，一次性 ${r.onceAmount} 元` : `，每月 ${r.monthlyAmount} 元`;
}

function parentResult(r: ProgrammeResult, v: SelfCheckResultView): string {
  const who = r.parent === 0 ? '您本人' : '您的配偶';
  const verdict = r.eligible ? '<strong class="result-met">可能符合</strong>' : '<strong class="result-unmet">不符合</strong>';
  const conditions = r.conditions.map(
    (c) =>
      `<li><span class="${c.met ? 'result-met' : 'result-unmet'}">${c.met ? '✓ 符合' : '✗ 不符合'}</span>：${esc(plainWords(c.label, v.townships))}<br><span class="muted">${esc(plainWords(c.detail, v.townships))}</span></li>`,
  );
  return `<h3>${who}：${verdict}${esc(amount(r))}</h3>
<ul class="conditions">${conditions.join('')}</ul>`;
}

/** The result page: each programme, each parent, every condition. */
export function selfCheckResultMain(v: SelfCheckResultView, script: Script): string {
  const order: string[] = [];
  for (const r of v.results) if (!order.includes(r.programme)) order.push(r.programme);
  const sections = order.map((id, i) => {
    const rs = v.results.filter((r) => r.programme === id);
    const any = rs.some((r) => r.eligible);
    return `<section aria-labelledby="programme-${i}" class="card">
<h2 id="programme-${i}">${esc(v.names.get(id) ?? id)}：${any ? '可能符合' : '不符合'}</h2>
${rs.map((r) => parentResult(r, v)).join('\n')}
<p><a href="${esc(portalHref(policyPath(id), script))}">这项政策的条件、标准和申请方法</a></p>
</section>`;
  });
  return `<h1>资格自测结果</h1>
<p>按${esc(chineseDate(v.date))}执行的规则和标准计算。结果仅供参考，能否享受以村、乡镇审核公示和区审批的结果为准；可能符合的，请向户籍所在村（居）委会或乡镇（街道）计生办申请。您填写的内容没有保存。</p>
${sections.join('\n')}
<section aria-labelledby="again-heading">
<h2 id="again-heading">修改填写的内容，重新自测</h2>
${selfCheckForm(v.values, v.townshipList, script)}
<p><a href="${esc(portalHref(PATH, script))}">清空，重新填写</a></p>
</section>`;
}
