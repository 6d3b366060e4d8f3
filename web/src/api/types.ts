/**
 * Wire types of the Xingfu HTTP API. Those of the modules come from their contract
 * (src/modules/<module>/schemas.ts), where the fields are explained.
 */
import type { HomeReply } from '../../../src/modules/home/schemas.ts';

export type {
  GrantView as Grant,
  LoginReply as LoginResult,
  Ok,
  SessionView as Session,
  SessionUser,
  TotpRequired,
  TotpSetup,
} from '../../../src/modules/auth/schemas.ts';
export type { GrantInput, Role, RoleScope, UserCreate, UserSort, UserStatus, UserUpdate, UserView as User } from '../../../src/modules/users/schemas.ts';
export type { ChildSummary, Figure as HomeFigure, FigureGroup, HomeReply as Home, TodoItem } from '../../../src/modules/home/schemas.ts';
export type { Department, OrgTree, Township, TownshipKind, VillageKind } from '../../../src/modules/org/schemas.ts';
export type { AuditEntry, AuditResult, AuditVerify } from '../../../src/modules/audit/schemas.ts';
export type { SecurityPolicy } from '../../../src/modules/security/schemas.ts';

/** An entry of the auditor's recent activity on the home page: who (by name; null for the system itself), what, how it ended. */
export type ActivityEntry = NonNullable<HomeReply['recentActivity']>[number];

export type Lang = 'zh-CN' | 'en';

/** A text the server sends in both languages. */
export interface LocalizedText {
  'zh-CN': string;
  en: string;
}

export interface CodeName {
  code: string;
  name: string;
}

export interface DemoAccount {
  username: string;
  password: string;
  roles: string[];
  label: string;
}

export interface Health {
  status: 'ok';
  database: 'embedded' | 'postgres';
  version: string;
  demo: boolean;
  /** The application's business date; fixed when the demo district lives in its own year. */
  today: { date: string; fixed: boolean };
  demoAccounts?: DemoAccount[];
}

export type SortOrder = 'asc' | 'desc';

export interface Page<T> {
  items: T[];
  total: number;
}
