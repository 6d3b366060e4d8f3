/**
 * The beneficiaries' public notices (公示) running on the business date, as the database gives them
 * masked: grouped by township and stage, with how to object and until when. Nothing else of a
 * person is ever shown. Pure: plain values in, HTML out, in Simplified Chinese.
 */
import { chineseDate, esc } from './html.ts';

export interface NoticeLine {
  stage: 'village' | 'township';
  township: string;
  village: string;
  maskedName: string;
  /** The programme in words. */
  programme: string;
  /** YYYY-MM-DD */
  noticeFrom: string;
  noticeUntil: string;
}

const stageWords = { village: '村级公示', township: '乡镇公示' } as const;
const objectTo = { village: '所在村（居）委会', township: '乡镇（街道）计生办' } as const;

interface Group {
  township: string;
  stage: NoticeLine['stage'];
  lines: NoticeLine[];
}

/** Lines grouped by township (in the order given), then stage (village first). */
export function groupNotices(lines: readonly NoticeLine[]): Group[] {
  const groups: Group[] = [];
  const byKey = new Map<string, Group>();
  for (const line of lines) {
    const key = `${line.township}\u0000${line.stage}`;
    let g = byKey.get(key);
    if (g === undefined) {
      g = { township: line.township, stage: line.stage, lines: [] };
      byKey.set(key, g);
      groups.push(g);
    }
    g.lines.push(line);
  }
  const townships = [...new Set(groups.map((g) => g.township))];
  return groups.sort((a, b) => townships.indexOf(a.township) - townships.indexOf(b.township) || (a.stage === b.stage ? 0 : a.stage === 'village' ? -1 : 1));
}

function table(g: Group, id: string): string {
  const rows = g.lines.map(
    (l) =>
      `<tr><td>${esc(l.maskedName)}</td><td>${esc(l.village)}</td><td>${esc(l.programme)}</td><td>${esc(chineseDate(l.noticeFrom))}至${esc(chineseDate(l.noticeUntil))}</td></tr>`,
  );
  const latest = g.lines.reduce((max, l) => (l.noticeUntil > max ? l.noticeUntil : max), '');
  return `<section aria-labelledby="${id}">
<h3 id="${id}">${esc(stageWords[g.stage])}</h3>
<div class="table-wrap"><table>
<caption>${esc(g.township)}${esc(stageWords[g.stage])}名单（共 ${g.lines.length} 人）</caption>
<thead><tr><th scope="col">姓名</th><th scope="col">村（居）</th><th scope="col">项目</th><th scope="col">公示期</th></tr></thead>
<tbody>${rows.join('')}</tbody>
</table></div>
<p>对以上人员有异议的，请在各自公示期内（最迟至${esc(chineseDate(latest))}）向${esc(objectTo[g.stage])}实名反映，并说明理由。</p>
</section>`;
}

/** The notices page; `date` is the business date the notices run on. */
export function noticesMain(lines: readonly NoticeLine[], date: string): string {
  const intro = `<h1>公示公告</h1>
<p>按照奖励扶助对象“申请、村审议并公示、乡镇审核并公示、区审批并公布”的程序，以下是${esc(chineseDate(date))}正在公示的人员。为保护个人信息，姓名只显示首尾字。</p>`;
  if (lines.length === 0) return `${intro}\n<p class="notice">目前没有正在进行的公示。</p>`;
  const groups = groupNotices(lines);
  const out: string[] = [intro];
  let township = '';
  groups.forEach((g, i) => {
    if (g.township !== township) {
      if (township !== '') out.push('</section>');
      township = g.township;
      out.push(`<section aria-labelledby="township-${i}">\n<h2 id="township-${i}">${esc(g.township)}</h2>`);
    }
    out.push(table(g, `stage-${i}`));
  });
  out.push('</section>');
  return out.join('\n');
}
