/**
 * The demo district's coordination in 2011: the implementation plan and its responsibilities, the
 * indicators each member department reports, twelve monthly reports per department whose year
 * totals are the report's figures (agri-tech 500+ consultations, 192,000 copies, 460,000
 * trainings; forestry 1,500 households, 4,000 trainings, 510,000 saplings; 1,416 students aided;
 * 300+ poor mothers helped), a few late, one missing and one returned; the leading group's meetings
 * with minutes and action items, notices with receipts, and the bulletins issued so far.
 * Deterministic (seeded), and skipped when the district already has coordination data.
 */
import { bulletinNumber, bulletinWording } from '../core/coordination/bulletin.ts';
import { addMonths } from '../core/calendar.ts';
import { monthsOfYear, parsePeriod, type Period } from '../core/coordination/periods.ts';
import type { Database, Queryable } from '../db/types.ts';
import { appendAudit } from '../modules/audit/log.ts';
import { bulletinContent } from '../modules/coordination/bulletins.ts';
import { insertMeetings } from './coordinationMeetings.ts';
import { ALL, LATE_MEMBER, membersOn, quoted } from './coordinationMembers.ts';
import { Random } from './random.ts';

export { LATE_MEMBER } from './coordinationMembers.ts';
import { departments } from './wuqing.ts';

const YEAR = 2011;
/**
 * The demo lives on the report's own date, 2011-11-30 (src/core/clock.ts). By then January to
 * October had been filed and accepted (October's reports were due on 5 November), and the report's
 * figures are theirs; November's reports are due on 5 December and a few departments filed early.
 */
const ACCEPTED_MONTHS = 10;
const LAST_MONTH = `${YEAR}-11`;
/** November's reports by the demo's date: submitted early and awaiting review, or saved as a draft. */
const NOVEMBER: Record<string, { status: 'submitted' | 'draft'; day: number }> = {
  forestry: { status: 'submitted', day: 28 },
  women: { status: 'submitted', day: 26 },
  finance: { status: 'submitted', day: 29 },
  education: { status: 'submitted', day: 29 },
  'agri-tech': { status: 'draft', day: 29 },
};

interface IndicatorSeed {
  code: string;
  name: string;
  unit: string;
  aggregation: 'sum' | 'last' | 'max';
  departments: readonly string[];
  /** The year's total to reproduce (sum indicators), or the monthly range. */
  total?: number;
  range?: [number, number];
}

export const demoIndicators: readonly IndicatorSeed[] = [
  { code: 'agri_consultations', name: '农民电话及入户咨询', unit: '人次', aggregation: 'sum', departments: ['agri-tech'], total: 516 },
  { code: 'agri_materials', name: '发放技术资料', unit: '份', aggregation: 'sum', departments: ['agri-tech'], total: 192_000 },
  { code: 'agri_trainings', name: '培训农民技术骨干', unit: '人次', aggregation: 'sum', departments: ['agri-tech'], total: 460_000 },
  { code: 'forestry_households', name: '服务造林大户', unit: '户', aggregation: 'sum', departments: ['forestry'], total: 1_500 },
  { code: 'forestry_trainings', name: '林业实用技术培训', unit: '人次', aggregation: 'sum', departments: ['forestry'], total: 4_000 },
  { code: 'forestry_saplings', name: '为计生家庭提供苗木', unit: '株', aggregation: 'sum', departments: ['forestry'], total: 510_000 },
  { code: 'health_delivery_subsidies', name: '发放住院分娩补助', unit: '人', aggregation: 'sum', departments: ['health'], total: 2_684 },
  { code: 'health_lectures', name: '妇儿保健知识讲座', unit: '场', aggregation: 'sum', departments: ['health'], total: 96 },
  { code: 'health_checkups', name: '免费健康检查', unit: '人次', aggregation: 'sum', departments: ['health'], total: 12_460 },
  { code: 'health_volunteers', name: '在册志愿者', unit: '人', aggregation: 'last', departments: ['health'], range: [60, 90] },
  { code: 'student_aid_students', name: '"阳光工程"资助贫困学生', unit: '人', aggregation: 'sum', departments: ['population'], total: 1_416 },
  { code: 'student_aid_donations', name: '"阳光工程"接受社会捐款', unit: '元', aggregation: 'sum', departments: ['population'], total: 573_600 },
  { code: 'poor_mothers', name: '帮扶贫困母亲', unit: '人', aggregation: 'sum', departments: ['women'], total: 312 },
  { code: 'elderly_care', name: '敬老院服务老人', unit: '人次', aggregation: 'sum', departments: ['civil-affairs'], range: [80, 260] },
  { code: 'employment_trainings', name: '计生家庭就业技能培训', unit: '人次', aggregation: 'sum', departments: ['hrss'], range: [60, 400] },
  { code: 'legal_aid', name: '计生家庭法律援助', unit: '件', aggregation: 'sum', departments: ['justice'], range: [3, 18] },
  { code: 'disabled_rehab', name: '残疾人康复服务', unit: '人次', aggregation: 'sum', departments: ['disabled'], range: [40, 180] },
  { code: 'publicity_events', name: '开展宣传倡导活动', unit: '场次', aggregation: 'sum', departments: ALL, range: [1, 9] },
  { code: 'people_served', name: '服务群众', unit: '人次', aggregation: 'sum', departments: ALL, range: [120, 2400] },
];

