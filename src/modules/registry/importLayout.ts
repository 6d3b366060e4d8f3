/** Reading a roster's layout: the township's villages, the header when none is recognised, sample values. */
import { maskIdNumber, maskText } from '../../core/privacy/mask.ts';
import { cellText, FormulaCell, rosterColumns } from '../../core/registry/roster.ts';
import { normalizeHeader, type HeaderLayout } from '../../core/registry/rosterHeaders.ts';
import type { Database } from '../../db/types.ts';
import { villagesOfTownship } from './importQueries.ts';
import { importError, type SheetRow } from './rows.ts';

const SAMPLES = 3;

const requiredKeys = rosterColumns.filter((c) => c.required).map((c) => c.key);

/** A cell as the error workbook and the preview show it. */
export function shown(value: unknown): string {
  if (value instanceof FormulaCell) return `=${value.formula}`;
  return cellText(value);
}

export interface Village {
  code: string;
  name: string;
}

/** The township's villages, found by code, by name, and by name without 村/社区/居委会. */
export class Villages {
  private readonly byKey = new Map<string, Village | null>();
  readonly all: Village[];
  constructor(rows: Village[]) {
    this.all = rows;
    const add = (key: string, v: Village) => {
      const known = this.byKey.get(key);
      this.byKey.set(key, known === undefined || known?.code === v.code ? v : null);
    };
    for (const v of rows) {
      add(v.code, v);
      add(normalizeHeader(v.name), v);
      add(Villages.stem(v.name), v);
    }
  }
  static stem(name: string): string {
    return normalizeHeader(name).replace(/(村民委员会|居民委员会|村委会|居委会|社区|村)$/, '');
  }
  find(text: string): Village | null {
    const key = normalizeHeader(text);
    return this.byKey.get(key) ?? this.byKey.get(Villages.stem(text)) ?? null;
  }
  /** The one village a title such as “武清区梅厂镇六道口村人口花名册” names. */
  inTitle(title: string | null): Village | null {
    if (!title) return null;
    const named = this.all.filter((v) => title.includes(v.name));
    return named.length === 1 ? (named[0] as Village) : null;
  }
}

export async function townshipVillages(db: Database, district: string, township: string): Promise<Villages> {
  const rows = await villagesOfTownship(db, district, township);
  if (rows.length === 0) throw importError('import_township', `乡镇街代码 ${township} 不存在或没有村居`, `Unknown township ${township}`);
  return new Villages(rows);
}

/** When no row reads as a header, the first full-looking row is offered for matching by hand. */
export function fallbackLayout(rows: readonly SheetRow[]): HeaderLayout | null {
  const filled = rows.map((r) => r.cells.filter((c) => cellText(c) !== '').length);
  const widest = Math.max(0, ...filled);
  const index = filled.findIndex((n) => n >= Math.max(2, Math.ceil(widest / 2)));
  if (index < 0) return null;
  const row = rows[index] as SheetRow;
  const columns = row.cells.flatMap((c, column) =>
    cellText(c) === '' ? [] : [{ column, header: cellText(c), normalized: normalizeHeader(c), key: null, how: null }],
  );
  const title =
    rows
      .slice(0, index)
      .map((r) => r.cells.map(cellText).filter(Boolean).join(' '))
      .join(' ') || null;
  return { firstHeaderIndex: index, lastHeaderIndex: index, columns, missing: [...requiredKeys], title };
}

const idLike = /^\d{15}$|^\d{17}[\dXx]$/;

/** Sample values of a column, ID and phone numbers masked. */
export function samplesOf(rows: readonly SheetRow[], column: number): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const text = shown(r.cells[column]);
    if (text === '') continue;
    out.push(idLike.test(text) ? maskIdNumber(text) : maskText(text));
    if (out.length >= SAMPLES) break;
  }
  return out;
}
