/**
 * The demo ECD centre's children: ~120 children aged 1–36 months with their guardians' consent,
 * their monthly growth measurements (WHO z-scores as the ECD service computes them; a few stunted,
 * wasted and overweight children) and their motor milestones. Deterministic for a seed.
 */
import { randomUUID } from 'node:crypto';
import { addDays, daysBetween } from '../core/calendar.ts';
import { lmsAt, loadGrowthTables, type LmsTable } from '../core/growth/tables.ts';
import { DAYS_PER_MONTH, HEIGHT_FROM_DAY, interpolateLms, lmsValueAt } from '../core/growth/zscore.ts';
import type { MeasurementInput } from '../modules/ecd/service.ts';
import type { MilestoneCode } from '../modules/ecd/schemas.ts';
import { Random } from './random.ts';

/** The demo parent's (陈静's) child, linked to her account. */
export const DEMO_PARENT_CHILD = '刘梓萌';

/** A time of day in China on a date, as the database stores it. */
export const at = (date: string, time: string): string => `${date}T${time}:00+08:00`;
// ---- Children -------------------------------------------------------------------------------

const surnames = '王李张刘赵杨陈孙高马郭于董徐田韩朱胡宋周吴崔曹魏郑冯邢杜石梁何吕霍薛'.split('');
const boyNames =
  '子轩 浩然 宇航 梓睿 沐辰 一鸣 俊熙 奕辰 皓轩 铭泽 嘉佑 景行 思远 承泽 锦程 宸宇 睿哲 昊天 明哲 子墨 云帆 家乐 书恒 予安 星宇 天佑 知远 嘉树 亦凡 瑞霖'.split(
    ' ',
  );
const girlNames =
  '一诺 梓萱 若汐 语桐 欣怡 可馨 安然 诗涵 雨彤 思语 梓涵 沐晴 芷若 依依 心悦 语嫣 清欢 初夏 星月 知夏 书瑶 念安 佳怡 婉清 紫萱 晓棠 乐瑶 南希 一然 诗琪'.split(
    ' ',
  );
const motherNames = ['丽', '静', '娜', '婷', '晓燕', '雪梅', '海燕', '佳', '颖', '蕾', '丹丹', '玉洁', '春燕', '文娟', '秀丽', '红霞'];
const fatherNames = ['强', '磊', '伟', '鹏', '建新', '海涛', '志刚', '立军', '浩', '宁', '振华', '国庆', '卫东', '永生'];
const grandmotherNames = ['桂兰', '秀英', '玉珍', '淑芬', '凤英', '桂芝', '秀荣', '素梅'];

type Profile = 'normal' | 'stunted' | 'wasted' | 'overweight' | 'withdrawn';

export interface Child {
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

export function makeChildren(today: string, random: Random): Child[] {
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
    const chosen =
      ageDays < 6 * DAYS_PER_MONTH
        ? addDays(birth, Math.min(ageDays - 3, random.int(14, 42)))
        : addDays(today, -Math.max(3, Math.round(span * DAYS_PER_MONTH) + random.int(3, 20)));
    const enrolled = chosen < addDays(birth, 14) ? addDays(birth, 14) : chosen;
    const r = parentAccount ? '母亲' : random.next();
    const relation = typeof r === 'string' ? r : r < 0.6 ? '母亲' : r < 0.82 ? '父亲' : r < 0.92 ? '祖母' : '外祖母';
    const by = parentAccount
      ? '陈静'
      : relation === '父亲'
        ? surname + random.pick(fatherNames)
        : relation === '祖母'
          ? random.pick(surnames) + random.pick(grandmotherNames)
          : random.pick(surnames) + random.pick(relation === '母亲' ? motherNames : grandmotherNames);
    children.push({
      id: randomUUID(),
      name,
      sex,
      birth,
      ageDays,
      enrolled,
      profile: 'normal',
      parentAccount,
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

export interface MeasurementRow {
  child: Child;
  input: MeasurementInput;
  enteredBy: string;
}

export const staffUsers = ['centre.head', 'teacher', 'teacher', 'wang.li'];
const normalNotes = [
  '测量时哭闹，身长复测一次取平均值',
  '家长反映近期辅食添加顺利，食欲好',
  '出牙期，近一周食欲略差',
  '近期感冒刚愈，精神状态良好',
  '已指导家长记录每日奶量和辅食量',
];

export function measurementsOf(child: Child, today: string, random: Random, tables = loadGrowthTables()): MeasurementRow[] {
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
    const input: MeasurementInput = {
      date,
      weightKg: weight,
      lengthHeightCm: length,
      position,
      ...(head === undefined ? {} : { headCircumferenceCm: head }),
      ...(note ? { note } : {}),
    };
    return { child, input, enteredBy: random.pick(staffUsers) };
  });
}

// ---- Milestones -----------------------------------------------------------------------------

export interface MilestoneRow {
  child: Child;
  code: MilestoneCode;
  date: string;
  by: string;
  note: string | null;
  recorded: string;
}

export function milestonesOf(child: Child, today: string, random: Random, lateKind: 0 | 1 | 2): MilestoneRow[] {
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
    const note = late
      ? `${m.label}晚于WHO窗口期（${m.from}–${m.to}月龄），已建议家长多做扶站、扶走练习，并到儿童保健科做发育评估`
      : reported
        ? '家长报告（入中心前达成）'
        : random.chance(0.08)
          ? '课堂上观察到，家长确认在家也能完成'
          : null;
    const recorded = addDays(reported ? child.enrolled : date, random.int(0, 6));
    rows.push({ child, code: m.code, date, by: random.pick(staffUsers), note, recorded: recorded > today ? today : recorded });
  }
  return rows;
}
