import type { Locale } from 'antd/es/locale/index.js';
import enUSModule from 'antd/locale/en_US.js';
import zhCNModule from 'antd/locale/zh_CN.js';
import type { Lang } from '../api/types.ts';

/*
 * antd ships its locales as CommonJS. TypeScript (NodeNext) types the default import as the
 * module object, while Vite hands over `exports.default`; accept both shapes.
 */
function unwrap(value: Locale | { default: Locale }): Locale {
  return 'default' in value ? value.default : value;
}

const locales: Record<Lang, Locale> = { 'zh-CN': unwrap(zhCNModule), en: unwrap(enUSModule) };

export function antdLocale(lang: Lang): Locale {
  return locales[lang];
}
