import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { queryKeys } from '../../api/queryKeys.ts';
import type { SortOrder, User, UserSort, UserStatus } from '../../api/types.ts';
import { usersApi } from '../../api/users.ts';
import { PERMISSIONS } from '../../auth/permissions.ts';
import { useCurrentSession, useSession } from '../../auth/session.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { GrantsModal } from './GrantsModal.tsx';
import { pagingFields, serverPagination, urlField, useUrlQuery } from '../../components/useUrlQuery.ts';
import { useI18n } from '../../i18n/index.ts';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { UserActions } from './UserActions.tsx';
import { userColumns } from './userColumns.tsx';
import { UserFormModal } from './UserFormModal.tsx';
import { useUserMutations } from './userMutations.ts';
import { UsersFilters } from './UsersFilters.tsx';

const SORT_KEYS: readonly UserSort[] = ['username', 'displayName', 'lastLoginAt', 'createdAt'];
const PAGE_SIZES = [10, 20, 50, 100];

/** The users table's query lives in the URL, so paging and filters survive reloads and links. */
const USER_QUERY = {
  ...pagingFields(PAGE_SIZES, 20),
  sort: urlField.oneOf(SORT_KEYS, { keepsPage: true }),
  order: urlField.oneOf<SortOrder>(['asc', 'desc'], { keepsPage: true }),
  q: urlField.text(),
  role: urlField.text(),
  status: urlField.oneOf<UserStatus>(['active', 'disabled', 'locked']),
};

function isUserSort(key: unknown): key is UserSort {
  return SORT_KEYS.some((sort) => sort === key);
}

/** Which dialog is open: the user form (null user = create), the reset-password dialog or the grants editor. */
type Dialog = { kind: 'form'; user: User | null } | { kind: 'reset'; user: User } | { kind: 'grants'; user: User } | null;

export function UsersPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useCurrentSession();
  const { can } = useSession();
  // The system administrator manages accounts, the security administrator grants roles (三权分立).
  const manage = can(PERMISSIONS.userManage);
  const grant = can(PERMISSIONS.userGrant);
  const [query, update] = useUrlQuery(USER_QUERY);
  const [dialog, setDialog] = useState<Dialog>(null);
  const mutations = useUserMutations();

  const users = useQuery({
    queryKey: queryKeys.users.list(query),
    queryFn: ({ signal }) => usersApi.list(query, signal),
    placeholderData: keepPreviousData,
  });

  if (users.isError && !users.data) return <QueryError error={users.error} onRetry={() => void users.refetch()} />;

  const columns = userColumns(query, i18n, session.user.id);
  if (manage || grant) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      // Stays in view while a narrow screen scrolls the table sideways.
      fixed: 'right',
      render: (_: unknown, user) => (
        <UserActions
          user={user}
          mutations={mutations}
          manage={manage}
          grant={grant}
          onEdit={(u) => setDialog({ kind: 'form', user: u })}
          onResetPassword={(u) => setDialog({ kind: 'reset', user: u })}
          onGrants={(u) => setDialog({ kind: 'grants', user: u })}
        />
      ),
    });
  }

  const onTableChange: TableProps<User>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'paginate') {
      update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? query.pageSize });
      return;
    }
    if (extra.action === 'sort' && !Array.isArray(sorter)) {
      const sort = sorter.order && isUserSort(sorter.columnKey) ? sorter.columnKey : undefined;
      update({ sort, order: sort ? (sorter.order === 'descend' ? 'desc' : 'asc') : undefined, page: 1 });
    }
  };

  return (
    <Card title={t('users.title')} data-testid="users-page">
      <UsersFilters
        query={query}
        onChange={update}
        onRefresh={() => void users.refetch()}
        onCreate={manage ? () => setDialog({ kind: 'form', user: null }) : undefined}
      />
      <Table<User>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={users.data?.items ?? []}
        loading={users.isFetching}
        onChange={onTableChange}
        scroll={{ x: 1200 }}
        pagination={serverPagination(t, query, users.data?.total, PAGE_SIZES)}
        data-testid="users-table"
      />
      {manage && dialog?.kind === 'form' ? <UserFormModal user={dialog.user} mutations={mutations} onClose={() => setDialog(null)} /> : null}
      {manage && dialog?.kind === 'reset' ? <ResetPasswordModal user={dialog.user} mutations={mutations} onClose={() => setDialog(null)} /> : null}
      {grant && dialog?.kind === 'grants' ? <GrantsModal user={dialog.user} mutations={mutations} onClose={() => setDialog(null)} /> : null}
    </Card>
  );
}
