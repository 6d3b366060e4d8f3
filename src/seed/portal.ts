/**
 * The demo portal: the district's own 2011 report as its first article (in Traditional, as the
 * original page was published, dated 2011-11-30, with the view count it showed), and a few more
 * campaign news items — each written by the office, approved by a second person and signed, as
 * the app does it. Seeded once, only when this process has the portal's signing key.
 */
import fs from 'node:fs';
import { contentHash } from '../core/portal/canonical.ts';
import { esc } from '../core/portal/html.ts';
import type { Script } from '../core/portal/script.ts';
import type { Database, Queryable } from '../db/types.ts';
import * as q from '../modules/portal/queries.ts';
import { currentSigner, hasPortalKey } from '../modules/portal/signing.ts';

interface DemoArticle {
  title: string;
  paragraphs: string[];
  script: Script;
  publishedOn: string;
  views: number;
}

/** Section headings of the report ("一、…") become headings; the rest stay paragraphs. */
function bodyHtml(paragraphs: readonly string[]): string {
  return paragraphs.map((p) => (/^[一二三四五六七八九十]+、/.test(p) ? `<h2>${esc(p)}</h2>` : `<p>${esc(p)}</p>`)).join('\n');
}

function report(): DemoArticle {
  const [title, ...paragraphs] = fs
    .readFileSync(new URL('./data/report-2011.txt', import.meta.url), 'utf8')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return { title: title as string, paragraphs, script: 'hant', publishedOn: '2011-11-30', views: 3165 };
}

const news: readonly DemoArticle[] = [
  {
    title: '区创建幸福家庭活动领导小组召开第四季度成员单位工作会',
    paragraphs: [
      '11月18日，区创建幸福家庭活动领导小组召开第四季度成员单位工作会，19个成员单位分管领导和通讯员参加会议。',
      '会议通报了各成员单位1至10月创建工作进展和月报报送情况，对督办事项逐项进行了梳理，部署了年底前的重点工作：做好奖励扶助、特别扶助资金年度发放，推进儿童早期发展指导，开展“关爱贫困母亲送温暖”活动。',
      '会议要求各成员单位按月报送工作进展，确保信息及时、准确，为领导小组定期通报提供依据。',
    ],
    script: 'hans',
    publishedOn: '2011-11-21',
    views: 412,
  },
  {
    title: '我区2011年度计划生育奖励扶助金、特别扶助金发放到位',
    paragraphs: [
      '截至10月底，我区2011年度农村部分计划生育家庭奖励扶助金和计划生育家庭特别扶助金已全部发放到位。',
      '今年全区共有5467人享受奖励扶助，每人每月80元；548人享受特别扶助。奖励扶助金、特别扶助金全部通过银行直接发放到扶助对象个人账户，并在村、乡镇街两级张榜公示，接受群众监督。',
      '符合条件的家庭可向户籍所在地村（居）委会提出申请，也可在本网站“资格自测”栏目先行了解是否符合条件。',
    ],
    script: 'hans',
    publishedOn: '2011-10-31',
    views: 1287,
  },
  {
    title: '区早期教育指导中心开展婴幼儿生长发育测评',
    paragraphs: [
      '10月下旬，区早期教育指导中心为在园婴幼儿开展生长发育测评，测量身长、体重、头围，并对照世界卫生组织儿童生长标准进行评价。',
      '对测评中发现生长偏离的儿童，中心教师与家长逐一沟通，给出喂养和养育建议，并安排复测。',
    ],
    script: 'hans',
    publishedOn: '2011-10-28',
    views: 536,
  },
];

async function seedArticle(tx: Queryable, district: string, a: DemoArticle): Promise<void> {
  const id = await q.insertArticle(tx, district, 'office');
  const revision = { title: a.title, bodyHtml: bodyHtml(a.paragraphs), script: a.script, publishedOn: a.publishedOn, note: null };
  const at = new Date(`${a.publishedOn}T00:00:00+08:00`);
  await q.insertRevision(tx, district, id, 1, revision, 'office', at);
  await q.markSubmitted(tx, id, 1, 'office', at);
  const hash = contentHash({ district, articleId: id, number: 1, ...revision });
  const signer = currentSigner();
  await q.markApproved(tx, id, 1, { by: 'office.finance', at, contentHash: hash, signature: signer.sign(hash), keyId: signer.keyId });
  await q.setPublished(tx, id, 1, at);
  await q.setViewCount(tx, id, a.views);
}

export async function seedPortal(db: Database, district: string): Promise<void> {
  if (!hasPortalKey()) return;
  await db.transaction(async (tx) => {
    if (await q.hasArticles(tx, district)) return;
    for (const a of [report(), ...news]) await seedArticle(tx, district, a);
  });
}
