import type { Lang } from '../api/types.ts';

/**
 * Labels for codes the server sends in the audit log. An unknown code falls back to a word made
 * from it (its module's name), never the raw code, so a new server action never breaks the page.
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
  'registry.import_change': { 'zh-CN': '导入花名册变更', en: 'Import roster change' },
  'registry.birth': { 'zh-CN': '出生登记', en: 'Record birth' },
  'registry.adoption': { 'zh-CN': '收养登记', en: 'Record adoption' },
  'registry.move_in': { 'zh-CN': '迁入登记', en: 'Record move in' },
  'registry.death': { 'zh-CN': '死亡登记', en: 'Record death' },
  'registry.move_out': { 'zh-CN': '迁出登记', en: 'Record move out' },
  'registry.disability_assessed': { 'zh-CN': '残疾鉴定', en: 'Record disability' },
  'registry.marriage': { 'zh-CN': '结婚登记', en: 'Record marriage' },
  'registry.search': { 'zh-CN': '查询人员', en: 'Search persons' },
  'registry.household_view': { 'zh-CN': '查看户档案', en: 'View household' },
  'personal_data.reveal': { 'zh-CN': '查看个人敏感信息', en: 'Reveal personal data' },
  'personal_data.export': { 'zh-CN': '导出个人数据', en: 'Export personal data' },
  'audit.verify': { 'zh-CN': '校验日志链', en: 'Verify log chain' },
  'system.seed_demo': { 'zh-CN': '初始化演示数据', en: 'Load demo data' },
  'registry.divorce': { 'zh-CN': '离婚登记', en: 'Record divorce' },
  'registry.hukou_change': { 'zh-CN': '户籍性质变更', en: 'Record hukou change' },
  'registry.corrected': { 'zh-CN': '更正登记', en: 'Correct record' },
  'system.seed_coordination': { 'zh-CN': '初始化成员单位演示数据', en: 'Load coordination demo data' },
  'system.seed_ecd_centre': { 'zh-CN': '初始化早教中心演示数据', en: 'Load ECD centre demo data' },
  'org.department_membership': { 'zh-CN': '调整成员单位任期', en: 'Change department membership' },
  'benefits.parameter_set': { 'zh-CN': '修改标准参数', en: 'Set programme parameter' },
  'benefits.what_if': { 'zh-CN': '测算标准调整', en: 'What-if estimate' },
  'benefits.application_create': { 'zh-CN': '新建申报', en: 'Create application' },
  'benefits.application_village_pass': { 'zh-CN': '村级审核通过', en: 'Village review passed' },
  'benefits.application_township_pass': { 'zh-CN': '乡镇审核通过', en: 'Township review passed' },
  'benefits.application_district_pass': { 'zh-CN': '区级审批通过', en: 'District approval' },
  'benefits.application_reject': { 'zh-CN': '申报不予通过', en: 'Reject application' },
  'benefits.application_withdraw': { 'zh-CN': '撤回申报', en: 'Withdraw application' },
  'benefits.objection_record': { 'zh-CN': '登记公示异议', en: 'Record objection' },
  'benefits.objection_resolve': { 'zh-CN': '处理公示异议', en: 'Resolve objection' },
  'benefits.notice_print': { 'zh-CN': '打印公示名单', en: 'Print notice list' },
  'benefits.enrolment_exit': { 'zh-CN': '办理退出', en: 'Exit enrolment' },
  'benefits.roll_generate': { 'zh-CN': '生成发放花名册', en: 'Generate payment roll' },
  'benefits.roll_check': { 'zh-CN': '复核花名册', en: 'Check payment roll' },
  'benefits.roll_reopen': { 'zh-CN': '退回花名册', en: 'Reopen payment roll' },
  'benefits.roll_approve': { 'zh-CN': '审批花名册', en: 'Approve payment roll' },
  'benefits.roll_export': { 'zh-CN': '导出花名册', en: 'Export payment roll' },
  'benefits.roll_paid': { 'zh-CN': '确认已发放', en: 'Mark roll paid' },
  'benefits.roll_download_xlsx': { 'zh-CN': '下载发放花名册', en: 'Download roll workbook' },
  'benefits.roll_download_bank': { 'zh-CN': '下载银行代发文件', en: 'Download bank file' },
  'coord.settings_update': { 'zh-CN': '修改报送设置', en: 'Update reporting settings' },
  'coord.indicator_create': { 'zh-CN': '新增统计指标', en: 'Create indicator' },
  'coord.indicator_update': { 'zh-CN': '修改统计指标', en: 'Update indicator' },
  'coord.rule_create': { 'zh-CN': '新增校验规则', en: 'Create check rule' },
  'coord.rule_delete': { 'zh-CN': '删除校验规则', en: 'Delete check rule' },
  'coord.responsibility_create': { 'zh-CN': '新增职责分工', en: 'Create responsibility' },
  'coord.responsibility_update': { 'zh-CN': '修改职责分工', en: 'Update responsibility' },
  'coord.report_save': { 'zh-CN': '保存月报', en: 'Save monthly report' },
  'coord.report_submit': { 'zh-CN': '报送月报', en: 'Submit monthly report' },
  'coord.report_return': { 'zh-CN': '退回月报', en: 'Return monthly report' },
  'coord.report_accept': { 'zh-CN': '采用月报', en: 'Accept monthly report' },
  'coord.attachment_add': { 'zh-CN': '上传附件', en: 'Add attachment' },
  'coord.attachment_delete': { 'zh-CN': '删除附件', en: 'Delete attachment' },
  'coord.bulletin_create': { 'zh-CN': '起草简报', en: 'Draft bulletin' },
  'coord.bulletin_update': { 'zh-CN': '修改简报', en: 'Update bulletin' },
  'coord.bulletin_refresh': { 'zh-CN': '刷新简报数据', en: 'Refresh bulletin figures' },
  'coord.bulletin_publish': { 'zh-CN': '印发简报', en: 'Publish bulletin' },
  'coord.bulletin_delete': { 'zh-CN': '删除简报草稿', en: 'Delete bulletin draft' },
  'coord.bulletin_download': { 'zh-CN': '下载简报', en: 'Download bulletin' },
  'coord.meeting_create': { 'zh-CN': '新建会议', en: 'Create meeting' },
  'coord.meeting_minutes': { 'zh-CN': '记录会议纪要', en: 'Record minutes' },
  'coord.action_create': { 'zh-CN': '新增督办事项', en: 'Create action item' },
  'coord.action_note': { 'zh-CN': '督办事项进展', en: 'Action item progress' },
  'coord.action_done': { 'zh-CN': '督办事项办结', en: 'Action item done' },
  'coord.notice_send': { 'zh-CN': '发送通知', en: 'Send notice' },
  'ecd.enrol': { 'zh-CN': '儿童建档', en: 'Enrol child' },
  'ecd.measure': { 'zh-CN': '录入体格测量', en: 'Record measurement' },
  'ecd.consent_withdraw': { 'zh-CN': '撤回知情同意', en: 'Withdraw consent' },
  'ecd.archive_view': { 'zh-CN': '查看成长档案', en: 'View growth archive' },
  'ecd.milestone_set': { 'zh-CN': '记录发育里程碑', en: 'Record milestone' },
  'ecd.milestone_delete': { 'zh-CN': '撤销发育里程碑', en: 'Undo milestone' },
  'ecd.plan_create': { 'zh-CN': '新增活动方案', en: 'Create activity plan' },
  'ecd.plan_update': { 'zh-CN': '修改活动方案', en: 'Update activity plan' },
  'ecd.class_create': { 'zh-CN': '新建班级', en: 'Create class' },
  'ecd.class_update': { 'zh-CN': '编辑班级', en: 'Update class' },
  'ecd.class_members': { 'zh-CN': '调整班级成员', en: 'Change class members' },
  'ecd.session_create': { 'zh-CN': '安排课程', en: 'Schedule session' },
  'ecd.session_cancel': { 'zh-CN': '取消课程', en: 'Cancel session' },
  'ecd.attendance': { 'zh-CN': '记录出勤', en: 'Record attendance' },
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
  import: { 'zh-CN': '导入任务', en: 'Import' },
  benefit_application: { 'zh-CN': '扶助申报', en: 'Benefit application' },
  benefit_enrolment: { 'zh-CN': '扶助对象', en: 'Enrolment' },
  programme_parameter: { 'zh-CN': '标准参数', en: 'Programme parameter' },
  payment_roll: { 'zh-CN': '发放花名册', en: 'Payment roll' },
  coord_setting: { 'zh-CN': '报送设置', en: 'Reporting settings' },
  coord_indicator: { 'zh-CN': '统计指标', en: 'Indicator' },
  coord_rule: { 'zh-CN': '校验规则', en: 'Check rule' },
  coord_responsibility: { 'zh-CN': '职责分工', en: 'Responsibility' },
  coord_report: { 'zh-CN': '月报', en: 'Monthly report' },
  coord_attachment: { 'zh-CN': '附件', en: 'Attachment' },
  coord_bulletin: { 'zh-CN': '工作简报', en: 'Bulletin' },
  coord_meeting: { 'zh-CN': '会议', en: 'Meeting' },
  coord_action_item: { 'zh-CN': '督办事项', en: 'Action item' },
  coord_notice: { 'zh-CN': '通知', en: 'Notice' },
  ecd_child: { 'zh-CN': '早教儿童', en: 'ECD child' },
  ecd_class: { 'zh-CN': '班级', en: 'Class' },
  ecd_session: { 'zh-CN': '课程', en: 'Session' },
  ecd_activity_plan: { 'zh-CN': '活动方案', en: 'Activity plan' },
};

/** Why GET /api/audit/verify found the chain broken. */
export const verifyReasonLabels: LabelTable = {
  hash: { 'zh-CN': '记录内容与哈希不符', en: 'entry does not match its hash' },
  link: { 'zh-CN': '与前一条记录的链接断裂', en: 'link to the previous entry is broken' },
  gap: { 'zh-CN': '序号不连续，存在缺失记录', en: 'an entry is missing' },
};

