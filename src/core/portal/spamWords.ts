/**
 * Spam vocabulary: the words injected SEO spam carries (gambling, pornography, spider pools and
 * site farms, private game servers, fake certificates), kept as data in spam-words.json. A second
 * signal only: a district's page with enough of them is reported, with the words found.
 */
import list from './spam-words.json' with { type: 'json' };
import { convertScript } from './script.ts';

interface SpamWordList {
  threshold: number;
  categories: Record<string, string[]>;
}

const wordList: SpamWordList = list;

/** Longest first, so a phrase is counted once and not again as the words inside it. */
const words: readonly string[] = [...new Set(Object.values(wordList.categories).flat())].map((w) => w.toLowerCase()).sort((a, b) => b.length - a.length);

export const spamThreshold = wordList.threshold;

const isLatin = (c: string | undefined): boolean => c !== undefined && /[a-z0-9]/.test(c);

/** Occurrences of `word` in `text` (as whole words when Latin), replaced by spaces so shorter words do not count them again. */
function take(text: string, word: string): { count: number; rest: string } {
  let count = 0;
  let rest = text;
  let from = 0;
  for (;;) {
    const at = rest.indexOf(word, from);
    if (at < 0) break;
    from = at + word.length;
    const latin = isLatin(word[0]);
    if (latin && (isLatin(rest[at - 1]) || isLatin(rest[at + word.length]))) continue;
    count++;
    rest = `${rest.slice(0, at)}${' '.repeat(word.length)}${rest.slice(at + word.length)}`;
  }
  return { count, rest };
}

/** The spam words in `text` (Simplified or Traditional) with their counts, most frequent first. */
export function spamWordsIn(text: string): { word: string; count: number }[] {
  let rest = convertScript(text, 'hant', 'hans').toLowerCase();
  const found: { word: string; count: number }[] = [];
  for (const word of words) {
    if (!rest.includes(word)) continue;
    const taken = take(rest, word);
    rest = taken.rest;
    if (taken.count > 0) found.push({ word, count: taken.count });
  }
  return found.sort((a, b) => b.count - a.count || a.word.localeCompare(b.word));
}
