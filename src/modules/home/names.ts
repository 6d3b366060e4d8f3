import { txt, type Text } from './schemas.ts';

/** The records an item is about, named: up to three, then how many more ('刘福来、高保国 等 5 人'). */
export function named(names: readonly string[], total: number, unit: { zh: string; en: string }): Text {
  const shown = names.slice(0, 3);
  const more = total - shown.length;
  return txt(`${shown.join('、')}${more > 0 ? ` 等 ${total} ${unit.zh}` : ''}`, `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`);
}

/** '2011-11' → 2011年11月 / Nov 2011. */
export function monthText(month: string): Text {
  const [y, m] = month.split('-');
  const en = new Date(Date.UTC(Number(y), Number(m) - 1, 1)).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  return txt(`${y}年${Number(m)}月`, `${en} ${y}`);
}
