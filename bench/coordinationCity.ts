/**
 * The benchmark's city for the coordination figures: Tianjin's other districts with the demo's member
 * departments and indicators, and three years of monthly reports for every district.
 */
import { addMonths } from '../src/core/calendar.ts';
import { monthsOfYear } from '../src/core/coordination/periods.ts';
import type { Database } from '../src/db/types.ts';
import { demoIndicators } from '../src/seed/coordination.ts';
import { Random } from '../src/seed/random.ts';
import { district as demoDistrict } from '../src/seed/wuqing.ts';
import { CopyText } from './common.ts';

/** The months the city holds: 2009-01 … 2011-12. */
export const MONTHS = [2009, 2010, 2011].flatMap(monthsOfYear);
/** The demo seed already holds the demo district's 2011. */
const SEEDED_YEAR = '2011';
/** Departments whose membership began with the demo's default (2011-01-01) are taken to have reported since 2009. */
const MEMBER_SINCE = '2009-01-01';
const CHUNK_ROWS = 20_000;

/** Tianjin's districts in 2011 (the demo is 武清, 120114): code, name, and the short form used in names. */
const otherDistricts: readonly [string, string, string][] = [
  ['120101', '天津市和平区', '和平'],
  ['120102', '天津市河东区', '河东'],
  ['120103', '天津市河西区', '河西'],
  ['120104', '天津市南开区', '南开'],
  ['120105', '天津市河北区', '河北'],
  ['120106', '天津市红桥区', '红桥'],
  ['120107', '天津市塘沽区', '塘沽'],
  ['120108', '天津市汉沽区', '汉沽'],
  ['120109', '天津市大港区', '大港'],
  ['120110', '天津市东丽区', '东丽'],
  ['120111', '天津市西青区', '西青'],
  ['120112', '天津市津南区', '津南'],
  ['120113', '天津市北辰区', '北辰'],
  ['120115', '天津市宝坻区', '宝坻'],
  ['120116', '天津市滨海新区', '滨海新'],
];

export const columns = {
  report: `district_code, id, department_code, period, status, progress, work, effect, problems, first_submitted_at, submitted_at,
    accepted_at, accepted_by, return_comment, created_by, created_at, updated_by, updated_at`,
  value: 'district_code, report_id, department_code, indicator_code, value',
} as const;

// --- The city ------------------------------------------------------------------------------------

/** Creates the other fifteen districts as copies of the demo's departments and coordination configuration. */
export async function createDistricts(db: Database): Promise<void> {
  const from = demoDistrict.code;
  await db.transaction(async (tx) => {
    await tx.query(`UPDATE department SET active_from = $2 WHERE district_code = $1 AND active_from = '2011-01-01'`, [from, MEMBER_SINCE]);
    for (const [code, name, short] of otherDistricts) {
      await tx.query('INSERT INTO district (district_code, name) VALUES ($1, $2)', [code, name]);
      await tx.query(
        `INSERT INTO department (district_code, code, name, short_name, sort_order, active_from, active_to)
         SELECT $1, code, replace(name, '武清', $3), short_name, sort_order, active_from, active_to FROM department WHERE district_code = $2`,
        [code, from, short],
      );
      await tx.query(
        `INSERT INTO coord_setting (district_code, due_day, reminder_days, document_prefix, issuer)
         SELECT $1, due_day, reminder_days, replace(document_prefix, '武清', $3), replace(issuer, '武清', $3) FROM coord_setting WHERE district_code = $2`,
        [code, from, short],
      );
      await tx.query(
        `INSERT INTO coord_indicator (district_code, code, name, unit, aggregation, integer_only, min_value, max_value, active, sort_order)
         SELECT $1, code, name, unit, aggregation, integer_only, min_value, max_value, active, sort_order FROM coord_indicator WHERE district_code = $2`,
        [code, from],
      );
      await tx.query(
        `INSERT INTO coord_indicator_department (district_code, indicator_code, department_code)
         SELECT $1, indicator_code, department_code FROM coord_indicator_department WHERE district_code = $2`,
        [code, from],
      );
      await tx.query(
        `INSERT INTO coord_rule (district_code, left_code, operator, right_code, factor, message)
         SELECT $1, left_code, operator, right_code, factor, message FROM coord_rule WHERE district_code = $2`,
        [code, from],
      );
    }
  });
}

export interface CityReports {
  report: CopyText;
  value: CopyText;
  /** Reports written as 'submitted' and accepted after their values are in (accepted reports refuse new values). */
  toAccept: number;
  byStatus: Record<string, number>;
  late: number;
  missing: number;
}

const problemTexts = [
  '部分村(居)宣传阵地更新不及时，群众知晓率有待提高',
  '基层工作人员力量不足，入户服务覆盖面有限',
  '部分项目资金到位较晚，影响活动进度',
  '与相关部门的信息共享机制尚不完善，数据核对耗时较长',
  '部分计生家庭对优惠政策了解不够，主动申请的积极性不高',
];

