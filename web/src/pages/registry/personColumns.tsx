import type { TableColumnsType } from 'antd';
import type { SortOrder as AntSortOrder } from 'antd/es/table/interface.js';
import type { Person, PersonQuery, PersonSort } from '../../api/registryTypes.ts';
import type { I18n } from '../../i18n/index.ts';
import { BirthDate, HUKOU_TAGS, PersonStatus } from './PersonTags.tsx';
import { EnumTag } from '../../components/EnumTag.tsx';

function sortOrderOf(query: PersonQuery, key: PersonSort): AntSortOrder {
  // The server sorts by name unless told otherwise.
  const sort = query.sort ?? 'name';
  if (sort !== key) return null;
  return query.order === 'desc' ? 'descend' : 'ascend';
}

/**
 * Columns of the person search; sorting is done by the server, so sorters only flag the column.
 * `withTownship`: the user sees several townships, so the village says which one.
 */
export function personColumns(query: PersonQuery, i18n: Pick<I18n, 't'>, withTownship: boolean): TableColumnsType<Person> {
  const { t } = i18n;
  const sortable = (key: PersonSort) => ({ key, sorter: true, sortOrder: sortOrderOf(query, key) });
  return [
    {
      title: t('registry.col.name'),
      dataIndex: 'name',
      width: 96,
      fixed: 'left',
      ...sortable('name'),
      render: (value: string, person) => <span data-testid={`person-${person.id}`}>{value}</span>,
    },
    { title: t('registry.col.sex'), dataIndex: 'sex', width: 72, render: (value: Person['sex']) => t(`registry.sex.${value}`) },
    {
      title: t('registry.col.birthDate'),
      dataIndex: 'birthDate',
      width: 150,
      ...sortable('birthDate'),
      render: (_: unknown, person) => <BirthDate person={person} />,
    },
    {
      title: t('registry.col.idNumber'),
      dataIndex: 'idNumber',
      width: 170,
      render: (value: string) => <span className="xf-code">{value}</span>,
    },
    { title: t('registry.col.hukou'), dataIndex: 'hukou', width: 86, render: (value: Person['hukou']) => <EnumTag table={HUKOU_TAGS} value={value} /> },
    {
      title: t('registry.col.village'),
      dataIndex: 'village',
      ...sortable('village'),
      render: (_: unknown, person) => (
        <div title={person.township.name}>
          {person.village.name}
          {withTownship ? <div className="xf-subline">{person.township.name}</div> : null}
        </div>
      ),
    },
    {
      title: t('registry.col.householdNumber'),
      dataIndex: 'householdNumber',
      width: 120,
      render: (value: string | null) => (value ? <span className="xf-code">{value}</span> : <span className="xf-muted">—</span>),
    },
    {
      title: t('registry.col.status'),
      dataIndex: 'alive',
      width: 120,
      render: (_: unknown, person) => <PersonStatus person={person} />,
    },
    {
      title: t('registry.col.relation'),
      dataIndex: 'relation',
      width: 96,
      render: (value: Person['relation']) => t(`registry.relation.${value}`),
    },
  ];
}
