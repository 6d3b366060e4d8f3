export { I18nProvider, useI18n, isLang, LANGS, LANG_STORAGE_KEY, type I18n } from './context.tsx';
export { formatDateTime } from './format.ts';
export { auditActionLabels, entityTypeLabels, labelFor, verifyReasonLabels } from './labels.ts';
export type { MessageKey } from './zh-CN.ts';
