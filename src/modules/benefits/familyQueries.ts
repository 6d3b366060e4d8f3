/**
 * The SQL that reads the kept families (benefit_family, migration 0015) as the programmes see them;
 * each row's facts are read by FamilyReader (register.ts). Run inside the caller's transaction.
 */
import type { RegisterFamily } from '../../core/benefits/registerFamily.ts';
import { Cursor } from '../../db/cursor.ts';
import type { Queryable } from '../../db/types.ts';
import { FamilyReader } from './register.ts';

/** Which families to read: every one in the caller's reach, those of some households, or those with an enrolment in a programme. */
export type FamilyFilter = readonly string[] | { enrolledIn: string };

/**
 * Sets, for the rest of the transaction, what reading a whole register needs: hash joins over a
 * district's enrolments fit in memory (the default 4 MB spills them to disk), and no JIT
 * compilation (a third of a second per statement, for queries that spend their time moving rows).
 */
async function prepareForRegisterRead(tx: Queryable): Promise<void> {
  await tx.query("SELECT set_config('work_mem', '256MB', true), set_config('jit', 'off', true)");
}

/**
 * Families as the programmes see them, a batch at a time: per household, the head and the spouse
 * as parents, and every child linked to either of them (born or adopted), with deaths and
 * disability assessments. The register's writes keep them in benefit_family (migration 0015),
 * one row per family. Read under the caller's row-level security: a township sees its own
 * families only.
 */
export async function* registerFamilyBatches(tx: Queryable, filter?: FamilyFilter): AsyncGenerator<RegisterFamily[]> {
  const reader = new FamilyReader();
  const columns = "concat(township_code, ',', facts) AS f";
  if (filter !== undefined && !('enrolledIn' in filter)) {
    const { rows } = await tx.query<{ f: string }>(`SELECT ${columns} FROM benefit_family WHERE household_id = ANY ($1::uuid[]) ORDER BY household_id, part`, [
      [...filter],
    ]);
    yield rows.map(({ f }) => reader.family(f));
    return;
  }
  // Many families: through a cursor, each batch produced by the server while the previous one is
  // read here. The households enrolled in a programme are chosen on the server (a long id list is
  // slow to pass).
  await prepareForRegisterRead(tx);
  const [where, args] =
    filter === undefined ? ['', []] : ['WHERE household_id IN (SELECT e.household_id FROM benefit_enrolment e WHERE e.programme = $1)', [filter.enrolledIn]];
  const cursor = await Cursor.open<{ f: string }>(tx, 'register_families', `SELECT ${columns} FROM benefit_family ${where}`, args, FAMILY_BATCH);
  for await (const batch of cursor.batches()) yield batch.map(({ f }) => reader.family(f));
}

/** Every family of registerFamilyBatches at once. */
export async function registerFamilies(tx: Queryable, filter?: FamilyFilter): Promise<RegisterFamily[]> {
  const families: RegisterFamily[] = [];
  for await (const batch of registerFamilyBatches(tx, filter)) for (const family of batch) families.push(family);
  return families;
}

/** Families per batch of a cursor. */
const FAMILY_BATCH = 10_000;
