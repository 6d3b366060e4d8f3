/**
 * Typed errors with stable codes. Each code has an HTTP status and a message in zh-CN and English;
 * the server turns an AppError into `{error: {code, message, messages}}` at one boundary.
 */
export const errorCatalog = {
  validation_failed: { status: 400, zh: '请求数据不符合要求', en: 'The request data is invalid' },
  invalid_json: { status: 400, zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  unsupported_media_type: { status: 415, zh: '不支持的请求内容类型', en: 'Unsupported content type' },
  body_too_large: { status: 413, zh: '请求体过大', en: 'The request body is too large' },
  upload_malformed: {
    status: 400,
    zh: '上传的数据不完整或格式不正确，请重新选择文件上传',
    en: 'The upload is incomplete or malformed; choose the file and upload it again',
  },
  upload_too_many_parts: { status: 400, zh: '上传的表单包含过多的文件或字段', en: 'The upload has too many files or fields' },
  unauthenticated: { status: 401, zh: '请先登录', en: 'Please sign in' },
  session_expired: { status: 401, zh: '会话已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  csrf_invalid: { status: 403, zh: '安全令牌无效，请刷新页面后重试', en: 'Invalid CSRF token; reload the page and try again' },
  forbidden: { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  not_found: { status: 404, zh: '未找到该记录或无权访问', en: 'Not found' },
  invalid_credentials: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  account_locked: { status: 423, zh: '账户已被锁定，请稍后再试', en: 'The account is locked; try again later' },
  too_many_attempts: { status: 429, zh: '此地址登录失败次数过多，请稍后再试', en: 'Too many failed sign-ins from this address; try again later' },
  district_required: { status: 400, zh: '该用户名存在于多个区县，请指定区县', en: 'This username exists in several districts; give the district' },
  totp_invalid: { status: 401, zh: '动态验证码错误', en: 'Wrong one-time code' },
  totp_not_pending: { status: 400, zh: '当前无需动态验证码', en: 'No one-time code is expected now' },
  totp_not_set_up: { status: 400, zh: '请先生成动态验证码密钥', en: 'Set up the authenticator first' },
  totp_enrolment_required: { status: 403, zh: '请先绑定动态验证码（双因素认证）', en: 'Enrol a second factor (TOTP) first' },
  password_change_required: { status: 403, zh: '请先修改密码', en: 'Change your password first' },
  wrong_password: { status: 400, zh: '当前密码错误', en: 'The current password is wrong' },
  totp_code_wrong: { status: 400, zh: '动态验证码错误，请核对手机上的验证码', en: 'Wrong one-time code; check your authenticator' },
  weak_password: { status: 400, zh: '密码不符合安全策略', en: 'The password does not meet the security policy' },
  username_taken: { status: 409, zh: '用户名已存在', en: 'The username is already taken' },
  invalid_grant: { status: 400, zh: '角色授权范围不正确', en: 'The role grant has a wrong scope' },
  grants_need_own_password: {
    status: 409,
    zh: '该账户仍在使用系统管理员设置的临时密码：须由本人登录修改密码后，才能确认角色授权',
    en: 'The account still has the temporary password the system administrator set: its holder must sign in and change it before the roles can be confirmed',
  },
  self_lockout: { status: 400, zh: '不能停用自己的账户', en: 'You cannot disable your own account' },
  parameter_missing: { status: 422, zh: '所需的项目标准参数缺失', en: 'A programme parameter the rule needs is missing' },
  parameter_invalid: { status: 422, zh: '项目标准参数无效', en: 'A programme parameter is invalid' },
  not_eligible: { status: 422, zh: '不符合该项目的条件', en: "The person does not meet the programme's conditions" },
  duplicate_application: { status: 409, zh: '该对象本年度已有此项目的申请', en: 'This person already has an application for this programme and year' },
  already_enrolled: { status: 409, zh: '该对象已在享受此项目', en: 'This person is already enrolled in this programme' },
  notice_running: { status: 409, zh: '公示期尚未结束，不能进入下一步', en: 'The notice period has not ended yet' },
  notice_closed: { status: 409, zh: '不在公示期内，不能登记异议', en: 'No notice is running for this application' },
  objection_open: { status: 409, zh: '尚有未处理的异议，请先处理', en: 'An objection is still open; resolve it first' },
  step_not_allowed: { status: 403, zh: '当前环节不由您办理', en: 'This step is not yours to take' },
  invalid_transition: { status: 409, zh: '当前状态下不能执行此操作', en: 'This action is not possible in the current state' },
  stale_version: { status: 409, zh: '记录已被他人修改，请刷新后重试', en: 'The record was changed by someone else; reload and try again' },
  roll_locked: { status: 409, zh: '该月花名册已核对或审批，不能重新生成', en: 'The roll for this month is checked or approved and cannot be generated again' },
  body_refused: {
    status: 422,
    zh: '正文含有不允许的内容，请按提示修改后再保存',
    en: 'The body contains content that is not allowed; change what is listed and save again',
  },
  same_person_approval: { status: 403, zh: '不能审核自己撰写的稿件，须由另一人审核', en: 'An article must be approved by someone other than its author' },
  roll_pending: { status: 409, zh: '该项目尚有未审批的花名册，请先完成审批', en: 'Another roll of this programme is not yet approved' },
  four_eyes: { status: 403, zh: '花名册须由生成人以外的人员审批', en: 'A roll must be approved by someone other than the person who generated it' },
  parameter_locked: {
    status: 409,
    zh: '该月份已有审批的花名册，不能修改其标准，请从以后的月份生效',
    en: 'Months with an approved roll cannot change; make the parameter effective later',
  },
  unknown_programme: { status: 404, zh: '没有这个项目', en: 'Unknown programme' },
  value_invalid: { status: 400, zh: '指标数值不正确', en: 'An indicator value is invalid' },
  report_invalid: { status: 422, zh: '月报尚不能提交，请按提示修改', en: 'The report cannot be submitted yet; fix what is marked' },
  report_locked: { status: 409, zh: '该月报已审核通过并锁定，不能修改', en: 'The report has been accepted and is locked' },
  period_invalid: { status: 400, zh: '报告期格式不正确（应为 2011-10、2011-Q4 或 2011）', en: 'Malformed period (expected 2011-10, 2011-Q4 or 2011)' },
  period_future: { status: 400, zh: '不能填报或通报尚未开始的月份', en: 'That month has not started yet' },
  department_inactive: {
    status: 409,
    zh: '该单位在此月份不是成员单位（尚未加入或已撤销）',
    en: 'The department was not a member in that month (not yet created or closed)',
  },
  no_data: { status: 422, zh: '该期间没有审核通过的月报，无法生成通报', en: 'No accepted report in that period; nothing to put in a bulletin' },
  bulletin_published: { status: 409, zh: '通报已印发，不能修改或删除', en: 'The bulletin is published and read-only' },
  consent_withdrawn: {
    status: 409,
    zh: '监护人已撤回同意，不能再记录或变更该儿童的信息',
    en: "The guardian has withdrawn consent: the child's record can no longer change",
  },
  over_capacity: { status: 422, zh: '人数超过活动室可容纳的人数', en: 'More children than the room holds' },
  room_busy: { status: 409, zh: '该活动室在此时间已有安排', en: 'The room is already taken at that time' },
  teacher_busy: { status: 409, zh: '该教师在此时间已有课次', en: 'The teacher already has a session at that time' },
  database_locked: { status: 503, zh: '数据库正被另一进程使用', en: 'The database is in use by another process' },
  backup_invalid: { status: 400, zh: '备份文件无效或已被改动', en: 'The backup file is not valid or was changed' },
  backup_engine: { status: 400, zh: '备份与目标数据库的类型不一致', en: 'The backup is of the other database engine' },
  restore_not_empty: { status: 409, zh: '只能恢复到空数据库', en: 'A backup is restored into an empty database only' },
  data_key_missing: {
    status: 500,
    zh: '有数据无法解密：它以本进程未配置的密钥或算法加密，或已被改动。如在更换密钥，请在 XINGFU_PREVIOUS_DATA_KEY 中配置原来的数据密钥',
    en: 'Some data cannot be decrypted: it is sealed under a key or cipher this process is not given, or was altered. If keys are being changed, set the former data key in XINGFU_PREVIOUS_DATA_KEY',
  },
  internal_error: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  readonly messageZh: string;
  readonly messageEn: string;

  constructor(code: ErrorCode, options: { details?: unknown; zh?: string; en?: string } = {}) {
    const entry = errorCatalog[code];
    super(options.en ?? entry.en);
    this.name = 'AppError';
    this.code = code;
    this.status = entry.status;
    this.details = options.details;
    this.messageZh = options.zh ?? entry.zh;
    this.messageEn = options.en ?? entry.en;
  }
}

export interface ErrorBody {
  error: { code: string; message: string; messages: { 'zh-CN': string; en: string }; details?: unknown };
}

export function errorBody(err: AppError, lang: 'zh-CN' | 'en'): ErrorBody {
  const messages = { 'zh-CN': err.messageZh, en: err.messageEn };
  return {
    error: {
      code: err.code,
      message: messages[lang],
      messages,
      ...(err.details === undefined ? {} : { details: err.details }),
    },
  };
}
