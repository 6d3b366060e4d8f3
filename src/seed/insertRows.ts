import type { Queryable, SqlParam } from '../db/types.ts';

/** Multi-row INSERTs of at most `chunk` rows; `types` casts a column's parameter (jsonb, text[]). */
export async function insertRows(
  tx: Queryable,
  table: string,
  columns: string[],
  rows: SqlParam[][],
  types: Record<string, string> = {},
  chunk = 400,
): Promise<void> {
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const params: SqlParam[] = [];
    const values = part.map(
      (row) =>
        `(${row
          .map((v, i) => {
            params.push(v);
            const cast = types[columns[i] as string];
            return `$${params.length}${cast ? `::${cast}` : ''}`;
          })
          .join(', ')})`,
    );
    await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, params);
  }
}
