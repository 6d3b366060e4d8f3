/*
 * The bank's payment file (.csv), one of the papers the benefits office issues (see documents.ts):
 * summed in integer fen, refused when it does not add up to the caller's control totals, and every
 * field but the amounts made inert so no name becomes a formula.
 */
import { inertText } from '../../core/exports/inert.ts';
import { fenText, toFen } from './documents.ts';

export interface BankLine {
  account: string;
  name: string;
  /** Yuan, positive: the bank file carries payments only; the caller nets adjustments first. */
  amount: number;
  reference: string;
}

/**
 * One field as RFC 4180 wants it — quoted when it holds a comma, quote or line break, quotes
 * doubled — and, unless it is an amount, inert: a name such as =HYPERLINK(…) gets its apostrophe.
 */
function csvField(value: string | { amount: string }): string {
  const text = typeof value === 'string' ? inertText(value) : value.amount;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (fields: (string | { amount: string })[]) => `${fields.map(csvField).join(',')}\r\n`;

/** Writes, waiting for the stream to drain when it asks to, so a long file does not pile up in memory. */
function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (out.write(text)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const drained = () => {
      out.off('error', failed);
      resolve();
    };
    const failed = (err: Error) => {
      out.off('drain', drained);
      reject(err);
    };
    out.once('drain', drained);
    out.once('error', failed);
  });
}

/**
 * Streams the bank's payment file into `out` and ends it: UTF-8 with a BOM (the clerks open it in
 * Excel), CRLF, header account,name,amount,reference, one line per payment, then the trailer
 * TOTAL,<count>,<sum>,<reference>. A line without an account or with an amount that is not
 * positive throws, naming its reference; a count or sum that differs from `control` throws before
 * the trailer is written, so a file without its trailer is an incomplete one.
 */
export async function writeBankCsv(
  out: NodeJS.WritableStream,
  lines: AsyncIterable<BankLine>,
  control: { reference: string; lines: number; amount: number },
): Promise<{ lines: number; amount: number }> {
  await write(out, `\uFEFF${csvLine(['account', 'name', 'amount', 'reference'])}`);
  let count = 0;
  let sum = 0;
  for await (const line of lines) {
    if (line.account.trim() === '') throw new Error(`bank line ${line.reference} has no account`);
    const fen = toFen(line.amount, `bank line ${line.reference}`);
    if (fen <= 0) throw new Error(`bank line ${line.reference} has a non-positive amount ${line.amount}`);
    count++;
    sum += fen;
    await write(out, csvLine([line.account, line.name, { amount: fenText(fen) }, line.reference]));
  }
  if (count !== control.lines || sum !== toFen(control.amount, 'bank control total')) {
    throw new Error(`bank file ${control.reference}: ${count} lines ${fenText(sum)} do not match control ${control.lines} lines ${control.amount}`);
  }
  await write(out, csvLine(['TOTAL', String(count), { amount: fenText(sum) }, control.reference]));
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return { lines: count, amount: sum / 100 };
}
