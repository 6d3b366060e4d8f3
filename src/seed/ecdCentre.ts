/**
 * The district's ECD guidance centre as a live operation today (the 2011 report describes its
 * opening; the archive runs on the real calendar): 380 m² of rooms, the seven teachers (each with a
 * 幼教 college degree or better, three of them signing in), ~120 children aged 1–36 months with
 * their guardians' consent and monthly growth measurements whose WHO z-scores are computed as the
 * ECD service computes them (a few stunted, wasted and overweight children), motor milestones, the
 * starter library of activity plans, eight classes by age with twice-weekly sessions over the past
 * eight weeks (held, with attendance) and the next two (scheduled), and the demo parent's child.
 * Deterministic for a given day (seeded), in one transaction, skipped when the district already
 * has rooms.
 */
import { addDays, daysBetween } from '../core/calendar.ts';
import { randomUUID } from 'node:crypto';
import { lmsAt, loadGrowthTables, type LmsTable } from '../core/growth/tables.ts';
import { DAYS_PER_MONTH, HEIGHT_FROM_DAY, interpolateLms, lmsValueAt } from '../core/growth/zscore.ts';
import type { Database, Queryable, SqlParam } from '../db/types.ts';
import { appendAudit } from '../modules/audit/log.ts';
import { checkMeasurement, zscoresFor, type MeasurementInput } from '../modules/ecd/service.ts';
import { today as businessToday } from '../core/clock.ts';
import type { MilestoneCode } from '../modules/ecd/schemas.ts';
import { starterActivityPlans } from './activityPlans.ts';
import { Random } from './random.ts';

/** The demo parent's (陈静's) child, linked to her account. */
export const DEMO_PARENT_CHILD = '刘梓萌';
const PURPOSE = '儿童生长发育监测与亲子活动指导';

// ---- Dates ----------------------------------------------------------------------------------

const ms = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const at = (date: string, time: string): string => `${date}T${time}:00+08:00`;
/** No classes on the fixed-date public holidays (New Year, Labour Day, National Day weeks). */
const holiday = (date: string): boolean => /-(01-01|05-0[1-5]|10-0[1-7])$/.test(date);

// ---- The centre -----------------------------------------------------------------------------

/** 380 m²; capacity = children (each with a guardian) at once, about 5–6 m² a pair where they move about. */
const rooms = [
  { code: 'act-1', name: '亲子活动室一', area: 64, capacity: 11 },
  { code: 'act-2', name: '亲子活动室二', area: 56, capacity: 10 },
  { code: 'sensory', name: '感统训练室', area: 78, capacity: 12 },
  { code: 'infant', name: '婴儿抚触室', area: 36, capacity: 6 },
  { code: 'music', name: '音乐律动室', area: 46, capacity: 8 },
  { code: 'reading', name: '绘本阅读室', area: 40, capacity: 7 },
  { code: 'assess', name: '生长发育测评室', area: 20, capacity: 2 },
  { code: 'hall', name: '接待大厅（家长课堂）', area: 40, capacity: 7 },
] as const;
type RoomCode = (typeof rooms)[number]['code'];

/** Weekly hours are contact hours in classes; assessments, home visits and parent consultations fill the rest. */
const teachers = [
  { key: 'xu', name: '许文静', username: 'centre.head', qualification: '学前教育专业本科，高级育婴师，中心主任', weeklyHours: 4 },
  { key: 'feng', name: '冯晓雪', username: 'teacher', qualification: '学前教育专业大专，育婴师（四级）', weeklyHours: 4 },
  { key: 'wang', name: '王莉', username: 'wang.li', qualification: '幼儿教育专业大专，育婴师（五级），大碱厂镇村级专干兼职', weeklyHours: 2 },
  { key: 'liu', name: '刘佳', username: null, qualification: '学前教育专业本科，早期教育指导师', weeklyHours: 3 },
  { key: 'zhang', name: '张颖', username: null, qualification: '学前教育专业大专，感觉统合训练指导师', weeklyHours: 3 },
  { key: 'zhao', name: '赵倩', username: null, qualification: '幼儿教育专业大专，育婴师（四级），公共营养师', weeklyHours: 3 },
  { key: 'sun', name: '孙悦', username: null, qualification: '学前教育专业本科，心理咨询师（三级）', weeklyHours: 3 },
] as const;
type TeacherKey = (typeof teachers)[number]['key'];

