import {
  AccountBookOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  ClusterOutlined,
  GlobalOutlined,
  HeartOutlined,
  HomeOutlined,
  PartitionOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { PERMISSIONS, type Permission } from '../auth/permissions.ts';
import type { MessageKey } from '../i18n/index.ts';

/** One entry of the side menu. `path` entries are pages; entries with children are submenus. */
export interface MenuEntry {
  key: string;
  labelKey: MessageKey;
  icon: ReactNode;
  /** Stable id for browser tests: `data-testid` on the menu item. */
  testId: string;
  path?: string;
  /** Shown with this permission, or with any one of a list. */
  permission?: Permission | readonly Permission[];
  children?: MenuEntry[];
}

export const MENU: readonly MenuEntry[] = [
  { key: '/', path: '/', labelKey: 'menu.home', icon: <HomeOutlined />, testId: 'menu-home' },
  {
    key: '/registry',
    path: '/registry',
    labelKey: 'menu.registry',
    icon: <SolutionOutlined />,
    testId: 'menu-registry',
    permission: PERMISSIONS.registryRead,
  },
  {
    key: '/benefits',
    path: '/benefits',
    labelKey: 'menu.benefits',
    icon: <AccountBookOutlined />,
    testId: 'menu-benefits',
    permission: PERMISSIONS.benefitsRead,
  },
  {
    key: '/coordination',
    path: '/coordination',
    labelKey: 'menu.coordination',
    icon: <PartitionOutlined />,
    testId: 'menu-coordination',
    permission: PERMISSIONS.coordRead,
  },
  {
    key: '/ecd',
    path: '/ecd',
    labelKey: 'menu.ecd',
    icon: <HeartOutlined />,
    testId: 'menu-ecd',
    permission: [PERMISSIONS.ecdRead, PERMISSIONS.ecdOwn],
  },
  {
    key: '/website',
    path: '/website',
    labelKey: 'menu.portal',
    icon: <GlobalOutlined />,
    testId: 'menu-portal',
    permission: [PERMISSIONS.portalEdit, PERMISSIONS.portalApprove],
  },
  {
    key: 'org',
    labelKey: 'menu.org',
    icon: <ApartmentOutlined />,
    testId: 'menu-org',
    permission: PERMISSIONS.orgRead,
    children: [
      { key: '/org', path: '/org', labelKey: 'menu.orgTree', icon: <ClusterOutlined />, testId: 'menu-org-tree' },
      // Member departments are the coordination's units: townships and villages have none of their own.
      {
        key: '/org/departments',
        path: '/org/departments',
        labelKey: 'menu.departments',
        icon: <BankOutlined />,
        testId: 'menu-departments',
        permission: PERMISSIONS.coordRead,
      },
    ],
  },
  { key: '/users', path: '/users', labelKey: 'menu.users', icon: <TeamOutlined />, testId: 'menu-users', permission: PERMISSIONS.userRead },
  { key: '/audit', path: '/audit', labelKey: 'menu.audit', icon: <AuditOutlined />, testId: 'menu-audit', permission: PERMISSIONS.auditRead },
  {
    key: '/security',
    path: '/security',
    labelKey: 'menu.security',
    icon: <SafetyCertificateOutlined />,
    testId: 'menu-security',
    permission: PERMISSIONS.securityManage,
  },
  { key: '/account', path: '/account', labelKey: 'menu.account', icon: <SettingOutlined />, testId: 'menu-account' },
];

/** The menu as this user may see it: entries without the permission are dropped, empty submenus too. */
export function visibleMenu(can: (permission: Permission) => boolean, entries: readonly MenuEntry[] = MENU): MenuEntry[] {
  const result: MenuEntry[] = [];
  for (const entry of entries) {
    if (entry.permission && !(typeof entry.permission === 'string' ? [entry.permission] : entry.permission).some(can)) continue;
    if (entry.children) {
      const children = visibleMenu(can, entry.children);
      if (children.length > 0) result.push({ ...entry, children });
    } else {
      result.push(entry);
    }
  }
  return result;
}

/** The chain of entries (submenu first) whose page owns `pathname`, by longest path prefix. */
export function menuTrail(pathname: string, entries: readonly MenuEntry[] = MENU): MenuEntry[] {
  let best: MenuEntry[] = [];
  let bestLength = -1;
  const visit = (list: readonly MenuEntry[], parents: MenuEntry[]) => {
    for (const entry of list) {
      if (entry.children) visit(entry.children, [...parents, entry]);
      if (!entry.path) continue;
      const matches = entry.path === '/' ? pathname === '/' : pathname === entry.path || pathname.startsWith(`${entry.path}/`);
      if (matches && entry.path.length > bestLength) {
        best = [...parents, entry];
        bestLength = entry.path.length;
      }
    }
  };
  visit(entries, []);
  return best;
}

/** Page entries in menu order (for the home page's shortcuts). */
export function menuPages(entries: readonly MenuEntry[]): MenuEntry[] {
  return entries.flatMap((entry) => (entry.children ? menuPages(entry.children) : [entry]));
}
