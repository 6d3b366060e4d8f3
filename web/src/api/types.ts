/** Wire types of the Xingfu HTTP API (see the API contract). */

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

export interface Grant {
  role: string;
  township: CodeName | null;
  village: CodeName | null;
  department: CodeName | null;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  district: CodeName;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  mustEnrolTotp: boolean;
}

export interface Session {
  user: SessionUser;
  grants: Grant[];
  permissions: string[];
  csrfToken: string;
  idleTimeoutMinutes: number;
}

/** Password accepted, one-time code still needed; the token is for POST /api/auth/totp/verify. */
export interface TotpRequired {
  totpRequired: true;
  csrfToken?: string;
}

export type LoginResult = Session | TotpRequired;

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

export interface Ok {
  ok: true;
}

export type RoleScope = 'district' | 'township' | 'village' | 'department' | 'centre' | 'self';

export interface Role {
  code: string;
  label: LocalizedText;
  description: LocalizedText;
  scope: RoleScope;
  permissions: string[];
}

export interface HomeCard {
  key: string;
  label: LocalizedText;
  value: number;
  unit?: LocalizedText;
}

export interface ActivityEntry {
  at: string;
  actor: string | null;
  /** The actor's name; null for the system itself. */
  actorName: string | null;
  action: string;
  entityType: string;
  /** The contract names a summary; the server (so far) sends the result instead. */
  summary?: string;
  result?: AuditResult;
}

export interface Home {
  district: CodeName;
  cards: HomeCard[];
  recentActivity?: ActivityEntry[];
}

export type TownshipKind = 'subdistrict' | 'town' | 'township';
export type VillageKind = 'village' | 'community';

export interface OrgTree {
  district: CodeName;
  townships: Array<CodeName & { kind: TownshipKind; villages: CodeName[] }>;
}

export interface Township extends CodeName {
  kind: TownshipKind;
  villages: Array<CodeName & { kind: VillageKind }>;
  userCount: number;
}

export interface Department extends CodeName {
  shortName: string;
  /** Member of the leading group from this day (YYYY-MM-DD) … */
  activeFrom: string;
  /** … until this day; null while still a member. */
  activeTo: string | null;
  liaisonCount: number;
}

export type UserStatus = 'active' | 'disabled' | 'locked';
export type UserSort = 'username' | 'displayName' | 'lastLoginAt' | 'createdAt';
export type SortOrder = 'asc' | 'desc';

export interface User {
  id: string;
  username: string;
  displayName: string;
  status: UserStatus;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  totpEnabled?: boolean;
  grants: Grant[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** A role grant as sent to the server: scopes by code. */
export interface GrantInput {
  role: string;
  township?: string;
  village?: string;
  department?: string;
}

export interface UserCreate {
  username: string;
  displayName: string;
  password: string;
  grants: GrantInput[];
}

export interface UserUpdate {
  displayName?: string;
  disabled?: boolean;
  grants?: GrantInput[];
}

export type AuditResult = 'success' | 'failure';

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string | null;
  /** The actor's name; null for the system itself. */
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  result: AuditResult;
  ip: string | null;
  before: unknown;
  after: unknown;
  detail: unknown;
}

export interface AuditVerify {
  ok: boolean;
  checked: number;
  /** reason: 'hash' (entry altered), 'link' (chain broken), 'gap' (entry missing). */
  firstBroken: { seq: number; reason: string } | null;
}

export interface SecurityPolicy {
  minPasswordLength: number;
  passwordExpiryDays: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  idleTimeoutMinutes: number;
  requireTotpForPrivileged: boolean;
}