const classes: { name: string; from: number; to: number; teacher: TeacherKey; room: RoomCode; minutes: number }[] = [
  { name: '0–6月龄亲子班', from: 0, to: 6, teacher: 'liu', room: 'infant', minutes: 40 },
  { name: '6–12月龄亲子班（一）', from: 6, to: 12, teacher: 'feng', room: 'act-2', minutes: 45 },
  { name: '6–12月龄亲子班（二）', from: 6, to: 12, teacher: 'zhao', room: 'music', minutes: 45 },
  { name: '12–18月龄亲子班（一）', from: 12, to: 18, teacher: 'feng', room: 'act-1', minutes: 60 },
  { name: '12–18月龄亲子班（二）', from: 12, to: 18, teacher: 'zhang', room: 'sensory', minutes: 60 },
  { name: '18–24月龄亲子班', from: 18, to: 24, teacher: 'sun', room: 'sensory', minutes: 60 },
  { name: '24–30月龄亲子班', from: 24, to: 30, teacher: 'wang', room: 'act-1', minutes: 60 },
  { name: '30–36月龄亲子班', from: 30, to: 36, teacher: 'xu', room: 'act-2', minutes: 60 },
];

// ---- Children -------------------------------------------------------------------------------

const surnames = '王李张刘赵杨陈孙高马郭于董徐田韩朱胡宋周吴崔曹魏郑冯邢杜石梁何吕霍薛'.split('');
const boyNames = ['子轩', '浩然', '宇航', '梓睿', '沐辰', '一鸣', '俊熙', '奕辰', '皓轩', '铭泽', '嘉佑', '景行', '思远', '承泽', '锦程', '宸宇', '睿哲', '昊天', '明哲', '子墨', '云帆', '家乐', '书恒', '予安', '星宇', '天佑', '知远', '嘉树', '亦凡', '瑞霖'];
const girlNames = ['一诺', '梓萱', '若汐', '语桐', '欣怡', '可馨', '安然', '诗涵', '雨彤', '思语', '梓涵', '沐晴', '芷若', '依依', '心悦', '语嫣', '清欢', '初夏', '星月', '知夏', '书瑶', '念安', '佳怡', '婉清', '紫萱', '晓棠', '乐瑶', '南希', '一然', '诗琪'];
const motherNames = ['丽', '静', '娜', '婷', '晓燕', '雪梅', '海燕', '佳', '颖', '蕾', '丹丹', '玉洁', '春燕', '文娟', '秀丽', '红霞'];
const fatherNames = ['强', '磊', '伟', '鹏', '建新', '海涛', '志刚', '立军', '浩', '宁', '振华', '国庆', '卫东', '永生'];
const grandmotherNames = ['桂兰', '秀英', '玉珍', '淑芬', '凤英', '桂芝', '秀荣', '素梅'];

type Profile = 'normal' | 'stunted' | 'wasted' | 'overweight' | 'withdrawn';

interface Child {
  id: string;
  name: string;
  sex: 'M' | 'F';
  birth: string;
  ageDays: number;
  enrolled: string;
  consent: { by: string; relation: string; at: string };
  profile: Profile;
  parentAccount: boolean;
  attendanceRate: number;
}

