import { pinyin } from 'pinyin-pro';

/** Search keys of a Chinese name: full pinyin, initials, and its characters and character pairs. */
export interface NameKeys {
  pinyin: string;
  initials: string;
  tokens: string[];
}

const cache = new Map<string, NameKeys>();
const CACHE_LIMIT = 200_000;

/** Characters and adjacent pairs: a partial name of one or two characters finds the person by index. */
export function nameTokens(name: string): string[] {
  const chars = [...name.toLowerCase().replace(/\s+/g, '')];
  const tokens = new Set<string>(chars);
  for (let i = 0; i + 1 < chars.length; i++) tokens.add(`${chars[i]}${chars[i + 1]}`);
  return [...tokens];
}

/** Pinyin in surname mode (单 as shan, 曾 as zeng at the start of a name), lower case, no tones. */
export function nameKeys(name: string): NameKeys {
  const cached = cache.get(name);
  if (cached) return cached;
  const syllables = pinyin(name, { toneType: 'none', surname: 'head', type: 'array', nonZh: 'consecutive' })
    .map((s) =>
      s
        .toLowerCase()
        .replace(/ü/g, 'v')
        .replace(/[^a-z0-9]/g, ''),
    )
    .filter((s) => s.length > 0);
  const keys = { pinyin: syllables.join(''), initials: syllables.map((s) => s[0]).join(''), tokens: nameTokens(name) };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(name, keys);
  return keys;
}

export type NameQuery = { kind: 'hanzi'; text: string; tokens: string[] } | { kind: 'pinyin'; text: string };

/** What a typed name search means: Chinese characters, or pinyin (full or initials, as a prefix). */
export function parseNameQuery(input: string): NameQuery | null {
  const text = input.trim().toLowerCase().replace(/\s+/g, '');
  if (text === '') return null;
  if (/^[a-z]+$/.test(text)) return { kind: 'pinyin', text };
  const chars = [...text];
  const tokens = chars.length === 1 ? chars : chars.slice(0, -1).map((c, i) => `${c}${chars[i + 1]}`);
  return { kind: 'hanzi', text, tokens: [...new Set(tokens)] };
}
