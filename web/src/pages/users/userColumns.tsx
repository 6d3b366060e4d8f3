import { Tag, type TableColumnsType } from 'antd';
import type { SortOrder as AntSortOrder } from 'antd/es/table/interface.js';
import type { User, UserSort } from '../../api/types.ts';
import type { UserQuery } from '../../api/users.ts';
import { RoleTags } from '../../components/RoleTags.tsx';
import { formatDateTime, type I18n } from '../../i18n/index.ts';
import { UserStatusTag } from './UserStatusTag.tsx';

function sortOrderOf(query: UserQuery, key: UserSort): AntSortOrder {
  if (query.sort !== key) return null;
  return query.order === 'desc' ? 'descend' : 'ascend';
}

/** Columns of the users table; sorting is done by the server, so sorters only flag the column. */
export function userColumns(query: UserQuery, i18n: Pick<I18n, 't'>, selfId: string): TableColumnsType<User> {
  const { t } = i18n;
  const sortable = (key: UserSort) => ({ key, sorter: true, sortOrder: sortOrderOf(query, key) });
  return [
    {
      title: t('users.username'),
      dataIndex: 'username',
      width: 190,
      ...sortable('username'),
      render: (value: string, user) => (
        <>
          <span className="xf-code" data-verbatim>
            {value}
          </span>
          {user.id === selfId ? <Tag style={{ marginLeft: 6 }}>{t('users.self')}</Tag> : null}
        </>
      ),
    },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 220, ...sortable('displayName') },
    {
      title: t('users.roles'),
      dataIndex: 'grants',
      render: (_: unknown, user) => <RoleTags grants={user.grants} emptyText="—" />,
    },
    {
      title: t('users.status'),
      dataIndex: 'status',
      width: 90,
      render: (_: unknown, user) => <UserStatusTag user={user} />,
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 150,
      ...sortable('lastLoginAt'),
      render: (value: string | null) => (value ? formatDateTime(value) : <span className="xf-muted">{t('users.never')}</span>),
    },
    {
      title: t('users.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      ...sortable('createdAt'),
      render: (value: string) => formatDateTime(value),
    },
  ];
}