const CHILDREN = 120;
/** The WHO windows (1st–99th percentile) and medians, in months. */
const MILESTONES: { code: MilestoneCode; label: string; from: number; median: number; to: number }[] = [
  { code: 'sitting', label: '独坐', from: 3.8, median: 5.9, to: 9.2 },
  { code: 'standing_assisted', label: '扶站', from: 4.8, median: 7.4, to: 11.4 },
  { code: 'crawling', label: '手膝爬行', from: 5.2, median: 8.3, to: 13.5 },
  { code: 'walking_assisted', label: '扶走', from: 5.9, median: 9.0, to: 13.7 },
  { code: 'standing_alone', label: '独站', from: 6.9, median: 10.8, to: 16.9 },
  { code: 'walking_alone', label: '独走', from: 8.2, median: 12.0, to: 17.6 },
];

function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const round = (x: number, step: number): number => Math.round(x / step) * step;
const fixed = (x: number, digits: number): number => Number(x.toFixed(digits));

function makeChildren(today: string, random: Random): Child[] {
  const used = new Set<string>();
  const children: Child[] = [];
  for (let i = 0; i < CHILDREN; i += 1) {
    const parentAccount = i === 0;
    // Ages spread evenly over 1–36 months; the demo parent's daughter is 15 months old.
    const ageDays = parentAccount ? 457 : 31 + Math.floor(((i - 1 + random.next()) * (1095 - 31)) / (CHILDREN - 1));
    const sex: 'M' | 'F' = parentAccount ? 'F' : random.chance(0.52) ? 'M' : 'F';
    let name = DEMO_PARENT_CHILD;
    let surname = '刘';
    while (!parentAccount) {
      surname = random.pick(surnames);
      name = surname + random.pick(sex === 'M' ? boyNames : girlNames);
      if (!used.has(name)) break;
    }
    used.add(name);
    const birth = addDays(today, -ageDays);
    // Enrolled at 2–6 weeks old, or so that 6–18 monthly measurements reach today.
    const months = Math.floor((ageDays - 14) / DAYS_PER_MONTH);
    const span = ageDays < 6 * DAYS_PER_MONTH ? Math.max(0, months) : Math.min(months, random.int(5, 17));
    const chosen = ageDays < 6 * DAYS_PER_MONTH
      ? addDays(birth, Math.min(ageDays - 3, random.int(14, 42)))
      : addDays(today, -Math.max(3, Math.round(span * DAYS_PER_MONTH) + random.int(3, 20)));
    const enrolled = chosen < addDays(birth, 14) ? addDays(birth, 14) : chosen;
    const r = parentAccount ? '母亲' : random.next();
    const relation = typeof r === 'string' ? r : r < 0.6 ? '母亲' : r < 0.82 ? '父亲' : r < 0.92 ? '祖母' : '外祖母';
    const by = parentAccount ? '陈静'
      : relation === '父亲' ? surname + random.pick(fatherNames)
        : relation === '祖母' ? random.pick(surnames) + random.pick(grandmotherNames)
          : random.pick(surnames) + random.pick(relation === '母亲' ? motherNames : grandmotherNames);
    children.push({
      id: randomUUID(), name, sex, birth, ageDays, enrolled, profile: 'normal', parentAccount,
      consent: { by, relation, at: at(enrolled, `${String(random.int(8, 11)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}`) },
      attendanceRate: clamp(0.86 + gaussian(random) * 0.07, 0.6, 0.98),
    });
  }
  // The story's exceptions, among children with a long enough archive.
  const long = children.filter((c) => !c.parentAccount && daysBetween(c.enrolled, today) > 200 && c.ageDays > 300);
  const take = (n: number, profile: Profile) => {
    for (let k = 0; k < n; k += 1) {
      const pool = long.filter((c) => c.profile === 'normal');
      random.pick(pool).profile = profile;
    }
  };
  take(4, 'stunted');
  take(3, 'wasted');
  take(4, 'overweight');
  take(1, 'withdrawn');
  return children;
}

// ---- Growth ---------------------------------------------------------------------------------

interface MeasurementRow { child: Child; input: MeasurementInput; enteredBy: string }

const staffUsers = ['centre.head', 'teacher', 'teacher', 'wang.li'];
const normalNotes = ['测量时哭闹，身长复测一次取平均值', '家长反映近期辅食添加顺利，食欲好', '出牙期，近一周食欲略差', '近期感冒刚愈，精神状态良好', '已指导家长记录每日奶量和辅食量'];

