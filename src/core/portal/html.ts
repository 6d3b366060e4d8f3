/** Writing HTML by hand, safely: every text and attribute value goes through `esc`. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const esc = (text: string | number): string => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

/** A date 'YYYY-MM-DD' as readers write it: 2011年11月30日. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
