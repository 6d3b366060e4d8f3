import synonyms from './rosterHeaders.json' with { type: 'json' };
import { cellText, rosterColumns, type RosterKey } from './roster.ts';

/**
 * Finding the header of a township roster as townships write it: a title above, perhaps a
 * "填报单位：… 填报日期：…" line, headers worded their own way, sometimes over two rows (a group
 * cell merged over sub-headers, or cells merged down over both rows). Pure: the caller reads the
 * first rows of the sheet and stores the user's choices.
 */

export type HeaderHow = 'template' | 'synonym' | 'remembered' | 'mapping';

export interface ColumnInfo {
  /** 0-based cell index. */
  column: number;
  /** As shown to users, trimmed; for two-row headers "独生子女证/证号". */
  header: string;
  /** normalizeHeader(header): the text a ColumnMapping is keyed by. */
  normalized: string;
  key: RosterKey | null;
  how: HeaderHow | null;
}

export interface HeaderLayout {
  /** 0-based index in the rows passed in. */
  firstHeaderIndex: number;
  /** Data rows start after this one (== firstHeaderIndex unless the header has two rows or a row of column numbers). */
  lastHeaderIndex: number;
  /** One per non-empty header cell, in column order. */
  columns: ColumnInfo[];
  /** Required keys that no column maps to, in template order. */
  missing: RosterKey[];
  /** Text of the non-empty rows above the header, joined with ' '. */
  title: string | null;
}

/** Normalized header text → field key, or null meaning "ignore this column". */
export type ColumnMapping = Record<string, RosterKey | null>;

export const headerSynonyms: Readonly<Record<RosterKey, readonly string[]>> = synonyms;

const keys = new Set<string>(rosterColumns.map((c) => c.key));
const isKey = (value: unknown): value is RosterKey => typeof value === 'string' && keys.has(value);

/** "(必填)", "（选填）"… at the end, after full-width brackets are folded. */
const ANNOTATION = /[([{【](?:必填|选填|可选|可不填|非必填)[)\]}】]$/;
const PUNCTUATION = /[()[\]{}【】〔〕<>《》*＊:：/／\\|,，、.。;；·_\-"'“”‘’?？!！]/g;
const BRACKETED = /[([{【〔]([^()[\]{}【】〔〕]*)[)\]}】〕]/g;

/**
 * A header as compared: full-width folded (cellText), without white space, without a trailing
 * "(必填)"/"(选填)" and without brackets and punctuation, so that "村（居）", "村(居)" and
 * "* 村 (居)" are all "村居".
 */
export function normalizeHeader(text: unknown): string {
  return cellText(text).replace(/\s+/g, '').replace(ANNOTATION, '').replace(PUNCTUATION, '');
}

/**
 * The header without its bracketed notes ("身份证号（18位）" → "身份证号"), or null when it has
 * none. Never drops a note naming the head ("身份证号（户主）" is not the member's number).
 */
function withoutNotes(text: string): string | null {
  const folded = cellText(text).replace(/\s+/g, '');
  const notes = [...folded.matchAll(BRACKETED)].map((m) => m[1] ?? '');
  if (notes.length === 0 || notes.some((n) => n.includes('户主'))) return null;
  const stripped = normalizeHeader(folded.replace(BRACKETED, ''));
  return stripped === '' ? null : stripped;
}

interface Known {
  key: RosterKey;
  how: 'template' | 'synonym';
}

const dictionary: ReadonlyMap<string, Known> = (() => {
  const map = new Map<string, Known>();
  const add = (text: string, key: RosterKey, how: Known['how']) => {
    const n = normalizeHeader(text);
    const seen = map.get(n);
    if (seen && seen.key !== key) throw new Error(`roster header "${text}" is listed for both ${seen.key} and ${key}`);
    if (!seen) map.set(n, { key, how });
  };
  for (const c of rosterColumns) add(c.header, c.key, 'template');
  for (const [key, texts] of Object.entries(synonyms)) {
    if (!isKey(key)) throw new Error(`rosterHeaders.json: unknown field ${key}`);
    for (const text of texts as readonly string[]) add(text, key, 'synonym');
  }
  return map;
})();

type Resolution = { key: RosterKey | null; how: HeaderHow };

function userMap(mapping: ColumnMapping | undefined): Map<string, RosterKey | null> {
  const map = new Map<string, RosterKey | null>();
  for (const [text, key] of Object.entries(mapping ?? {})) {
    // A stored choice naming a field that no longer exists is no choice.
    if (key === null || isKey(key)) map.set(normalizeHeader(text), key);
  }
  return map;
}

function auto(text: string): Known | null {
  if (text === '') return null;
  const hit = dictionary.get(normalizeHeader(text));
  if (hit) return hit;
  const stripped = withoutNotes(text);
  return stripped === null ? null : (dictionary.get(stripped) ?? null);
}

interface Draft {
  column: number;
  header: string;
  normalized: string;
  resolution: Resolution | null;
}

class Matcher {
  private readonly mapping: Map<string, RosterKey | null>;
  private readonly remembered: Map<string, RosterKey | null>;

  constructor(options: { mapping?: ColumnMapping; remembered?: ColumnMapping }) {
    this.mapping = userMap(options.mapping);
    this.remembered = userMap(options.remembered);
  }

  /** The user's choice for a normalized header, then the template and synonyms for each candidate text in turn. */
  resolve(normalized: string, candidates: readonly string[]): Resolution | null {
    if (this.mapping.has(normalized)) return { key: this.mapping.get(normalized) ?? null, how: 'mapping' };
    if (this.remembered.has(normalized)) return { key: this.remembered.get(normalized) ?? null, how: 'remembered' };
    for (const text of candidates) {
      const hit = auto(text);
      if (hit) return hit;
    }
    return null;
  }

  known(text: string): boolean {
    return text !== '' && this.resolve(normalizeHeader(text), [text]) !== null;
  }
}

/** A cell's text as shown: line breaks inside a wrapped header dropped, spaces collapsed, trimmed. */
function display(value: unknown): string {
  if (typeof value !== 'string') return cellText(value);
  return value
    .replace(/[\r\n]+/g, '')
    .replace(/[\s\u3000]+/g, ' ')
    .trim();
}

/** Non-empty texts of a row, a run of equal ones (a merged cell repeated by the reader) once. */
function texts(row: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const cell of row) {
    const t = display(cell);
    if (t !== '' && out[out.length - 1] !== t) out.push(t);
  }
  return out;
}

