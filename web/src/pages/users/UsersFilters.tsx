import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Select } from 'antd';
import { useRoles } from '../../api/hooks.ts';
import type { UserStatus } from '../../api/types.ts';
import type { UserQuery } from '../../api/users.ts';
import { QuerySearch } from '../../components/QuerySearch.tsx';
import { useI18n } from '../../i18n/index.ts';
import { ROLE_CODES } from './grants.ts';

const STATUSES: UserStatus[] = ['active', 'disabled', 'locked'];

interface UsersFiltersProps {
  query: UserQuery;
  onChange: (change: Partial<UserQuery>) => void;
  onRefresh: () => void;
  onCreate?: () => void;
}

export function UsersFilters({ query, onChange, onRefresh, onCreate }: UsersFiltersProps) {
  const { t, tx, pick } = useI18n();
  const roles = useRoles();

  const roleOptions = (roles.data?.items ?? ROLE_CODES.map((code) => ({ code, label: undefined }))).map((role) => ({
    value: role.code,
    label: role.label ? pick(role.label) : tx(`role.${role.code}`, role.code),
  }));

  return (
    <div className="xf-toolbar">
      <QuerySearch value={query.q} onSearch={(q) => onChange({ q })} placeholder={t('users.search')} width={240} data-testid="users-search" />
      <Select
        allowClear
        placeholder={t('users.filterRole')}
        options={roleOptions}
        value={query.role}
        onChange={(role: string | undefined) => onChange({ role })}
        style={{ width: 180 }}
        data-testid="users-filter-role"
      />
      <Select
        allowClear
        placeholder={t('users.filterStatus')}
        options={STATUSES.map((status) => ({ value: status, label: t(`users.status.${status}`) }))}
        value={query.status}
        onChange={(status: UserStatus | undefined) => onChange({ status })}
        style={{ width: 130 }}
        data-testid="users-filter-status"
      />
      <Button onClick={() => onChange({ q: undefined, role: undefined, status: undefined, sort: undefined, order: undefined })}>{t('common.reset')}</Button>
      <div className="xf-toolbar-spacer" />
      <Button icon={<ReloadOutlined />} onClick={onRefresh} aria-label={t('common.refresh')} />
      {onCreate ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid="user-create">
          {t('users.create')}
        </Button>
      ) : null}
    </div>
  );
}
