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
  /** In effect; false while it awaits the security administrator's confirmation. */
  confirmed: boolean;
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
  /** Some roles await the security administrator's confirmation. */
  grantsPending: boolean;
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

/** A figure of one role in its own scope. */
export interface HomeFigure {
  key: string;
  label: LocalizedText;
  value: number;
  unit?: LocalizedText;
}

/** One thing waiting for the signed-in user (待办), with the record(s) it names and where to open them. */
export interface TodoItem {
  kind: string;
  count: number;
  title: LocalizedText;
  detail: LocalizedText;
  link: string;
  dueOn: string | null;
  overdue: boolean;
  /** With someone else for now: the user follows it, cannot act on it yet. */
  waiting: boolean;
}

export interface FigureGroup {
  role: string;
  scope: LocalizedText;
  figures: HomeFigure[];
}

/** A parent's own child on the home page. */
export interface ChildSummary {
  id: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  ageMonths: number;
  ageDays: number;
  nextSession: { startsAt: string; className: string; planTitle: string | null; roomName: string } | null;
  latestMeasurement: { date: string; statuses: LocalizedText[] } | null;
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
  today: string;
  todo: TodoItem[];
  figures: FigureGroup[];
  children: ChildSummary[];
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
  /** Still has the temporary password the system administrator set. */
  temporaryPassword: boolean;
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

/** The system administrator creates an account without roles; the security administrator grants them. */
export interface UserCreate {
  username: string;
  displayName: string;
  password: string;
}

export interface UserUpdate {
  displayName?: string;
  disabled?: boolean;
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
  /**
   * reason: 'hash' (entry altered), 'link' (chain broken), 'gap' (entry missing), 'seal' (rewritten
   * without the key), 'head' (not the entry a checkpoint recorded), 'truncated' (shorter than a checkpoint).
   */
  firstBroken: { seq: number; reason: string } | null;
  /** The latest checkpoint (kept outside the database) the chain was held against. */
  checkpoint: { seq: number; at: string } | null;
  /** Lines of the checkpoint file that were changed. */
  badCheckpointLines: number[];
}

export interface SecurityPolicy {
  minPasswordLength: number;
  passwordExpiryDays: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  idleTimeoutMinutes: number;
  requireTotpForPrivileged: boolean;
}