/** A title, or a row with nothing in it: at most one distinct text. */
function isTitle(row: readonly unknown[]): boolean {
  return new Set(texts(row)).size <= 1;
}

/** A data row: it holds a date value or an ID number. */
function looksLikeData(row: readonly unknown[]): boolean {
  return row.some((cell) => cell instanceof Date || /^(\d{15}|\d{17}[\dX])$/i.test(cellText(cell)));
}

/** A row numbering the columns (栏次 1, 2, 3…) under the header. */
function isColumnNumberRow(row: readonly unknown[] | undefined): boolean {
  if (!row) return false;
  const values = row.map((cell) => cellText(cell)).filter((t) => t !== '');
  return values.length >= 3 && values.every((t, i) => t === String(i + 1));
}

function singleRow(row: readonly unknown[], matcher: Matcher): Draft[] {
  const drafts: Draft[] = [];
  row.forEach((cell, column) => {
    const header = display(cell);
    if (header === '') return;
    const normalized = normalizeHeader(header);
    drafts.push({ column, header, normalized, resolution: matcher.resolve(normalized, [header]) });
  });
  return drafts;
}

/**
 * The columns of a two-row header, or null when the second row is not a header row: it must
 * add at least one recognised sub-header under a group cell or an empty cell.
 */
function twoRows(top: readonly unknown[], sub: readonly unknown[], matcher: Matcher): Draft[] | null {
  if (isTitle(top) || looksLikeData(top) || looksLikeData(sub)) return null;
  const drafts: Draft[] = [];
  let group: string | null = null;
  let addsSubHeader = false;
  for (let column = 0; column < Math.max(top.length, sub.length); column++) {
    const own = display(top[column]);
    let lower = display(sub[column]);
    // A reader that repeats a vertically merged cell shows it in both rows.
    if (lower !== '' && normalizeHeader(lower) === normalizeHeader(own)) lower = '';
    if (own !== '') group = lower !== '' ? own : null;
    if (own === '' && lower === '') continue;
    const upper = own !== '' ? own : lower !== '' ? (group ?? '') : '';
    const header = upper !== '' && lower !== '' ? `${upper}/${lower}` : upper || lower;
    const candidates: string[] = [];
    if (upper !== '' && lower !== '') candidates.push(header);
    // Under a group naming the head (户主 → 姓名 | 身份证号), a sub-header is not the member's.
    if (lower !== '' && !/^户主/.test(normalizeHeader(upper))) candidates.push(lower);
    if (own !== '') candidates.push(own);
    const normalized = normalizeHeader(header);
    const resolution = matcher.resolve(normalized, candidates);
    if (lower !== '' && resolution !== null && (own === '' || !matcher.known(own))) addsSubHeader = true;
    drafts.push({ column, header, normalized, resolution });
  }
  return addsSubHeader ? drafts : null;
}

