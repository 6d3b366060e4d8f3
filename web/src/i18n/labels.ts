import type { Lang } from '../api/types.ts';

/**
 * Labels for codes the server sends in the audit log. Unknown codes fall back to the raw code,
 * so a new server action never breaks the page.
 */
type LabelTable = Record<string, Record<Lang, string>>;

export const auditActionLabels: LabelTable = {
  'auth.login': { 'zh-CN': '登录', en: 'Sign in' },
  'auth.login_failed': { 'zh-CN': '登录失败', en: 'Failed sign-in' },
  'auth.logout': { 'zh-CN': '退出登录', en: 'Sign out' },
  'auth.locked': { 'zh-CN': '账号锁定', en: 'Account locked' },
  'auth.session_expired': { 'zh-CN': '会话过期', en: 'Session expired' },
  'auth.password_change': { 'zh-CN': '修改密码', en: 'Password change' },
  'auth.password_ok': { 'zh-CN': '密码校验通过', en: 'Password accepted' },
  'auth.totp_setup': { 'zh-CN': '开始绑定二次验证', en: 'Second factor set-up' },
  'auth.totp_enable': { 'zh-CN': '启用二次验证', en: 'Second factor on' },
  'auth.totp_verify': { 'zh-CN': '二次验证', en: 'Second factor check' },
  'auth.totp_failed': { 'zh-CN': '二次验证失败', en: 'Failed second factor' },
  'user.create': { 'zh-CN': '新建用户', en: 'Create user' },
  'user.update': { 'zh-CN': '修改用户', en: 'Update user' },
  'user.disable': { 'zh-CN': '停用用户', en: 'Disable user' },
  'user.enable': { 'zh-CN': '启用用户', en: 'Enable user' },
  'user.reset_password': { 'zh-CN': '重置密码', en: 'Reset password' },
  'user.unlock': { 'zh-CN': '解除锁定', en: 'Unlock user' },
  'security.policy_update': { 'zh-CN': '修改安全策略', en: 'Update security policy' },
  'registry.household_create': { 'zh-CN': '登记新户', en: 'Register household' },
  'registry.import': { 'zh-CN': '导入花名册', en: 'Import roster' },
  'registry.birth': { 'zh-CN': '出生登记', en: 'Record birth' },
  'registry.adoption': { 'zh-CN': '收养登记', en: 'Record adoption' },
  'registry.move_in': { 'zh-CN': '迁入登记', en: 'Record move in' },
  'registry.death': { 'zh-CN': '死亡登记', en: 'Record death' },
  'registry.move_out': { 'zh-CN': '迁出登记', en: 'Record move out' },
  'registry.disability_assessed': { 'zh-CN': '残疾鉴定', en: 'Record disability' },
  'registry.marriage': { 'zh-CN': '结婚登记', en: 'Record marriage' },
  'personal_data.reveal': { 'zh-CN': '查看个人敏感信息', en: 'Reveal personal data' },
  'personal_data.export': { 'zh-CN': '导出个人数据', en: 'Export personal data' },
  'audit.verify': { 'zh-CN': '校验日志链', en: 'Verify log chain' },
  'system.seed_demo': { 'zh-CN': '初始化演示数据', en: 'Load demo data' },
};

export const entityTypeLabels: LabelTable = {
  user: { 'zh-CN': '用户', en: 'User' },
  district: { 'zh-CN': '区', en: 'District' },
  session: { 'zh-CN': '会话', en: 'Session' },
  security_policy: { 'zh-CN': '安全策略', en: 'Security policy' },
  role_grant: { 'zh-CN': '角色授权', en: 'Role grant' },
  township: { 'zh-CN': '乡镇街', en: 'Township' },
  village: { 'zh-CN': '村（居）', en: 'Village' },
  department: { 'zh-CN': '成员单位', en: 'Department' },
  household: { 'zh-CN': '户', en: 'Household' },
  person: { 'zh-CN': '人口', en: 'Person' },
  audit_log: { 'zh-CN': '审计日志', en: 'Audit log' },
};

/** Why GET /api/audit/verify found the chain broken. */
export const verifyReasonLabels: LabelTable = {
  hash: { 'zh-CN': '记录内容与哈希不符', en: 'entry does not match its hash' },
  link: { 'zh-CN': '与前一条记录的链接断裂', en: 'link to the previous entry is broken' },
  gap: { 'zh-CN': '序号不连续，存在缺失记录', en: 'an entry is missing' },
};

export function labelFor(table: LabelTable, code: string, lang: Lang): string {
  return table[code]?.[lang] ?? code;
}
