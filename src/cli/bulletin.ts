/** `xingfu bulletin generate`: a period's bulletin as a .docx, computed as the office sees it. */
import fs from 'node:fs';
import { AppError } from '../core/errors.ts';
import { withScope } from '../db/scope.ts';
import type { Database } from '../db/types.ts';
import { actorFor } from '../modules/auth/actor.ts';
import { bulletinDocx } from '../modules/coordination/bulletinDocx.ts';
import { bulletinForPeriod } from '../modules/coordination/bulletins.ts';
import { audit } from '../modules/coordination/config.ts';
import { firstOfficeAccounts } from '../modules/users/queries.ts';

/** The account to act as: the one named, or the district's first active office account. */
async function officeAccount(db: Database, username: string | undefined, district: string | undefined): Promise<string> {
  if (username) return username;
  const rows = await firstOfficeAccounts(db, district ?? null);
  if (rows.length === 0)
    throw new AppError('not_found', { zh: '没有可用的领导小组办公室账户，请用 --as 指定', en: 'No active office account; name one with --as' });
  if (rows.length > 1) throw new AppError('district_required');
  return (rows[0] as { username: string }).username;
}

export async function generateBulletinFile(
  db: Database,
  o: { period: string; out: string; as?: string; district?: string },
): Promise<{ number: string | null; period: string; file: string; status: string }> {
  const actor = await actorFor(db, await officeAccount(db, o.as, o.district));
  const bulletin = await withScope(db, actor, async (tx) => {
    const b = await bulletinForPeriod(tx, o.period);
    await audit(tx, actor, 'coord.bulletin_download', 'coord_bulletin', b.id || null, { detail: { period: b.period, number: b.number, via: 'cli' } });
    return b;
  });
  fs.writeFileSync(o.out, await bulletinDocx(bulletin));
  return { number: bulletin.number, period: bulletin.period, file: o.out, status: bulletin.status };
}