const at = (date: string, hour: number, minute = 0): string => `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`;
const day = (month: string, d: number): string => `${month}-${String(d).padStart(2, '0')}`;

/**
 * Every district's reports for the 36 months (the demo district's 2009–2010 only: its 2011 is
 * seeded): mostly accepted; about 1 % never filed, 1.5 % returned, 2.5 % submitted and not yet
 * reviewed (15 % in the last two months); 8 % first submitted after the due day. Each filed report
 * carries one value per indicator of its department, and narrative text the bulletin quotes.
 */
export async function buildReports(db: Database): Promise<CityReports> {
  const { rows: departmentRows } = await db.query<{ district_code: string; code: string; short_name: string; active_from: string }>(
    'SELECT district_code, code, short_name, active_from::text FROM department ORDER BY district_code, sort_order',
  );
  const { rows: links } = await db.query<{ indicator_code: string; department_code: string; name: string; unit: string }>(
    `SELECT d.indicator_code, d.department_code, i.name, i.unit FROM coord_indicator_department d
       JOIN coord_indicator i ON i.district_code = d.district_code AND i.code = d.indicator_code
      WHERE d.district_code = $1 AND i.active ORDER BY i.sort_order`,
    [demoDistrict.code],
  );
  const indicatorsOf = new Map<string, { code: string; name: string; unit: string }[]>();
  for (const l of links)
    indicatorsOf.set(l.department_code, [...(indicatorsOf.get(l.department_code) ?? []), { code: l.indicator_code, name: l.name, unit: l.unit }]);
  const seeds = new Map(demoIndicators.map((i) => [i.code, i]));
  const random = new Random(20090101);
  const monthly = (code: string): number => {
    const s = seeds.get(code);
    if (s?.range) return random.int(s.range[0], s.range[1]);
    const mean = (s?.total ?? 1200) / 12;
    return Math.max(0, Math.round(mean * (0.6 + random.next() * 0.8)));
  };
  const city: CityReports = { report: new CopyText(CHUNK_ROWS), value: new CopyText(CHUNK_ROWS), toAccept: 0, byStatus: {}, late: 0, missing: 0 };
  for (const d of departmentRows) {
    const own = indicatorsOf.get(d.code) ?? [];
    for (const month of MONTHS) {
      if (d.district_code === demoDistrict.code && month.startsWith(SEEDED_YEAR)) continue;
      if (`${month}-31` < d.active_from) continue;
      const recent = month >= '2011-11';
      const r = random.next();
      if (r < 0.01) {
        city.missing++;
        continue;
      }
      const status = r < 0.025 ? 'returned' : r < (recent ? 0.175 : 0.05) ? 'submitted' : 'accepted';
      city.byStatus[status] = (city.byStatus[status] ?? 0) + 1;
      const following = addMonths(month, 1);
      const late = random.chance(0.08);
      if (late) city.late++;
      const submittedAt = at(day(following, late ? random.int(6, 15) : random.int(1, 5)), random.int(8, 17), random.int(0, 59));
      const acceptedAt = status === 'accepted' ? at(day(following, Math.min(28, Number(submittedAt.slice(8, 10)) + random.int(1, 4))), 15) : null;
      const values = Object.fromEntries(own.map((i) => [i.code, monthly(i.code)]));
      if (values.health_checkups !== undefined && values.people_served !== undefined) values.people_served += values.health_checkups;
      const monthNo = Number(month.slice(5));
      const effect = `${monthNo}月，${d.short_name}${own.map((i) => `${i.name}${(values[i.code] ?? 0).toLocaleString('zh-CN')}${i.unit}`).join('，')}。`;
      const id = crypto.randomUUID();
      const by = `liaison.${d.code}`;
      const created = at(day(month, 25), 16);
      city.report.add([
        d.district_code,
        id,
        d.code,
        `${month}-01`,
        status === 'accepted' ? 'submitted' : status,
        `${monthNo}月，${d.short_name}按照《实施方案》职责分工推进创建幸福家庭活动，各项工作按计划推进。`,
        `1. 落实本单位职责分工\n2. 按月报送工作进展\n3. 配合开展宣传倡导活动`,
        effect,
        random.chance(0.15) ? random.pick(problemTexts) : '',
        submittedAt,
        submittedAt,
        acceptedAt,
        acceptedAt === null ? null : 'office',
        status === 'returned' ? '部分数据与所附材料不一致，请核实后重新报送。' : null,
        by,
        created,
        by,
        acceptedAt ?? submittedAt,
      ]);
      if (status === 'accepted') city.toAccept++;
      for (const [code, value] of Object.entries(values)) city.value.add([d.district_code, id, d.code, code, value]);
    }
  }
  city.report.flush();
  city.value.flush();
  return city;
}