const score = (drafts: readonly Draft[]) => drafts.filter((d) => d.resolution !== null).length;

const priority: Record<HeaderHow, number> = { mapping: 0, remembered: 1, template: 2, synonym: 2 };

/**
 * Finds the header row among the first rows of a sheet (the caller passes up to 30 rows, each an
 * array of cell values as read: strings, numbers, Dates, null) and maps its columns.
 *
 * Every row is scored by how many of its cells are known headers (the template's, synonyms,
 * and texts in `mapping` or `remembered`); a row with one distinct text (a title) scores
 * nothing. A row and the next one form a two-row header when the next row adds a recognised
 * sub-header under a group or empty cell, holds no data (no date value, no ID number), and the
 * pair recognises more columns than either row alone. The best score wins, the earliest on a
 * tie; below 2, there is no header (null).
 *
 * `mapping` (the user's choices for this file) wins over `remembered` (the township's earlier
 * choices), which win over the template header and synonyms; both are keyed by normalized
 * header text. Each key is taken by one column: the user's choices first, then the first column;
 * other columns with that key get key null.
 */
export function detectHeader(
  rows: readonly (readonly unknown[])[],
  options: { mapping?: ColumnMapping; remembered?: ColumnMapping } = {},
): HeaderLayout | null {
  const matcher = new Matcher(options);
  const singles = rows.map((row) => (isTitle(row) ? [] : singleRow(row, matcher)));
  type Candidate = { index: number; rows: 1 | 2; drafts: Draft[]; score: number };
  let found: Candidate | null = null;
  for (let index = 0; index < rows.length; index++) {
    const single = singles[index] ?? [];
    let candidate: Candidate = { index, rows: 1, drafts: single, score: score(single) };
    const row = rows[index];
    const next = rows[index + 1];
    const pair = row && next ? twoRows(row, next, matcher) : null;
    if (pair && score(pair) > Math.max(candidate.score, score(singles[index + 1] ?? []))) {
      candidate = { index, rows: 2, drafts: pair, score: score(pair) };
    }
    if (!found || candidate.score > found.score) found = candidate;
  }
  if (!found || found.score < 2) return null;

  const taken = new Map<RosterKey, number>();
  const claims = found.drafts
    .filter((d): d is Draft & { resolution: { key: RosterKey; how: HeaderHow } } => d.resolution?.key != null)
    .sort((a, b) => priority[a.resolution.how] - priority[b.resolution.how] || a.column - b.column);
  for (const d of claims) if (!taken.has(d.resolution.key)) taken.set(d.resolution.key, d.column);

  const columns: ColumnInfo[] = found.drafts.map((d) => {
    const key = d.resolution?.key ?? null;
    const wins = key === null || taken.get(key) === d.column;
    return { column: d.column, header: d.header, normalized: d.normalized, key: wins ? key : null, how: wins ? (d.resolution?.how ?? null) : null };
  });
  let lastHeaderIndex = found.index + found.rows - 1;
  if (isColumnNumberRow(rows[lastHeaderIndex + 1])) lastHeaderIndex++;
  const above = rows
    .slice(0, found.index)
    .map((row) => texts(row).join(' '))
    .filter((t) => t !== '');
  return {
    firstHeaderIndex: found.index,
    lastHeaderIndex,
    columns,
    missing: rosterColumns.filter((c) => c.required && !taken.has(c.key)).map((c) => c.key),
    title: above.length > 0 ? above.join(' ') : null,
  };
}