function measurementsOf(child: Child, today: string, random: Random, tables = loadGrowthTables()): MeasurementRow[] {
  const sex = child.sex === 'M' ? 'male' : 'female';
  const value = (table: LmsTable, day: number, z: number) => lmsValueAt(z, lmsAt(table[sex], day) ?? { l: 1, m: 0, s: 1 });
  const dates: string[] = [];
  const end = child.profile === 'withdrawn' ? addDays(today, -30) : today;
  for (let k = 0; ; k += 1) {
    const date = k === 0 ? child.enrolled : addDays(child.enrolled, Math.round(k * DAYS_PER_MONTH) + random.int(-3, 3));
    if (date > end) break;
    dates.push(date);
  }
  const n = dates.length;
  const haz0 = clamp(0.15 + gaussian(random) * 0.8, -1.4, 1.6);
  const whz0 = clamp(0.25 + gaussian(random) * 0.8, -1.3, 1.5);
  const hcz0 = clamp(0.1 + gaussian(random) * 0.8, -1.5, 1.5);
  let lastLength = 0;
  let lastHead = 0;
  let lastPosition = '';
  return dates.map((date, k) => {
    const t = n === 1 ? 1 : k / (n - 1);
    const ageDays = daysBetween(child.birth, date);
    let haz = haz0 + gaussian(random) * 0.06;
    let whz = whz0 + gaussian(random) * 0.15;
    let note: string | undefined = k > 0 && random.chance(0.02) ? random.pick(normalNotes) : undefined;
    if (child.profile === 'stunted') {
      haz = -1.3 - 1.3 * t + gaussian(random) * 0.05;
      whz = clamp(whz0, -0.8, 0.8);
      if (k === n - 1) note = '身长增长缓慢，身长别年龄低于-2SD，已建议到区妇幼保健院儿童保健科进一步评估，指导家长增加优质蛋白摄入';
      else if (k === n - 3) note = '近3个月身长增长偏慢，提醒家长注意喂养，下月复测';
    } else if (child.profile === 'wasted') {
      // Weight falls over the last three months (diarrhoea, then poor appetite).
      const falling = [-1.3, -2.2, -2.5][k - (n - 3)];
      whz = falling === undefined ? clamp(whz0, -0.9, 0.6) : falling + gaussian(random) * 0.05;
      if (k === n - 2) note = '近两周腹泻，食欲差，体重明显下降，已建议到儿保科就诊';
      if (k === n - 1) note = '体重仍未恢复，身长别体重低于-2SD，已转诊区妇幼保健院营养门诊，两周后复测';
    } else if (child.profile === 'overweight') {
      whz = 1.2 + 1.3 * t + gaussian(random) * 0.05;
      if (k === n - 1) note = '身长别体重高于+2SD（超重），已指导家长减少含糖饮料和零食，增加户外活动时间';
    }
    const lying = ageDays < HEIGHT_FROM_DAY;
    const position = lying ? 'lying' : 'standing';
    let length = fixed(round(value(tables.lengthHeightForAge, ageDays, haz), 0.1), 1);
    if (position === lastPosition && length <= lastLength) length = fixed(lastLength + 0.1, 1);
    lastLength = length;
    lastPosition = position;
    const wfl = lying ? tables.weightForLength : tables.weightForHeight;
    const lms = interpolateLms(wfl[sex], length) ?? { l: 1, m: 0, s: 1 };
    const weight = fixed(round(lmsValueAt(whz, lms), lying ? 0.01 : 0.05), 2);
    let head: number | undefined = fixed(round(value(tables.headCircumferenceForAge, ageDays, hcz0 + gaussian(random) * 0.08), 0.1), 1);
    if (head <= lastHead) head = fixed(lastHead + 0.1, 1);
    lastHead = head;
    if (k > 0 && random.chance(0.06)) head = undefined;
    const input: MeasurementInput = { date, weightKg: weight, lengthHeightCm: length, position, ...(head === undefined ? {} : { headCircumferenceCm: head }), ...(note ? { note } : {}) };
    return { child, input, enteredBy: random.pick(staffUsers) };
  });
}

