/**
 * The portal's two scripts: articles are written in Simplified (hans) or Traditional (hant)
 * Chinese and read in either. Conversion is OpenCC's (opencc-js): mainland Simplified ⇄ Taiwan
 * standard Traditional, phrase by phrase. Converting HTML text as a whole is safe: tags,
 * attributes and URLs are ASCII and pass through unchanged.
 */
import { Converter } from 'opencc-js';

export const scripts = ['hans', 'hant'] as const;
export type Script = (typeof scripts)[number];

let toHant: ((text: string) => string) | null = null;
let toHans: ((text: string) => string) | null = null;

/** `text` (written in `from`) as read in `to`. The dictionaries load on first use. */
export function convertScript(text: string, from: Script, to: Script): string {
  if (from === to) return text;
  if (to === 'hant') return (toHant ??= Converter({ from: 'cn', to: 'tw' }))(text);
  return (toHans ??= Converter({ from: 'tw', to: 'cn' }))(text);
}

export const isScript = (value: unknown): value is Script => value === 'hans' || value === 'hant';
