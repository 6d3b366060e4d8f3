import { Space } from 'antd';
import type { Grant } from '../api/types.ts';
import { useI18n } from '../i18n/index.ts';
import { EnumTag } from './EnumTag.tsx';
import { enumTable } from './enumTable.ts';

const ROLE_TAGS = enumTable<string>(
  'role',
  {
    office: 'red',
    liaison: 'orange',
    township: 'blue',
    village: 'cyan',
    teacher: 'green',
    centre_head: 'green',
    parent: 'lime',
    auditor: 'purple',
    sysadmin: 'volcano',
    secadmin: 'magenta',
  },
  // A role newer than the page: its code, in grey.
  { other: (role) => ({ label: `role.${role}`, color: 'default' }) },
);

/** The role's label in the current language (raw code for an unknown role). */
export function useRoleLabel(): (role: string) => string {
  const { tx } = useI18n();
  return (role) => tx(`role.${role}`, role);
}

/** Where a grant applies: its village, township or department name, if any. */
export function grantScopeName(grant: Grant): string | null {
  if (grant.village) return grant.township ? `${grant.township.name} ${grant.village.name}` : grant.village.name;
  return grant.township?.name ?? grant.department?.name ?? null;
}

export function RoleTag({ grant }: { grant: Grant }) {
  const { t } = useI18n();
  const scope = grantScopeName(grant);
  // A grant awaiting the security administrator's confirmation is not in effect: shown grey and marked.
  return (
    <EnumTag table={ROLE_TAGS} value={grant.role} color={grant.confirmed ? undefined : 'default'} className="xf-role-tag">
      {scope ? <span className="xf-role-scope"> · {scope}</span> : null}
      {grant.confirmed ? null : (
        <span className="xf-role-scope" data-testid="grant-pending">
          {' '}
          · {t('users.grantPending')}
        </span>
      )}
    </EnumTag>
  );
}

export function RoleTags({ grants, emptyText }: { grants: Grant[]; emptyText?: string }) {
  if (grants.length === 0) return emptyText ? <span className="xf-muted">{emptyText}</span> : null;
  return (
    <Space size={[0, 4]} wrap>
      {grants.map((grant, index) => (
        <RoleTag key={`${grant.role}-${grant.township?.code ?? ''}-${grant.village?.code ?? ''}-${grant.department?.code ?? ''}-${index}`} grant={grant} />
      ))}
    </Space>
  );
}