const demoRules = [
  {
    left: 'forestry_trainings',
    operator: '<=',
    right: 'forestry_households',
    factor: 10,
    message: '林业实用技术培训人次不应超过服务造林大户数的 10 倍，请核实',
  },
  { left: 'agri_materials', operator: '<=', right: 'agri_trainings', factor: 1, message: '发放技术资料份数不应多于培训人次，请核实' },
  { left: 'health_checkups', operator: '<=', right: 'people_served', factor: 1, message: '免费健康检查人次是服务群众人次的一部分，不应超过它' },
] as const;

/** What each department does, in the words its liaison would use. */
const work: Record<string, readonly string[]> = {
  population: [
    '牵头组织各成员单位推进创建工作，汇总月度进展',
    '会同区妇联开展"阳光工程"助学活动，审核受助学生名单',
    '为主动退掉二胎指标的家庭办理计划生育养老保险',
  ],
  health: ['落实农村计划生育家庭孕产妇住院分娩补助', '组织254医院志愿者开展妇儿保健知识讲座和健康检查', '区中医院志愿者服务队到敬老院为老人免费体检'],
  finance: ['落实儿童早期发展指导中心启动资金和奖扶、特扶资金', '按月拨付奖励扶助和特别扶助资金', '开展计生惠民资金使用情况检查'],
  'civil-affairs': ['将符合条件的计生困难家庭优先纳入低保和临时救助', '组织敬老院开展"共建和谐家园"志愿服务'],
  education: ['核对"阳光工程"受助学生学籍信息', '与早教指导中心合作研讨儿童早期发展课程设计'],
  'agri-tech': ['深化"心系农民、守护丰收"特色服务品牌创建', '接受农民电话咨询和入户咨询', '编印发放农业实用技术资料，培训农民技术骨干'],
  forestry: ['为造林大户提供苗木栽培、管理管护等技术服务', '开展林业实用技术培训', '为计生家庭提供优质苗木'],
  women: ['开展"关爱贫困母亲送温暖"活动，走访慰问困难母亲', '联合区人口计生委开展"阳光工程"助学活动'],
  propaganda: ['在区电视台、《武清报》开设创建幸福家庭专栏', '宣传报道创建活动中的典型家庭'],
  civilisation: ['将幸福家庭创建纳入文明村镇、文明家庭评选内容', '组织开展"五好文明家庭"推荐评选'],
  hrss: ['为计生家庭成员提供就业技能培训和岗位推荐', '落实计生家庭参加城乡居民养老保险的优先政策'],
  'public-security': ['配合开展出生人口信息核对', '为计生困难家庭办理户籍业务开辟绿色通道'],
  statistics: ['协助建立幸福家庭创建指标统计口径', '提供人口与家庭发展相关统计数据'],
  culture: ['组织"幸福家庭"文艺演出进村入户', '在农家书屋配送家庭保健和致富类图书'],
  'youth-league': ['组织青年志愿者开展关爱留守儿童活动', '开展青年婚育新风宣传'],
  'trade-union': ['对计生困难职工家庭开展帮扶', '在企业开展婚育新风进职工家庭活动'],
  disabled: ['为计生家庭残疾人提供康复服务', '落实计生家庭残疾人辅助器具适配'],
  justice: ['为计生家庭提供法律咨询和法律援助', '开展婚姻家庭法律知识宣传'],
  agriculture: ['在农村实用人才培训中优先安排计生家庭', '扶持计生家庭发展设施农业和特色养殖'],
};

