import { Tag } from 'antd';
import { useCallback } from 'react';
import type { ColumnMatch, ImportJob, RosterField } from '../../api/registryTypes.ts';
import { useI18n } from '../../i18n/index.ts';
import { EnumTag } from '../../components/EnumTag.tsx';
import { enumTable } from '../../components/enumTable.ts';

/**
 * A roster field's name. In Chinese it is the server's label, exactly (the roster heads its
 * columns with it); in English our translation, or the server's label for a field we do not know.
 */
export function useFieldLabel(): (key: RosterField, label: string) => string {
  const { lang, tx } = useI18n();
  return useCallback((key, label) => (lang === 'zh-CN' ? label : tx(`import.field.${key}`, label)), [lang, tx]);
}

/** A list of names as the language writes one (、 in Chinese). */
export function useJoin(): (items: string[]) => string {
  const { t } = useI18n();
  return useCallback((items) => items.join(t('import.separator')), [t]);
}

const HOW_TAGS = enumTable<ColumnMatch>('import.how', {
  template: 'green',
  synonym: 'cyan',
  remembered: 'blue',
  mapping: 'purple',
});

/** How a column came to its field. */
export function HowTag({ how }: { how: ColumnMatch | null }) {
  const { t } = useI18n();
  if (!how) return <Tag>{t('import.how.none')}</Tag>;
  return <EnumTag table={HOW_TAGS} value={how} />;
}

export function jobFinished(job: ImportJob | undefined): boolean {
  return job?.state === 'done' || job?.state === 'failed';
}
