import { Menu, type MenuProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/index.ts';
import { menuTrail, visibleMenu, type MenuEntry } from './menuConfig.tsx';

type MenuItem = NonNullable<MenuProps['items']>[number];

/** antd passes unknown item props through to the <li>, which is where tests look for them. */
function withTestId<T extends object>(item: T, testId: string): T {
  return Object.assign(item, { 'data-testid': testId });
}

/** `onNavigate`: a page was chosen (the phone's drawer closes). */
export function SideMenu({ collapsed, onNavigate }: { collapsed: boolean; onNavigate?: () => void }) {
  const { can } = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const entries = useMemo(() => visibleMenu(can), [can]);
  const trail = menuTrail(pathname, entries);
  const selected = trail.at(-1)?.key;
  const parentKeys = trail.slice(0, -1).map((entry) => entry.key);
  const [openKeys, setOpenKeys] = useState<string[]>(parentKeys);
  // When collapsed, submenus are pop-ups with their own open state.
  const [popupKeys, setPopupKeys] = useState<string[]>([]);

  // Open the submenu of the page shown, without closing ones the user opened.
  const parentKey = parentKeys.join('|');
  useEffect(() => {
    if (!parentKey) return;
    setOpenKeys((keys) => Array.from(new Set([...keys, ...parentKey.split('|')])));
  }, [parentKey]);

  const toItem = (entry: MenuEntry): MenuItem => {
    const label = <span id={entry.testId}>{t(entry.labelKey)}</span>;
    if (entry.children) {
      return withTestId({ key: entry.key, icon: entry.icon, label, children: entry.children.map(toItem) }, entry.testId);
    }
    return withTestId({ key: entry.key, icon: entry.icon, label }, entry.testId);
  };

  return (
    <Menu
      mode="inline"
      inlineIndent={16}
      items={entries.map(toItem)}
      selectedKeys={selected ? [selected] : []}
      openKeys={collapsed ? popupKeys : openKeys}
      onOpenChange={collapsed ? setPopupKeys : setOpenKeys}
      onClick={({ key }) => {
        if (!key.startsWith('/')) return;
        void navigate(key);
        onNavigate?.();
      }}
      className="xf-side-menu"
      data-testid="side-menu"
    />
  );
}
