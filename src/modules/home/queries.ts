import type { Queryable } from '../../db/types.ts';

export interface RecentAuditRow {
  at: Date;
  actor_username: string | null;
  action: string;
  entity_type: string;
  result: string;
}

/** The district's latest audit entries, newest first. */
export async function recentAuditEntries(tx: Queryable, district: string, limit = 8): Promise<RecentAuditRow[]> {
  const { rows } = await tx.query<RecentAuditRow>(
    // In the order of the log's own key, read backwards: eight rows, however long the log.
    'SELECT at, actor_username, action, entity_type, result FROM audit_log WHERE district_code = $1 ORDER BY district_code DESC, seq DESC LIMIT $2',
    [district, limit],
  );
  return rows;
}
