/**
 * Text written into the files the platform hands out — the bank's CSV, the payment roll, the
 * register export, import error workbooks — made inert. A spreadsheet reads a cell or CSV field
 * that begins with = + - @ (or a tab or carriage return, which some programs strip first) as a
 * formula: a person registered as `=HYPERLINK("http://e.cn","点")` would arrive in the bank file as
 * a live link. Such text gets a leading apostrophe (OWASP, "CSV injection"), so Excel, WPS and
 * LibreOffice show it as the text it is; the full-width ＝＋－＠ that Chinese input methods type
 * are treated alike. Numbers are left as numbers: a negative amount in a numeric cell stays a number.
 */

const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

/** The text, with an apostrophe in front when a spreadsheet would read it as a formula. */
export function inertText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export type InertCell = string | number | boolean | Date | null;

/**
 * A value for a spreadsheet cell that no spreadsheet evaluates: finite numbers, booleans and dates
 * as they are, text through inertText, and never a formula — a formula object (as a workbook read
 * back gives it) becomes its calculated result, rich text and hyperlinks their plain text.
 */
export function inertCell(value: unknown): InertCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'string') return inertText(value);
  if (typeof value === 'object') {
    const cell = value as Record<string, unknown>;
    if ('formula' in cell || 'sharedFormula' in cell) return inertCell(cell.result);
    if (Array.isArray(cell.richText)) return inertText(cell.richText.map((run: { text?: unknown }) => String(run.text ?? '')).join(''));
    if (typeof cell.text === 'string') return inertText(cell.text);
    if (typeof cell.error === 'string') return inertText(cell.error);
  }
  return inertText(String(value));
}

/** A row of cells by column key, each through inertCell; keys whose value is undefined are left out (an empty cell). */
export function inertRow(row: Record<string, unknown>): Record<string, InertCell> {
  const out: Record<string, InertCell> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value !== undefined) out[key] = inertCell(value);
  }
  return out;
}