// ---- Milestones -----------------------------------------------------------------------------

interface MilestoneRow { child: Child; code: MilestoneCode; date: string; by: string; note: string | null; recorded: string }

function milestonesOf(child: Child, today: string, random: Random, lateKind: 0 | 1 | 2): MilestoneRow[] {
  const ageAt: Partial<Record<MilestoneCode, number>> = {};
  for (const m of MILESTONES) ageAt[m.code] = clamp(m.median + gaussian(random) * ((m.to - m.from) / 4.65), m.from + 0.2, m.to - 0.2);
  // Standing and walking follow one another.
  const chain: MilestoneCode[] = ['standing_assisted', 'walking_assisted', 'standing_alone', 'walking_alone'];
  for (let i = 1; i < chain.length; i += 1) {
    const code = chain[i] as MilestoneCode;
    const window = MILESTONES.find((m) => m.code === code) as (typeof MILESTONES)[number];
    ageAt[code] = Math.min(Math.max(ageAt[code] as number, (ageAt[chain[i - 1] as MilestoneCode] as number) + 0.4), window.to - 0.1);
  }
  if (lateKind === 1) ageAt.walking_alone = 18.4;
  if (lateKind === 2) Object.assign(ageAt, { standing_alone: 17.3, walking_alone: 18.1 });
  const rows: MilestoneRow[] = [];
  for (const m of MILESTONES) {
    const date = addDays(child.birth, Math.round((ageAt[m.code] as number) * DAYS_PER_MONTH));
    if (date > addDays(today, -2)) continue;
    const reported = date < child.enrolled;
    const late = (ageAt[m.code] as number) > m.to;
    const note = late ? `${m.label}晚于WHO窗口期（${m.from}–${m.to}月龄），已建议家长多做扶站、扶走练习，并到儿童保健科做发育评估`
      : reported ? '家长报告（入中心前达成）' : random.chance(0.08) ? '课堂上观察到，家长确认在家也能完成' : null;
    const recorded = addDays(reported ? child.enrolled : date, random.int(0, 6));
    rows.push({ child, code: m.code, date, by: random.pick(staffUsers), note, recorded: recorded > today ? today : recorded });
  }
  return rows;
}

// ---- Classes and sessions -------------------------------------------------------------------

interface Slot { days: [number, number]; time: string }
const DAY_PAIRS: [number, number][] = [[1, 4], [2, 5], [3, 6], [1, 3], [2, 4], [3, 5], [4, 6], [1, 5], [2, 6]];
const TIMES = ['09:00', '10:30', '15:00'];

/**
 * A weekly slot for every class, spread over the week, with no room or teacher taken twice at one
 * time (the times are 90 minutes apart and no session is longer than 60).
 */
function weeklySlots(): Slot[] {
  const combos = TIMES.flatMap((time) => DAY_PAIRS.map((days) => ({ days, time })));
  const taken = new Set<string>();
  return classes.map((c, i) => {
    for (let k = 0; k < combos.length; k += 1) {
      const slot = combos[(i * 7 + k) % combos.length] as Slot;
      const keys = slot.days.flatMap((d) => [`room|${c.room}|${d}|${slot.time}`, `teacher|${c.teacher}|${d}|${slot.time}`]);
      if (keys.some((key) => taken.has(key))) continue;
      keys.forEach((key) => taken.add(key));
      return slot;
    }
    throw new Error(`no free slot for ${c.name}`);
  });
}

interface SessionRow { id: string; classIndex: number; date: string; startsAt: string; minutes: number; planId: string; status: 'held' | 'scheduled' | 'cancelled'; note: string | null }

