import type { Grant } from '../core/auth/roles.ts';
import { clockSetting, DEMO_TODAY } from '../core/clock.ts';
import type { Database, Queryable } from '../db/types.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { insertUser, replaceGrants } from '../modules/users/queries.ts';
import { appendAudit } from '../modules/audit/log.ts';
import type { Secrets } from '../server/secrets.ts';
import { defaultParameterRows } from '../core/benefits/defaults.ts';
import { confirmationCandidates } from './candidates.ts';
import { seedCoordination } from './coordination.ts';
import { seedPortal } from './portal.ts';
import { seedEcdCentre } from './ecdCentre.ts';
import { seedApplications, seedEnrolments } from './enrolments.ts';
import { loadPopulation } from './loadPopulation.ts';
import { generatePopulation } from './population.ts';
import { departments, district, townships, villages } from './wuqing.ts';

/** One password for every demo account, shown on the sign-in page in demo mode only. */
export const DEMO_PASSWORD = 'xingfu-demo-2011';

interface DemoAccount {
  username: string;
  displayName: string;
  password: string;
  grants: Grant[];
}

const grant = (role: Grant['role'], scope: Partial<Omit<Grant, 'role'>> = {}): Grant => ({
  role,
  township: scope.township ?? null,
  village: scope.village ?? null,
  department: scope.department ?? null,
});

export const demoAccounts: DemoAccount[] = [
  { username: 'office', displayName: '赵建国（领导小组办公室）', grants: [grant('office')] },
  { username: 'office.finance', displayName: '孔令华（领导小组办公室财务复核）', grants: [grant('office')] },
  { username: 'liaison.health', displayName: '钱丽华（卫生局通讯员）', grants: [grant('liaison', { department: 'health' })] },
  { username: 'liaison.agri', displayName: '孙志强（农技推广中心通讯员）', grants: [grant('liaison', { department: 'agri-tech' })] },
  { username: 'liaison.forestry', displayName: '李秀英（林业局通讯员）', grants: [grant('liaison', { department: 'forestry' })] },
  { username: 'township.yangcun', displayName: '周敏（杨村街道计生办）', grants: [grant('township', { township: '120114001' })] },
  { username: 'township.xiazhuzhuang', displayName: '吴海燕（下朱庄街道计生办）', grants: [grant('township', { township: '120114002' })] },
  { username: 'township.meichang', displayName: '孙立平（梅厂镇计生办）', grants: [grant('township', { township: '120114101' })] },
  { username: 'township.dahuangbao', displayName: '郑春生（大黄堡乡计生办）', grants: [grant('township', { township: '120114207' })] },
  { username: 'village.meichang', displayName: '王桂芝（梅厂镇村级专干）', grants: [grant('village', { township: '120114101', village: '120114101201' })] },
  { username: 'teacher', displayName: '冯晓雪（早教中心教师）', grants: [grant('teacher')] },
  { username: 'centre.head', displayName: '许文静（早教中心主任）', grants: [grant('centre_head')] },
  {
    username: 'wang.li',
    displayName: '王莉（大碱厂镇村级专干兼早教中心教师）',
    grants: [grant('village', { township: '120114102', village: '120114102201' }), grant('teacher')],
  },
  { username: 'parent', displayName: '陈静（家长）', grants: [grant('parent')] },
  { username: 'auditor', displayName: '褚卫东（审计管理员）', grants: [grant('auditor')] },
  { username: 'sysadmin', displayName: '卫国华（系统管理员）', grants: [grant('sysadmin')] },
  { username: 'secadmin', displayName: '蒋立新（安全管理员）', grants: [grant('secadmin')] },
].map((a) => ({ ...a, password: DEMO_PASSWORD }));

/** Loads the demo district's organisation (idempotent). */
export async function seedOrganisation(tx: Queryable): Promise<void> {
  await tx.query('INSERT INTO district (district_code, name, former_codes) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
    district.code,
    district.name,
    district.formerCodes,
  ]);
  for (const [i, t] of townships.entries()) {
    await tx.query(`INSERT INTO township (district_code, code, name, kind, sort_order) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, [
      district.code,
      t.code,
      t.name,
      t.kind,
      i,
    ]);
  }
  for (const v of villages) {
    await tx.query('INSERT INTO village (district_code, code, township_code, name, kind) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
      district.code,
      v.code,
      v.townshipCode,
      v.name,
      v.kind,
    ]);
  }
  for (const [i, d] of departments.entries()) {
    await tx.query('INSERT INTO department (district_code, code, name, short_name, sort_order) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
      district.code,
      d.code,
      d.name,
      d.shortName,
      i,
    ]);
  }
  await tx.query('INSERT INTO security_policy (district_code) VALUES ($1) ON CONFLICT DO NOTHING', [district.code]);
  for (const row of defaultParameterRows) {
    await tx.query(
      `INSERT INTO programme_parameter (district_code, programme, name, effective_from, value, unit, reference, created_by)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, 'system') ON CONFLICT DO NOTHING`,
      [district.code, row.programme, row.name, row.effectiveFrom, JSON.stringify(row.value), row.unit, row.reference],
    );
  }
}

/**
 * The demo district: organisation, an account for every role (demo accounts skip the second
 * factor and the password expiry; a district that already has accounts is left as it is) and,
 * given the data key, the synthetic register of the families the programmes concern. The ECD
 * centre runs up to the demo's own date (the clock's fixed date, by default the report's 2011-11-30).
 */
export async function seedDemo(
  db: Database,
  secrets?: Secrets,
  today = clockSetting().fixedDate ?? DEMO_TODAY,
): Promise<{ created: boolean; persons: number }> {
  const { created } = await seedAccounts(db);
  await seedCoordination(db, district.code);
  await seedEcdCentre(db, district.code, today);
  await seedPortal(db, district.code);
  let persons = 0;
  if (secrets) {
    const { rows } = await db.query('SELECT 1 FROM person WHERE district_code = $1 LIMIT 1', [district.code]);
    if (rows.length === 0) {
      const households = generatePopulation();
      persons = await loadPopulation(db, secrets, district.code, households);
      persons += await loadPopulation(db, secrets, district.code, confirmationCandidates(households));
      if ((await seedEnrolments(db, secrets, district.code)) > 0) await seedApplications(db, secrets);
    }
  }
  return { created, persons };
}

async function seedAccounts(db: Database): Promise<{ created: boolean }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    await seedOrganisation(tx);
    const existing = await tx.query('SELECT 1 FROM app_user WHERE district_code = $1 LIMIT 1', [district.code]);
    if (existing.rows.length > 0) return { created: false };
    await tx.query('UPDATE security_policy SET password_expiry_days = 0 WHERE district_code = $1', [district.code]);
    for (const a of demoAccounts) {
      const id = await insertUser(tx, {
        district: district.code,
        username: a.username,
        displayName: a.displayName,
        passwordHash,
        mustChange: false,
        demo: true,
      });
      await replaceGrants(tx, district.code, id, a.grants, { confirmed: true });
    }
    await appendAudit(tx, {
      district: district.code,
      actorId: null,
      actorUsername: 'system',
      action: 'system.seed_demo',
      entityType: 'district',
      entityId: district.code,
      after: { accounts: demoAccounts.map((a) => a.username) },
    });
    return { created: true };
  });
}
