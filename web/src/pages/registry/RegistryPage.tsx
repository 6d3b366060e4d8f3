import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, type TableProps } from 'antd';
import { useNavigate } from 'react-router';
import { useOrgTree } from '../../api/hooks.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { registryApi } from '../../api/registry.ts';
import type { Hukou, Person, PersonSort } from '../../api/registryTypes.ts';
import type { SortOrder } from '../../api/types.ts';
import { PERMISSIONS } from '../../auth/permissions.ts';
import { mayImportRosters } from '../../auth/permissions.ts';
import { useCurrentSession, useSession } from '../../auth/session.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { PAGE_SIZES, pagingFields, serverPagination, urlField, useUrlQuery } from '../../components/useUrlQuery.ts';
import { useI18n } from '../../i18n/index.ts';
import { personColumns } from './personColumns.tsx';
import { PersonFilters } from './PersonFilters.tsx';

/** The server stops counting here and says `totalCapped`. */
const COUNT_CAP = 10_000;
const SORT_KEYS: readonly PersonSort[] = ['name', 'birthDate', 'village', 'updatedAt'];

/** The person search lives in the URL, so a search survives the trip to a household and back. */
const PERSON_QUERY = {
  ...pagingFields(),
  q: urlField.text(),
  village: urlField.text(),
  alive: urlField.bool(),
  hukou: urlField.oneOf<Hukou>(['rural', 'urban']),
  sort: urlField.oneOf(SORT_KEYS, { keepsPage: true }),
  order: urlField.oneOf<SortOrder>(['asc', 'desc'], { keepsPage: true }),
};

function isPersonSort(key: unknown): key is PersonSort {
  return SORT_KEYS.some((sort) => sort === key);
}

/** 户籍档案: find persons; a row opens the person's household. */
export function RegistryPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useSession();
  const write = can(PERMISSIONS.registryWrite);
  const importing = mayImportRosters(useCurrentSession().grants);
  const navigate = useNavigate();
  const [query, update] = useUrlQuery(PERSON_QUERY);
  const tree = useOrgTree(can(PERMISSIONS.orgRead));
  const manyTownships = (tree.data?.townships.length ?? 0) > 1;

  const persons = useQuery({
    queryKey: queryKeys.registry.personList(query),
    queryFn: ({ signal }) => registryApi.search(query, signal),
    placeholderData: keepPreviousData,
  });

  if (persons.isError && !persons.data) return <QueryError error={persons.error} onRetry={() => void persons.refetch()} />;

  const onTableChange: TableProps<Person>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'paginate') {
      update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? query.pageSize });
      return;
    }
    if (extra.action === 'sort' && !Array.isArray(sorter)) {
      const sort = sorter.order && isPersonSort(sorter.columnKey) ? sorter.columnKey : undefined;
      update({ sort, order: sort ? (sorter.order === 'descend' ? 'desc' : 'asc') : undefined, page: 1 });
    }
  };

  const capped = persons.data?.totalCapped ?? false;

  return (
    <Card
      title={t('registry.title')}
      extra={
        write ? (
          <Space>
            {importing ? (
              <Button icon={<ImportOutlined />} onClick={() => void navigate('/registry/import')} data-testid="registry-import">
                {t('registry.import')}
              </Button>
            ) : null}
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/registry/households/new')} data-testid="registry-create">
              {t('registry.newHousehold')}
            </Button>
          </Space>
        ) : null
      }
      data-testid="registry-page"
    >
      <PersonFilters query={query} onChange={update} onRefresh={() => void persons.refetch()} />
      <ResponsiveTable<Person>
        rowKey="id"
        size="middle"
        columns={personColumns(query, i18n, manyTownships)}
        dataSource={persons.data?.items ?? []}
        loading={persons.isFetching}
        onChange={onTableChange}
        onRow={(person) => ({
          onClick: () => void navigate(`/registry/households/${person.householdId}`),
          className: 'xf-clickable-row',
        })}
        locale={{ emptyText: persons.isPending ? ' ' : t('registry.empty') }}
        scroll={{ x: 1040 }}
        pagination={serverPagination(t, query, persons.data?.total, PAGE_SIZES, (total) =>
          capped ? t('registry.totalCapped', { total: COUNT_CAP }) : t('common.total', { total }),
        )}
        data-testid="persons-table"
      />
    </Card>
  );
}