const problems = [
  '部分村（居）宣传阵地更新不及时，群众知晓率有待提高',
  '基层工作人员力量不足，入户服务覆盖面有限',
  '部分项目资金到位较晚，影响活动进度',
  '与相关部门的信息共享机制尚不完善，数据核对耗时较长',
  '部分计生家庭对优惠政策了解不够，主动申请的积极性不高',
];

/** Splits the figure of the report into the accepted months (January to October) with seasonal weights; the months add up exactly. */
function split(total: number, random: Random, seasonal: boolean, months = ACCEPTED_MONTHS): number[] {
  const weights = Array.from({ length: months }, (_, i) => (seasonal ? 0.6 + Math.sin(((i + 1) / 12) * Math.PI) : 1) * (0.8 + random.next() * 0.4));
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  parts[months - 1] = (parts[months - 1] as number) + total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

/** Department-months that reached the office after the due day (submission day of the next month). */
const LATE: Record<string, number> = {
  'statistics|2011-03': 9,
  'justice|2011-05': 8,
  'trade-union|2011-08': 12,
  'culture|2011-09': 7,
  'youth-league|2011-10': 11,
  'public-security|2011-10': 10,
};
/** Never filed (October's report, due on 5 November: overdue on the demo's date). */
const MISSING = new Set(['trade-union|2011-10']);
/** Returned for correction and not yet resubmitted. */
const RETURNED = { key: 'culture|2011-10', comment: quoted('"幸福家庭"文艺演出场次与所附活动照片清单不一致，请核实后重新报送。') };
/** Returned once, then corrected and accepted. */
const CORRECTED = { key: 'agri-tech|2011-06', comment: '培训人次较上月增幅过大，请补充说明培训方式（集中培训或广播电视培训）后重新报送。' };

const at = (date: string, hour: number, minute = 0): string => `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`;
const monthDay = (month: string, day: number): string => `${month}-${String(day).padStart(2, '0')}`;

/** The plan's responsibilities: area, title, description, departments (the lead first), progress. */
const responsibilities: [string, string, string, string[], string][] = [
  [
    'civility',
    '婚育新风宣传倡导',
    '利用广播电视、报刊和宣传阵地开展婚育新风、家庭美德宣传，营造创建氛围。',
    ['propaganda', 'population', 'culture', 'youth-league'],
    'in_progress',
  ],
  ['civility', '文明家庭评选', '将幸福家庭创建纳入文明村镇、文明家庭评选，推荐评选"五好文明家庭"。', ['civilisation', 'women'], 'in_progress'],
  ['civility', '法律知识进家庭', '开展婚姻家庭法律知识宣传，为计生家庭提供法律咨询和援助。', ['justice'], 'done'],
  ['health', '住院分娩补助', '对全区农村计划生育家庭孕产妇住院分娩给予每人100元补助。', ['health', 'finance'], 'done'],
  ['health', '健康促进志愿服务', '吸收254医院、区中医院志愿者开展妇儿保健讲座、健康检查和敬老院服务。', ['health', 'civil-affairs'], 'in_progress'],
  ['eugenics', '儿童早期发展指导', '建成380平方米的儿童早期发展指导中心，编写亲子活动方案，建立宝宝成长档案。', ['population', 'education', 'finance'], 'done'],
  ['eugenics', '出生人口信息核对', '按月核对出生人口信息，保证奖扶、特扶对象资格准确。', ['public-security', 'population', 'statistics'], 'in_progress'],
  ['prosperity', '农业技术帮扶', '深化"心系农民、守护丰收"服务品牌，为计生家庭提供技术咨询、资料和培训。', ['agri-tech', 'agriculture'], 'in_progress'],
  ['prosperity', '林业技术服务和苗木支持', '为造林大户提供技术服务，开展林业实用技术培训，为计生家庭提供苗木。', ['forestry'], 'done'],
  ['prosperity', '就业技能培训', '为计生家庭成员提供就业技能培训、岗位推荐和创业扶持。', ['hrss', 'trade-union'], 'in_progress'],
  ['prosperity', '奖励扶助标准提高', '将农村部分计生家庭奖励扶助标准由每人每月60元提高到80元。', ['finance', 'population'], 'done'],
  ['dedication', '关爱贫困母亲', '开展"关爱贫困母亲送温暖"活动，为300余名困难母亲提供帮助。', ['women', 'population'], 'done'],
  ['dedication', '"阳光工程"助学', '接受社会捐款资助贫困学生。', ['population', 'women', 'education'], 'in_progress'],
  ['dedication', '计生家庭残疾人康复', '为计生家庭残疾人提供康复服务和辅助器具。', ['disabled', 'civil-affairs'], 'planned'],
];

async function insertConfiguration(tx: Queryable, district: string): Promise<void> {
  await tx.query(
    `INSERT INTO coord_setting (district_code, due_day, reminder_days, document_prefix, issuer) VALUES ($1, 5, 3, '武清幸福家庭办', '武清区创建幸福家庭活动领导小组办公室')`,
    [district],
  );
  await tx.query('UPDATE department SET active_from = $3 WHERE district_code = $1 AND code = $2', [district, LATE_MEMBER.code, LATE_MEMBER.activeFrom]);
  for (const [i, indicator] of demoIndicators.entries()) {
    await tx.query(
      `INSERT INTO coord_indicator (district_code, code, name, unit, aggregation, integer_only, sort_order) VALUES ($1, $2, $3, $4, $5, true, $6)`,
      [district, indicator.code, quoted(indicator.name), indicator.unit, indicator.aggregation, i + 1],
    );
    for (const department of indicator.departments) {
      await tx.query('INSERT INTO coord_indicator_department (district_code, indicator_code, department_code) VALUES ($1, $2, $3)', [
        district,
        indicator.code,
        department,
      ]);
    }
  }
  for (const rule of demoRules) {
    await tx.query('INSERT INTO coord_rule (district_code, left_code, operator, right_code, factor, message) VALUES ($1, $2, $3, $4, $5, $6)', [
      district,
      rule.left,
      rule.operator,
      rule.right,
      rule.factor,
      rule.message,
    ]);
  }
  await tx.query(`INSERT INTO coord_plan (district_code, year, title, doc_number, issued_on, goals, measures) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
    district,
    YEAR,
    '武清区创建幸福家庭活动实施方案及职责分工',
    '武清党办发〔2011〕26号',
    '2011-06-08',
    quoted(
      '坚持"党委领导、政府负责、社会协同、公众参与"的原则，围绕"文明、健康、优生、致富、奉献"五方面内容，以城乡家庭尤其是计划生育家庭为对象，因地制宜、分类指导、试点引路、典型带动，确保创建幸福家庭活动高标准、高起步。',
    ),
    '一是建立部门联动机制，明确19个成员单位职责分工；二是建立资源共享机制，各部门政策向计划生育家庭倾斜；三是建立信息联络制度，各单位确定一名通讯员，每月报送工作进展情况、工作内容和取得效果；四是建立定期例会制度，通报进展、沟通信息、协调解决问题。',
  ]);
  for (const [i, [area, title, description, owners, status]] of responsibilities.entries()) {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO coord_responsibility (district_code, year, area, title, description, status, sort_order, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'system') RETURNING id`,
      [district, YEAR, area, quoted(title), quoted(description), status, i + 1],
    );
    for (const [position, code] of owners.entries()) {
      await tx.query(
        'INSERT INTO coord_responsibility_department (district_code, responsibility_id, department_code, lead, position) VALUES ($1, $2, $3, $4, $5)',
        [district, (rows[0] as { id: string }).id, code, position === 0, position],
      );
    }
  }
}

