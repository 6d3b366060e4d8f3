/**
 * The role catalog. A user holds grants (a role with its own scope); each permission of a role
 * reaches either the whole district or only the grant's own scope. Scopes are never merged across
 * grants: a permission is evaluated per grant.
 */
export const roleCodes = ['office', 'liaison', 'township', 'village', 'teacher', 'centre_head', 'parent', 'auditor', 'sysadmin', 'secadmin'] as const;
export type RoleCode = (typeof roleCodes)[number];

export const permissionCodes = [
  'org.read',
  'user.read',
  'user.manage',
  'user.grant',
  'audit.read',
  'security.manage',
  'registry.read',
  'registry.write',
  'personal_data.reveal',
  'benefits.read',
  'benefits.confirm',
  'benefits.manage',
  'ecd.read',
  'ecd.write',
  'ecd.own',
  'ecd.head',
  'coord.read',
  'coord.report',
  'coord.manage',
  'portal.edit',
  'portal.approve',
  /** The public portal's readers, as the server serves them: granted to no role. */
  'portal.public',
] as const;
export type Permission = (typeof permissionCodes)[number];

/** What a grant's scope is tied to. */
export type ScopeKind = 'district' | 'township' | 'village' | 'department' | 'centre' | 'self';
/** How far one permission of a role reaches: the whole district, or the grant's own scope. */
export type Reach = 'district' | 'grant';

export interface RoleDefinition {
  code: RoleCode;
  label: { 'zh-CN': string; en: string };
  description: { 'zh-CN': string; en: string };
  scope: ScopeKind;
  permissions: Partial<Record<Permission, Reach>>;
  /** Must sign in with a second factor once enrolled, and enrol when the policy demands it. */
  privileged: boolean;
}

export const roles: Record<RoleCode, RoleDefinition> = {
  office: {
    code: 'office',
    label: { 'zh-CN': '领导小组办公室', en: 'Leading-group office' },
    description: {
      'zh-CN': '配置项目与标准，审批资格，签发发放花名册，审阅月报，印发通报，召集会议，编辑与审核门户网站文章',
      en: 'Configures programmes, approves eligibility and payment rolls, reviews reports, issues bulletins, writes and approves portal articles',
    },
    scope: 'district',
    permissions: {
      'org.read': 'district',
      'user.read': 'district',
      'audit.read': 'district',
      'registry.read': 'district',
      'personal_data.reveal': 'district',
      'benefits.read': 'district',
      'benefits.manage': 'district',
      'coord.read': 'district',
      'coord.manage': 'district',
      'portal.edit': 'district',
      'portal.approve': 'district',
    },
    privileged: true,
  },
  liaison: {
    code: 'liaison',
    label: { 'zh-CN': '成员单位通讯员', en: 'Department liaison' },
    description: { 'zh-CN': '查看本单位职责与督办事项，报送月报', en: "Files the department's monthly report" },
    scope: 'department',
    permissions: { 'org.read': 'district', 'coord.read': 'grant', 'coord.report': 'grant' },
    privileged: false,
  },
  township: {
    code: 'township',
    label: { 'zh-CN': '乡镇街计生办', en: 'Township office' },
    description: { 'zh-CN': '登记户籍与人口，受理申请，乡镇审核——仅限本乡镇街', en: 'Registers households, township review — own township only' },
    scope: 'township',
    permissions: {
      'org.read': 'grant',
      'registry.read': 'grant',
      'registry.write': 'grant',
      'personal_data.reveal': 'grant',
      'benefits.read': 'grant',
      'benefits.confirm': 'grant',
    },
    privileged: false,
  },
  village: {
    code: 'village',
    label: { 'zh-CN': '村级专干', en: 'Village worker' },
    description: { 'zh-CN': '录入本村申请与人口变动', en: 'Enters applications and life events for one village' },
    scope: 'village',
    permissions: {
      'org.read': 'grant',
      'registry.read': 'grant',
      'registry.write': 'grant',
      'personal_data.reveal': 'grant',
      'benefits.read': 'grant',
      'benefits.confirm': 'grant',
    },
    privileged: false,
  },
  teacher: {
    code: 'teacher',
    label: { 'zh-CN': '早教中心教师', en: 'ECD centre teacher' },
    description: { 'zh-CN': '儿童、班级、考勤与生长测量', en: 'Children, classes, attendance, growth measurements' },
    scope: 'centre',
    permissions: { 'ecd.read': 'district', 'ecd.write': 'district' },
    privileged: false,
  },
  centre_head: {
    code: 'centre_head',
    label: { 'zh-CN': '早教中心主任', en: 'ECD centre head' },
    description: {
      'zh-CN': '早教中心的全部工作；监护人撤回同意后，仅中心主任仍可查阅该儿童档案',
      en: "The centre's work; alone among staff still sees an archive whose consent was withdrawn",
    },
    scope: 'centre',
    permissions: { 'ecd.read': 'district', 'ecd.write': 'district', 'ecd.head': 'district' },
    privileged: false,
  },
  parent: {
    code: 'parent',
    label: { 'zh-CN': '家长', en: 'Parent' },
    description: { 'zh-CN': '查看本人子女的宝宝成长档案', en: "Sees their own child's growth archive" },
    scope: 'self',
    permissions: { 'ecd.own': 'district' },
    privileged: false,
  },
  auditor: {
    code: 'auditor',
    label: { 'zh-CN': '审计管理员', en: 'Audit administrator' },
    description: { 'zh-CN': '查阅全部数据与审计日志，不能修改', en: 'Reads everything and the audit log, changes nothing' },
    scope: 'district',
    permissions: {
      'org.read': 'district',
      'user.read': 'district',
      'audit.read': 'district',
      'registry.read': 'district',
      'benefits.read': 'district',
      'coord.read': 'district',
    },
    privileged: true,
  },
  sysadmin: {
    code: 'sysadmin',
    label: { 'zh-CN': '系统管理员', en: 'System administrator' },
    description: {
      'zh-CN': '新建、停用、解锁账户，重置临时密码；不授予角色，不接触业务数据',
      en: 'Creates, disables and unlocks accounts, sets temporary passwords; grants no roles, sees no business data',
    },
    scope: 'district',
    permissions: { 'org.read': 'district', 'user.read': 'district', 'user.manage': 'district' },
    privileged: true,
  },
  secadmin: {
    code: 'secadmin',
    label: { 'zh-CN': '安全管理员', en: 'Security administrator' },
    description: {
      'zh-CN': '授予、收回与确认角色授权；设置安全策略：密码规则与有效期、锁定、空闲超时、双因素认证',
      en: 'Grants, withdraws and confirms roles; sets the security policy: passwords, lockout, idle timeout, second factor',
    },
    scope: 'district',
    permissions: { 'org.read': 'district', 'user.read': 'district', 'user.grant': 'district', 'security.manage': 'district' },
    privileged: true,
  },
};