/** Throws when two sessions overlap in one room or for one teacher. */
export function checkNoDoubleBooking(sessions: readonly { startsAt: string; minutes: number; room: string; teacher: string }[]): void {
  const byKey = new Map<string, { from: number; to: number }[]>();
  for (const s of sessions) {
    const from = Date.parse(s.startsAt);
    const span = { from, to: from + s.minutes * 60_000 };
    for (const key of [`room ${s.room}`, `teacher ${s.teacher}`]) {
      const list = byKey.get(key) ?? [];
      const clash = list.find((o) => o.from < span.to && span.from < o.to);
      if (clash) throw new Error(`${key} double-booked at ${s.startsAt}`);
      list.push(span);
      byKey.set(key, list);
    }
  }
}

// ---- Inserting ------------------------------------------------------------------------------

/** Multi-row INSERTs of at most `chunk` rows; `types` casts a column's parameter (jsonb, text[]). */
async function insertRows(tx: Queryable, table: string, columns: string[], rows: SqlParam[][], types: Record<string, string> = {}, chunk = 400): Promise<void> {
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const params: SqlParam[] = [];
    const values = part.map((row) => `(${row.map((v, i) => {
      params.push(v);
      const cast = types[columns[i] as string];
      return `$${params.length}${cast ? `::${cast}` : ''}`;
    }).join(', ')})`);
    await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, params);
  }
}

const sessionNotes = ['家长反馈积极，课后集中咨询了辅食添加问题', '本次邀请区妇幼保健院儿保医生到场答疑', '新入班宝宝2名，分离焦虑明显，家长全程陪同', '活动延长10分钟，进行了亲子游戏展示'];
const absentNotes = ['感冒发烧请假', '随家长回老家', '当天接种疫苗', '家中有事请假', '腹泻请假'];
const presentNotes = ['第一次独立完成活动，很有成就感', '分离时哭闹约5分钟后平静', '活动中情绪稳定，主动参与', '对新材料很感兴趣，专注时间较长'];