/** The monthly values of every department, its totals matching the report's figures. */
function monthlyValues(random: Random): Map<string, Record<string, number>[]> {
  const values = new Map<string, Record<string, number>[]>(ALL.map((code) => [code, Array.from({ length: ACCEPTED_MONTHS + 1 }, () => ({}))]));
  for (const indicator of demoIndicators) {
    for (const department of indicator.departments) {
      const months = values.get(department) as Record<string, number>[];
      // November (filed early, not yet accepted) is a month like the others: not part of the report's figures.
      const series =
        indicator.total !== undefined
          ? [...split(indicator.total, random, indicator.code.startsWith('agri') || indicator.code.startsWith('forestry')), Math.round(indicator.total / 12)]
          : months.map(() => random.int(...(indicator.range as [number, number])));
      series.forEach((v, i) => {
        (months[i] as Record<string, number>)[indicator.code] = v;
      });
    }
  }
  // Health check-ups are part of the people served.
  for (const month of values.get('health') as Record<string, number>[]) {
    month.people_served = (month.people_served ?? 0) + (month.health_checkups ?? 0);
  }
  return values;
}

function effectText(department: string, v: Record<string, number>): string {
  const n = (code: string) => (v[code] ?? 0).toLocaleString('zh-CN');
  const common = `开展宣传倡导活动${n('publicity_events')}场次，服务群众${n('people_served')}人次`;
  const own: Record<string, string> = {
    'agri-tech': `接受农民电话及入户咨询${n('agri_consultations')}人次，发放技术资料${n('agri_materials')}份，培训农民技术骨干${n('agri_trainings')}人次`,
    forestry: `为${n('forestry_households')}个造林大户提供技术服务，林业实用技术培训${n('forestry_trainings')}人次，为计生家庭提供苗木${n('forestry_saplings')}株`,
    health: `发放住院分娩补助${n('health_delivery_subsidies')}人，举办妇儿保健知识讲座${n('health_lectures')}场，免费健康检查${n('health_checkups')}人次`,
    population: `"阳光工程"资助贫困学生${n('student_aid_students')}人，接受社会捐款${n('student_aid_donations')}元`,
    women: `走访帮扶贫困母亲${n('poor_mothers')}人，送去慰问品和慰问金`,
    'civil-affairs': `组织敬老院服务老人${n('elderly_care')}人次`,
    hrss: `开展计生家庭就业技能培训${n('employment_trainings')}人次`,
    justice: `办理计生家庭法律援助${n('legal_aid')}件`,
    disabled: `提供残疾人康复服务${n('disabled_rehab')}人次`,
  };
  return quoted(`${own[department] ? `${own[department]}；` : ''}${common}。`);
}

