import { Collapse, Tag } from 'antd';
import type { DemoAccount } from '../../api/types.ts';
import { useRoleLabel } from '../../components/RoleTags.tsx';
import { useI18n } from '../../i18n/index.ts';

interface DemoAccountsProps {
  accounts: DemoAccount[];
  onPick: (account: DemoAccount) => void;
}

/** Demo mode only: the seeded accounts; a click fills the sign-in form. */
export function DemoAccounts({ accounts, onPick }: DemoAccountsProps) {
  const { t } = useI18n();
  const roleLabel = useRoleLabel();
  return (
    <Collapse
      size="small"
      className="xf-demo-list"
      data-testid="demo-accounts"
      items={[
        {
          key: 'demo',
          label: t('login.demoAccounts'),
          children: accounts.map((account) => (
            <button
              key={account.username}
              type="button"
              className="xf-demo-account"
              onClick={() => onPick(account)}
              data-testid={`demo-account-${account.username}`}
            >
              <span className="xf-demo-account-label">
                <div>{account.label}</div>
                <div className="xf-demo-account-username">{account.username}</div>
              </span>
              <span>
                {account.roles.map((role) => (
                  <Tag key={role} variant="filled">
                    {roleLabel(role)}
                  </Tag>
                ))}
              </span>
            </button>
          )),
        },
      ]}
    />
  );
}
