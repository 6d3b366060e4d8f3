import { DownOutlined, LogoutOutlined, SettingOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Avatar, Dropdown, type MenuProps } from 'antd';
import { useNavigate } from 'react-router';
import { authApi } from '../api/auth.ts';
import { useCurrentSession, useSession } from '../auth/session.tsx';
import { RoleTags } from '../components/RoleTags.tsx';
import { useI18n } from '../i18n/index.ts';

/** `compact`: the avatar alone (a phone's header); the name is in the menu it opens. */
export function UserMenu({ compact = false }: { compact?: boolean }) {
  const session = useCurrentSession();
  const { forget } = useSession();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();

  const logout = useMutation({
    mutationFn: authApi.logout,
    // Sign out locally even if the server call fails: the user asked to leave.
    onSettled: () => {
      forget('signedOut'); // RequireAuth takes the user to /login
      void message.success(t('header.loggedOut'));
    },
  });

  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      className: 'xf-user-card',
      label: (
        <div className="xf-user-card-body">
          <div className="xf-user-card-name">{session.user.displayName}</div>
          <div className="xf-user-card-username">{session.user.username}</div>
          <div className="xf-user-card-label">{t('header.roles')}</div>
          <RoleTags grants={session.grants} />
        </div>
      ),
    },
    { type: 'divider' },
    {
      key: 'account',
      icon: <SettingOutlined />,
      label: <span data-testid="user-menu-account">{t('menu.account')}</span>,
    },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="user-menu-logout">{t('header.logout')}</span>,
    },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'account') void navigate('/account');
    if (key === 'logout') logout.mutate();
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <button type="button" className="xf-user-button" aria-label={compact ? session.user.displayName : undefined} data-testid="user-menu">
        <Avatar size="small" className="xf-user-avatar">
          {session.user.displayName.slice(0, 1)}
        </Avatar>
        {compact ? null : (
          <>
            <span className="xf-user-name">{session.user.displayName}</span>
            <DownOutlined className="xf-user-caret" />
          </>
        )}
      </button>
    </Dropdown>
  );
}