/** Seeds the district's ECD centre; returns false when it already has rooms. */
export async function seedEcdCentre(db: Database, district: string, today = businessToday()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const existing = await tx.query('SELECT 1 FROM ecd_room WHERE district_code = $1 LIMIT 1', [district]);
    if (existing.rows.length > 0) return false;
    const random = new Random(20110711);
    const accounts = new Map((await tx.query<{ id: string; username: string }>(
      `SELECT id, username FROM app_user WHERE district_code = $1 AND username = ANY($2::text[])`,
      [district, ['centre.head', 'teacher', 'wang.li', 'parent']],
    )).rows.map((r) => [r.username, r.id]));

    await insertRows(tx, 'ecd_room', ['district_code', 'code', 'name', 'area_m2', 'capacity'], rooms.map((r) => [district, r.code, r.name, r.area, r.capacity]));
    const teacherIds = new Map<TeacherKey, string>(teachers.map((t) => [t.key, randomUUID()]));
    await insertRows(tx, 'ecd_teacher', ['district_code', 'id', 'name', 'qualification', 'user_id', 'weekly_hours'],
      teachers.map((t) => [district, teacherIds.get(t.key) as string, t.name, t.qualification, (t.username && accounts.get(t.username)) || null, t.weeklyHours]));

    // Children, consent, growth archives.
    const children = makeChildren(today, random);
    const withdrawnAt = (c: Child) => (c.profile === 'withdrawn' ? at(addDays(today, -20), '16:30') : null);
    await insertRows(tx, 'ecd_child', ['district_code', 'id', 'name', 'sex', 'birth_date', 'enrolled_on', 'consent_by', 'consent_relation', 'consent_at', 'consent_purpose', 'consent_withdrawn_at', 'created_by', 'created_at'],
      children.map((c) => [district, c.id, c.name, c.sex, c.birth, c.enrolled, c.consent.by, c.consent.relation, c.consent.at, PURPOSE, withdrawnAt(c), random.pick(staffUsers), c.consent.at]));
    const parentId = accounts.get('parent');
    const own = children.find((c) => c.parentAccount) as Child;
    if (parentId) await tx.query('INSERT INTO ecd_guardian (district_code, child_id, user_id, relation) VALUES ($1, $2, $3, $4)', [district, own.id, parentId, '母亲']);

    const measurements = children.flatMap((c) => measurementsOf(c, today, random));
    await insertRows(tx, 'ecd_measurement', ['district_code', 'child_id', 'measured_on', 'weight_kg', 'length_height_cm', 'position', 'head_cm', 'zscores', 'statuses', 'note', 'entered_by', 'entered_at'],
      measurements.map(({ child, input, enteredBy }) => {
        // Exactly what EcdService.measure checks and stores.
        const { ageDays } = checkMeasurement(input, child.birth, today);
        const { scores, statuses } = zscoresFor(child.sex, ageDays, input);
        return [district, child.id, input.date, input.weightKg ?? null, input.lengthHeightCm ?? null, input.position ?? null, input.headCircumferenceCm ?? null,
          JSON.stringify(scores), JSON.stringify(statuses), input.note ?? null, enteredBy, at(input.date, `${String(random.int(9, 11)).padStart(2, '0')}:${String(random.int(10, 59))}`)];
      }), { zscores: 'jsonb', statuses: 'jsonb' }, 300);

    // Milestones: one child walked late, another stood and walked late.
    const older = children.filter((c) => c.ageDays > 19 * DAYS_PER_MONTH && c.profile === 'normal' && !c.parentAccount);
    const late = new Map<Child, 1 | 2>([[older[3] as Child, 1], [older[11] as Child, 2]]);
    const milestones = children.filter((c) => c.ageDays > 3.8 * DAYS_PER_MONTH).flatMap((c) => milestonesOf(c, c.profile === 'withdrawn' ? addDays(today, -21) : today, random, late.get(c) ?? 0));
    await insertRows(tx, 'ecd_milestone', ['district_code', 'child_id', 'milestone', 'achieved_on', 'observed_by', 'note', 'recorded_at'],
      milestones.map((m) => [district, m.child.id, m.code, m.date, m.by, m.note, at(m.recorded, '17:00')]));

    // The activity plan library.
    const planIds = starterActivityPlans.map(() => randomUUID());
    await insertRows(tx, 'ecd_activity_plan', ['district_code', 'id', 'title', 'age_from_months', 'age_to_months', 'domain', 'goal', 'materials', 'steps', 'parent_guidance', 'minutes', 'updated_by', 'updated_at'],
      starterActivityPlans.map((p, i) => [district, planIds[i] as string, p.title, p.ageFromMonths, p.ageToMonths, p.domain, p.goal, p.materials, p.steps, p.parentGuidance, p.minutes, 'centre.head', at(addDays(today, -120), '10:00')]),
      { materials: 'text[]', steps: 'text[]' });

    // Classes: children by their age today, up to the room's capacity; two classes of one band take turns.
    const classIds = classes.map(() => randomUUID());
    await insertRows(tx, 'ecd_class', ['district_code', 'id', 'name', 'age_from_months', 'age_to_months', 'teacher_id', 'room_code'],
      classes.map((c, i) => [district, classIds[i] as string, c.name, c.from, c.to, teacherIds.get(c.teacher) as string, c.room]));
    const members: { classIndex: number; child: Child; joined: string }[] = [];
    const capacity = (i: number) => rooms.find((r) => r.code === classes[i]?.room)?.capacity ?? 0;
    const counts = classes.map(() => 0);
    for (const child of [...children].sort((a, b) => Number(b.parentAccount) - Number(a.parentAccount) || a.ageDays - b.ageDays)) {
      if (child.profile === 'withdrawn') continue;
      const months = child.ageDays / DAYS_PER_MONTH;
      const band = classes.map((c, i) => ({ c, i })).filter(({ c, i }) => months >= c.from && months < c.to && (counts[i] as number) < capacity(i));
      const choice = child.parentAccount ? band.find(({ c }) => c.teacher === 'feng') : band.sort((a, b) => (counts[a.i] as number) - (counts[b.i] as number))[0];
      if (!choice) continue;
      counts[choice.i] = (counts[choice.i] as number) + 1;
      const reached = addDays(child.birth, Math.ceil(choice.c.from * DAYS_PER_MONTH));
      members.push({ classIndex: choice.i, child, joined: reached > child.enrolled ? reached : child.enrolled });
    }
    await insertRows(tx, 'ecd_class_member', ['district_code', 'class_id', 'child_id', 'joined_on'], members.map((m) => [district, classIds[m.classIndex] as string, m.child.id, m.joined]));

    // Sessions twice a week: the past eight weeks held, the next two scheduled.
    const slots = weeklySlots();
    const sessions: SessionRow[] = [];
    for (let d = -56; d < 14; d += 1) {
      const date = addDays(today, d);
      const weekday = new Date(ms(date)).getUTCDay();
      if (holiday(date)) continue;
      classes.forEach((c, i) => {
        const slot = slots[i] as Slot;
        if (!slot.days.includes(weekday)) return;
        const plans = starterActivityPlans.map((p, k) => ({ p, k })).filter(({ p }) => p.ageFromMonths < c.to && p.ageToMonths > c.from);
        const count = sessions.filter((s) => s.classIndex === i).length;
        const plan = plans[count % plans.length] as { k: number };
        const status = d < 0 ? 'held' : 'scheduled';
        sessions.push({ id: randomUUID(), classIndex: i, date, startsAt: at(date, slot.time), minutes: c.minutes, planId: planIds[plan.k] as string, status, note: status === 'held' && random.chance(0.06) ? random.pick(sessionNotes) : null });
      });
    }
    const cancelled = sessions.find((s) => s.status === 'held' && s.date >= addDays(today, -20));
    if (cancelled) Object.assign(cancelled, { status: 'cancelled', note: '授课教师参加市里组织的早期发展指导培训，本次课停课，已电话通知家长' });
    checkNoDoubleBooking(sessions.map((s) => ({ startsAt: s.startsAt, minutes: s.minutes, room: classes[s.classIndex]?.room as string, teacher: classes[s.classIndex]?.teacher as string })));
    await insertRows(tx, 'ecd_session', ['district_code', 'id', 'class_id', 'starts_at', 'minutes', 'teacher_id', 'room_code', 'activity_plan_id', 'status', 'note', 'created_by'],
      sessions.map((s) => {
        const c = classes[s.classIndex] as (typeof classes)[number];
        return [district, s.id, classIds[s.classIndex] as string, s.startsAt, s.minutes, teacherIds.get(c.teacher) as string, c.room, s.planId, s.status, s.note, 'centre.head'];
      }));

    // Attendance of the sessions held: every member who had joined by then.
    const attendance: SqlParam[][] = [];
    for (const s of sessions.filter((x) => x.status === 'held')) {
      const c = classes[s.classIndex] as (typeof classes)[number];
      const by = teachers.find((t) => t.key === c.teacher)?.username ?? 'centre.head';
      const recordedAt = new Date(Date.parse(s.startsAt) + (s.minutes + 10) * 60_000).toISOString();
      for (const m of members.filter((x) => x.classIndex === s.classIndex && x.joined <= s.date)) {
        const present = random.chance(m.child.attendanceRate);
        const note = !present && random.chance(0.4) ? random.pick(absentNotes) : present && random.chance(0.03) ? random.pick(presentNotes) : null;
        attendance.push([district, s.id, m.child.id, present, note, by, recordedAt]);
      }
    }
    await insertRows(tx, 'ecd_attendance', ['district_code', 'session_id', 'child_id', 'present', 'note', 'recorded_by', 'recorded_at'], attendance);

    await appendAudit(tx, {
      district, actorId: null, actorUsername: 'system', action: 'system.seed_ecd_centre', entityType: 'district', entityId: district,
      after: { children: children.length, measurements: measurements.length, milestones: milestones.length, plans: planIds.length, classes: classes.length, sessions: sessions.length, attendance: attendance.length },
    });
    return true;
  });
}
