import { Tag, Tooltip } from 'antd';
import type { Person } from '../../api/registryTypes.ts';
import { EnumTag } from '../../components/EnumTag.tsx';
import { enumTable } from '../../components/enumTable.ts';
import { useI18n } from '../../i18n/index.ts';
import { ageOn, businessToday } from './registryFormat.ts';

/** 健在 / 已故 */
const ALIVE_TAGS = enumTable<'true' | 'false'>(
  'registry.alive',
  { true: 'success', false: 'default' },
  { testId: (alive) => (alive === 'true' ? 'status-alive' : 'status-dead') },
);

/** 农业 / 非农业 */
export const HUKOU_TAGS = enumTable<Person['hukou']>('registry.hukou', { rural: 'green', urban: 'blue' }, { variant: 'outlined' });

/** 健在 / 已故, plus 已迁出 when the person has left the district. */
export function PersonStatus({ person }: { person: Pick<Person, 'alive' | 'deathDate' | 'movedOutOn'> }) {
  const { t } = useI18n();
  const alive = <EnumTag table={ALIVE_TAGS} value={person.alive ? 'true' : 'false'} />;
  return (
    <>
      {!person.alive && person.deathDate ? <Tooltip title={t('household.deathOn', { date: person.deathDate })}>{alive}</Tooltip> : alive}
      {person.movedOutOn ? (
        <Tooltip title={t('household.movedOutOn', { date: person.movedOutOn })}>
          <Tag color="orange" data-testid="status-moved-out">
            {t('registry.movedOut')}
          </Tag>
        </Tooltip>
      ) : null}
    </>
  );
}

/** 1980-03-12（46岁）; a deceased person's age at death. */
export function BirthDate({ person }: { person: Pick<Person, 'birthDate' | 'deathDate'> }) {
  const { t } = useI18n();
  const age = ageOn(person.birthDate, person.deathDate ?? businessToday());
  return (
    <span>
      {person.birthDate} <span className="xf-muted">{t('common.inParens', { text: t('registry.age', { age }) })}</span>
    </span>
  );
}