/** The module an action code starts with (`benefits.…`), for codes without a label of their own. */
const moduleLabels: LabelTable = {
  auth: { 'zh-CN': '登录与认证', en: 'Sign-in' },
  user: { 'zh-CN': '用户管理', en: 'Users' },
  security: { 'zh-CN': '安全策略', en: 'Security' },
  registry: { 'zh-CN': '户籍人口', en: 'Registry' },
  personal_data: { 'zh-CN': '个人信息', en: 'Personal data' },
  audit: { 'zh-CN': '审计日志', en: 'Audit log' },
  system: { 'zh-CN': '系统', en: 'System' },
  org: { 'zh-CN': '组织机构', en: 'Organisation' },
  benefits: { 'zh-CN': '扶助项目', en: 'Benefits' },
  coord: { 'zh-CN': '部门协调', en: 'Coordination' },
  ecd: { 'zh-CN': '早期发展', en: 'Early childhood' },
};

/** A code without a label, in words: 扶助项目操作 / "Benefits: roll hold"; 其他 / "Other" for a bare code. */
function humanise(code: string, lang: Lang): string {
  const [head = '', ...rest] = code.split('.');
  const area = rest.length > 0 ? moduleLabels[head]?.[lang] : undefined;
  if (lang === 'zh-CN') return area ? `${area}操作` : '其他';
  const words = (area ? rest.join(' ') : code).replace(/[._-]+/g, ' ').trim();
  const phrase = words.charAt(0).toUpperCase() + words.slice(1);
  return area ? `${area}: ${words}` : phrase || 'Other';
}

export function labelFor(table: LabelTable, code: string, lang: Lang): string {
  return table[code]?.[lang] ?? humanise(code, lang);
}