async function insertReports(tx: Queryable, district: string, random: Random): Promise<void> {
  const values = monthlyValues(random);
  const liaison = (code: string) => `${departments.find((d) => d.code === code)?.shortName ?? code}通讯员`;
  for (const department of departments) {
    for (const [i, month] of monthsOfYear(YEAR)
      .filter((m) => m <= LAST_MONTH)
      .entries()) {
      const key = `${department.code}|${month}`;
      if (MISSING.has(key)) continue;
      const early = month === LAST_MONTH ? NOVEMBER[department.code] : undefined;
      if (month === LAST_MONTH && !early) continue;
      if (department.code === LATE_MEMBER.code && `${month}-01` < LATE_MEMBER.activeFrom) continue;
      const v = values.get(department.code)?.[i] as Record<string, number>;
      const following = addMonths(month, 1);
      const submittedOn = early ? monthDay(month, early.day) : monthDay(following, LATE[key] ?? random.int(1, 5));
      const submittedAt = at(submittedOn, random.int(8, 17), random.int(0, 59));
      const duties = work[department.code] ?? [];
      const monthNo = Number(month.slice(5));
      const progress = quoted(
        `${monthNo}月，${department.shortName}按照《实施方案》职责分工，${duties[i % duties.length] ?? '推进创建工作'}，各项工作按计划推进。`,
      );
      const workText = quoted(duties.map((d, k) => `${k + 1}. ${d}`).join('\n'));
      const problem = random.chance(0.15) ? random.pick(problems) : '';
      const returned = key === RETURNED.key;
      const corrected = key === CORRECTED.key;
      const acceptedOn = monthDay(following, Math.max(LATE[key] ?? 0, 5) + random.int(1, 3) + (corrected ? 4 : 0));
      // Values go in while the report is open; acceptance locks it afterwards.
      const status = returned ? 'returned' : (early?.status ?? 'submitted');
      const draft = status === 'draft';
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO coord_report (district_code, department_code, period, status, progress, work, effect, problems, first_submitted_at,
                                   submitted_at, accepted_at, accepted_by, return_comment, created_by, created_at, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $14, $15) RETURNING id`,
        [
          district,
          department.code,
          `${month}-01`,
          status,
          progress,
          workText,
          effectText(department.code, v),
          problem,
          draft ? null : submittedAt,
          draft ? null : corrected ? at(monthDay(following, 9), 10) : submittedAt,
          returned || early ? null : at(acceptedOn, 15),
          returned || early ? null : 'office',
          returned ? RETURNED.comment : null,
          `liaison.${department.code}`,
          at(monthDay(month, 25), 16),
        ],
      );
      const id = (rows[0] as { id: string }).id;
      for (const [code, value] of Object.entries(v)) {
        await tx.query('INSERT INTO coord_report_value (district_code, report_id, department_code, indicator_code, value) VALUES ($1, $2, $3, $4, $5)', [
          district,
          id,
          department.code,
          code,
          value,
        ]);
      }
      if (!returned && !early) await tx.query(`UPDATE coord_report SET status = 'accepted' WHERE district_code = $1 AND id = $2`, [district, id]);
      const events: [string, string | null, string, string][] = [['saved', null, liaison(department.code), at(monthDay(month, 25), 16)]];
      if (!draft) events.push(['submitted', null, liaison(department.code), submittedAt]);
      if (returned) events.push(['returned', RETURNED.comment, '赵建国（领导小组办公室）', at(monthDay(following, 6), 11)]);
      if (corrected) {
        events.push(['returned', CORRECTED.comment, '赵建国（领导小组办公室）', at(monthDay(following, 6), 11)]);
        events.push(['resubmitted', null, liaison(department.code), at(monthDay(following, 9), 10)]);
      }
      if (!returned && !early) events.push(['accepted', null, '赵建国（领导小组办公室）', at(acceptedOn, 15)]);
      for (const [action, comment, actorName, when] of events) {
        await tx.query(
          'INSERT INTO coord_report_event (district_code, report_id, department_code, action, comment, actor_name, at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [district, id, department.code, action, comment, actorName, when],
        );
      }
    }
  }
}

async function insertNotices(tx: Queryable, district: string, random: Random): Promise<void> {
  const notices = [
    {
      title: '关于建立创建幸福家庭活动信息联络制度的通知',
      sentAt: '2011-06-02T10:00:00+08:00',
      unread: [] as string[],
      body: '各成员单位：\n为及时掌握创建幸福家庭活动进展，经领导小组研究，建立信息联络制度。请各单位确定一名通讯员，于6月10日前报领导小组办公室；自6月起，每月5日前报送上月工作进展情况、工作内容和取得效果。',
    },
    {
      title: '关于报送2011年创建幸福家庭活动工作总结的通知',
      sentAt: '2011-11-28T15:00:00+08:00',
      unread: ['trade-union', 'statistics', 'justice'],
      body: '各成员单位：\n请对照《实施方案及职责分工》，认真总结本单位2011年创建幸福家庭活动开展情况、主要做法、取得成效、存在问题和2012年工作打算，于12月20日前报送领导小组办公室。',
    },
  ];
  for (const n of notices) {
    const { rows } = await tx.query<{ id: string }>(
      'INSERT INTO coord_notice (district_code, title, body, sent_by, sent_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [district, n.title, n.body, '赵建国（领导小组办公室）', n.sentAt],
    );
    for (const code of membersOn(n.sentAt)) {
      const read = !n.unread.includes(code);
      await tx.query(
        `INSERT INTO coord_notice_recipient (district_code, notice_id, department_code, read_at, read_by)
         VALUES ($1, $2, $3, CASE WHEN $4 THEN $5::timestamptz + make_interval(hours => $6::int) END, CASE WHEN $4 THEN $7 END)`,
        [district, (rows[0] as { id: string }).id, code, read, n.sentAt, random.int(1, 40), `${departments.find((d) => d.code === code)?.shortName}通讯员`],
      );
    }
  }
}

/** The bulletins issued in 2011, each computed as it stood on its day of issue. */
async function insertBulletins(tx: Queryable, district: string): Promise<void> {
  const issued: [string, string][] = [
    ['2011-Q2', '2011-07-12'],
    ['2011-Q3', '2011-10-12'],
    ['2011-10', '2011-11-10'],
  ];
  for (const [serial, [code, issuedOn]] of issued.entries()) {
    const period = parsePeriod(code) as Period;
    const content = await bulletinContent(tx, period, Date.parse(`${issuedOn}T09:00:00+08:00`));
    const wording = bulletinWording(period);
    await tx.query(
      `INSERT INTO coord_bulletin (district_code, period, kind, year, title, intro, closing, content, status, serial, number, issued_on,
                                   created_by, created_at, published_by, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'published', $9, $10, $11, 'office', $12, 'office', $12)`,
      [
        district,
        code,
        period.kind,
        period.year,
        wording.title,
        wording.intro,
        wording.closing,
        JSON.stringify(content),
        serial + 1,
        bulletinNumber('武清幸福家庭办', period.year, serial + 1),
        issuedOn,
        `${issuedOn}T09:00:00+08:00`,
      ],
    );
  }
}

/** Seeds the coordination of the demo district; returns false when it was already there. */
export async function seedCoordination(db: Database, district: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const existing = await tx.query('SELECT 1 FROM coord_setting WHERE district_code = $1', [district]);
    if (existing.rows.length > 0) return false;
    const random = new Random(20111130);
    await insertConfiguration(tx, district);
    await insertReports(tx, district, random);
    await insertMeetings(tx, district);
    await insertNotices(tx, district, random);
    // The bulletins read the reports as the office does: this district only, through row-level security.
    const reach = { all: true, townships: [], villages: [], departments: [] };
    await tx.query('SET LOCAL ROLE xingfu_app');
    await tx.query(`SELECT set_config('xingfu.district', $1, true), set_config('xingfu.reach', $2, true)`, [
      district,
      JSON.stringify({ 'org.read': reach, 'coord.read': reach, 'coord.manage': reach }),
    ]);
    await insertBulletins(tx, district);
    await appendAudit(tx, { district, actorId: null, actorUsername: 'system', action: 'system.seed_coordination', entityType: 'district', entityId: district });
    return true;
  });
}
