import { roleCodes, type RoleCode } from '../core/auth/roles.ts';
import { AppError } from '../core/errors.ts';
import type { Database } from '../db/types.ts';
import { appendAudit } from '../modules/audit/log.ts';
import { findPolicy } from '../modules/auth/queries.ts';
import { assertStrongPassword, hashPassword } from '../modules/auth/passwords.ts';
import { districtCodes, townshipOfVillage } from '../modules/org/queries.ts';
import { insertUser, replaceGrants, usernameExists } from '../modules/users/queries.ts';

export interface UserAddOptions {
  role: string;
  township?: string;
  village?: string;
  department?: string;
  displayName?: string;
  district?: string;
}

/**
 * Creates an account from the command line (the first office or administrator account of a
 * production install). The password comes from standard input and must meet the policy.
 */
export async function addUser(db: Database, username: string, password: string, o: UserAddOptions): Promise<{ id: string; district: string }> {
  if (!(roleCodes as readonly string[]).includes(o.role)) {
    throw new AppError('invalid_grant', { en: `Unknown role ${o.role}; one of: ${roleCodes.join(', ')}`, zh: `未知角色 ${o.role}` });
  }
  const name = username.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{2,39}$/.test(name)) {
    throw new AppError('validation_failed', {
      en: 'Username: 3–40 characters, lower-case letters, digits, . _ -',
      zh: '用户名须为 3–40 位小写字母、数字或 . _ -',
    });
  }
  const districts = await districtCodes(db);
  const district = o.district ?? (districts.length === 1 ? districts[0] : undefined);
  if (district === undefined || !districts.includes(district)) {
    throw new AppError('district_required', {
      en: districts.length === 0 ? 'No district yet: run `xingfu seed org` first' : `Give --district, one of: ${districts.join(', ')}`,
      zh: districts.length === 0 ? '尚无区县数据：请先运行 xingfu seed org' : `请用 --district 指定区县：${districts.join('、')}`,
    });
  }
  const policy = await findPolicy(db, district);
  assertStrongPassword(password, name, policy.min_password_length);
  const passwordHash = await hashPassword(password);
  const role = o.role as RoleCode;
  return db.transaction(async (tx) => {
    if (await usernameExists(tx, district, name)) throw new AppError('username_taken');
    let township = o.township ?? null;
    if (o.village) {
      const ofVillage = await townshipOfVillage(tx, district, o.village);
      if (ofVillage === undefined) throw new AppError('invalid_grant', { en: `Unknown village ${o.village}`, zh: `村居 ${o.village} 不存在` });
      township = ofVillage;
    }
    const id = await insertUser(tx, { district, username: name, displayName: o.displayName ?? name, passwordHash, mustChange: false });
    // The bootstrap path: whoever runs the command on the server sets up the first accounts, the
    // three administrators among them, with their role in effect at once.
    await replaceGrants(tx, district, id, [{ role, township, village: o.village ?? null, department: o.department ?? null }], { confirmed: true });
    await appendAudit(tx, {
      district,
      actorId: null,
      actorUsername: 'cli',
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      after: { username: name, role, township, village: o.village ?? null, department: o.department ?? null },
    });
    return { id, district };
  });
}