/**
 * The administrator roles of MLPS level 3 (三权分立): the system, security and audit administrators.
 * Each is held alone, never with another role, and an account never changes between holding one
 * of them and holding business roles.
 */
export const administratorRoles: readonly RoleCode[] = ['sysadmin', 'secadmin', 'auditor'];

export function isAdministratorRole(role: RoleCode): boolean {
  return administratorRoles.includes(role);
}

/** A role held by a user, with the scope that role applies to. */
export interface Grant {
  role: RoleCode;
  township: string | null;
  village: string | null;
  department: string | null;
}

/** Reach of one permission over the organisation tree, as the database's row-level security reads it. */
export interface PermissionReach {
  all: boolean;
  townships: string[];
  villages: string[];
  departments: string[];
}

export type ReachMap = Partial<Record<Permission, PermissionReach>>;

function addUnique(list: string[], value: string | null): void {
  if (value !== null && !list.includes(value)) list.push(value);
}

/** Computes, per permission, how far the user's grants reach (each grant on its own terms). */
export function reachOf(grants: readonly Grant[]): ReachMap {
  const map: ReachMap = {};
  for (const grant of grants) {
    const definition = roles[grant.role];
    for (const [permission, reach] of Object.entries(definition.permissions) as [Permission, Reach][]) {
      const entry = (map[permission] ??= { all: false, townships: [], villages: [], departments: [] });
      if (reach === 'district') {
        entry.all = true;
      } else if (grant.village !== null) {
        addUnique(entry.villages, grant.village);
      } else if (grant.township !== null) {
        addUnique(entry.townships, grant.township);
      } else if (grant.department !== null) {
        addUnique(entry.departments, grant.department);
      }
    }
  }
  return map;
}

export function permissionsOf(grants: readonly Grant[]): Permission[] {
  return permissionCodes.filter((p) => grants.some((g) => roles[g.role].permissions[p] !== undefined));
}

export function isPrivileged(grants: readonly Grant[]): boolean {
  return grants.some((g) => roles[g.role].privileged);
}

/** Which scope fields a grant of this role must carry; the others must be empty. */
export function grantShapeProblem(grant: Grant): string | null {
  const { scope } = roles[grant.role];
  const has = { township: grant.township !== null, village: grant.village !== null, department: grant.department !== null };
  switch (scope) {
    case 'township':
      return has.township && !has.village && !has.department ? null : 'township role needs exactly a township';
    case 'village':
      return has.village && !has.department ? null : 'village role needs a village';
    case 'department':
      return has.department && !has.township && !has.village ? null : 'liaison role needs exactly a department';
    default:
      return !has.township && !has.village && !has.department ? null : `${grant.role} role takes no scope`;
  }
}
