import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { setApiLanguage } from '../api/client.ts';
import type { Lang, LocalizedText } from '../api/types.ts';
import { en } from './en.ts';
import { zhCN, type MessageKey, type Messages } from './zh-CN.ts';

export const LANG_STORAGE_KEY = 'xingfu.lang';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

const dictionaries: Record<Lang, Messages> = { 'zh-CN': zhCN, en };

export type Params = Record<string, string | number>;

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** Translate a known key, filling `{name}` placeholders. */
  t: (key: MessageKey, params?: Params) => string;
  /** Translate a key built at run time (e.g. `role.${code}`); falls back to `fallback`. */
  tx: (key: string, fallback: string) => string;
  /** Choose the current language from a text the server sent in both. */
  pick: (text: LocalizedText | undefined) => string;
}

export function isLang(value: string | null): value is Lang {
  return value === 'zh-CN' || value === 'en';
}

function initialLang(): Lang {
  try {
    const stored = window.localStorage.getItem(LANG_STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // storage may be unavailable (private mode); zh-CN is the default
  }
  return 'zh-CN';
}

function format(template: string, params: Params | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

function applyLang(lang: Lang): void {
  setApiLanguage(lang);
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang;
  document.title = dictionaries[lang]['app.name'];
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const chosen = initialLang();
    applyLang(chosen);
    return chosen;
  });

  useEffect(() => applyLang(lang), [lang]);

  const setLang = useCallback((next: Lang) => {
    try {
      window.localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // not remembered, still switched
    }
    applyLang(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const messages = dictionaries[lang];
    const lookup: Record<string, string> = messages;
    return {
      lang,
      setLang,
      t: (key, params) => format(messages[key], params),
      tx: (key, fallback) => lookup[key] ?? fallback,
      // An empty string is a deliberate "nothing" (e.g. no unit in English), not a missing text.
      pick: (text) => (text ? (text[lang] ?? text['zh-CN']) : ''),
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
