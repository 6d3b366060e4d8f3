import { Space, Tag } from 'antd';
import type { Grant } from '../api/types.ts';
import { useI18n } from '../i18n/index.ts';

const ROLE_COLOURS: Record<string, string> = {
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
};

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
  const roleLabel = useRoleLabel();
  const { t } = useI18n();
  const scope = grantScopeName(grant);
  // A grant awaiting the security administrator's confirmation is not in effect: shown grey and marked.
  return (
    <Tag color={grant.confirmed ? (ROLE_COLOURS[grant.role] ?? 'default') : 'default'} className="xf-role-tag">
      {roleLabel(grant.role)}
      {scope ? <span className="xf-role-scope"> · {scope}</span> : null}
      {grant.confirmed ? null : <span className="xf-role-scope" data-testid="grant-pending"> · {t('users.grantPending')}</span>}
    </Tag>
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
