/**
 * Chinese text takes full-width punctuation: ，；：！？（）. A half-width , ; : ! ? ( ) written
 * beside a Chinese character (or beside full-width punctuation) is a slip.
 */
const CHINESE = '\\u3400-\\u9fff\\u3000-\\u303f\\uff00-\\uffef';
const SLIP = new RegExp(`[${CHINESE}][,;:!?()]|[,;:!?()][${CHINESE}]`, 'g');

/** Each half-width mark beside Chinese, with a few characters around it to find it by. */
export function halfWidthSlips(text: string): string[] {
  return Array.from(text.matchAll(SLIP), (m) => {
    const at = m.index;
    return text.slice(Math.max(0, at - 6), at + 8).replace(/\s+/g, ' ');
  });
}
