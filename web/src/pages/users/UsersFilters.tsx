import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useRoles } from '../../api/hooks.ts';
import type { UserStatus } from '../../api/types.ts';
import type { UserQuery } from '../../api/users.ts';
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
  const [q, setQ] = useState(query.q ?? '');
  useEffect(() => setQ(query.q ?? ''), [query.q]);

  const roleOptions = (roles.data?.items ?? ROLE_CODES.map((code) => ({ code, label: undefined }))).map((role) => ({
    value: role.code,
    label: role.label ? pick(role.label) : tx(`role.${role.code}`, role.code),
  }));

  return (
    <div className="xf-toolbar">
      <Input.Search
        allowClear
        placeholder={t('users.search')}
        value={q}
        onChange={(event) => {
          setQ(event.target.value);
          if (event.target.value === '' && query.q) onChange({ q: undefined });
        }}
        onSearch={(value) => onChange({ q: value.trim() || undefined })}
        style={{ width: 240 }}
        data-testid="users-search"
      />
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
      <Button onClick={() => onChange({ q: undefined, role: undefined, status: undefined, sort: undefined, order: undefined })}>
        {t('common.reset')}
      </Button>
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
