import { AppError } from '../core/errors.ts';

/**
 * A refused request in the reader's words: each problem names the field as the forms label it
 * (体重, 身份证号) and says what is wrong in Chinese and English, never a schema path or the
 * schema library's English.
 */
type Text = { zh: string; en: string };

/** Form labels of the fields the API takes, by the field's name (the last part of its path). */
const fieldLabels: Record<string, Text> = {
  weightKg: { zh: '体重', en: 'Weight' },
  lengthHeightCm: { zh: '身长/身高', en: 'Length/height' },
  headCircumferenceCm: { zh: '头围', en: 'Head circumference' },
  position: { zh: '测量方式', en: 'Position' },
  date: { zh: '日期', en: 'Date' },
  birthDate: { zh: '出生日期', en: 'Date of birth' },
  name: { zh: '姓名', en: 'Name' },
  displayName: { zh: '姓名', en: 'Name' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  idNumber: { zh: '身份证号', en: 'ID number' },
  phone: { zh: '联系电话', en: 'Phone' },
  address: { zh: '住址', en: 'Address' },
  relation: { zh: '与户主关系', en: 'Relation to head' },
  hukou: { zh: '户籍性质', en: 'Hukou type' },
  village: { zh: '村（居）', en: 'Village' },
  township: { zh: '乡镇街', en: 'Township' },
  note: { zh: '备注', en: 'Note' },
  reason: { zh: '原因', en: 'Reason' },
  comment: { zh: '意见', en: 'Comment' },
  title: { zh: '标题', en: 'Title' },
  content: { zh: '内容', en: 'Content' },
  effectiveFrom: { zh: '生效日期', en: 'Effective from' },
  value: { zh: '取值', en: 'Value' },
  reference: { zh: '依据', en: 'Reference' },
  receivedOn: { zh: '收到日期', en: 'Received on' },
  startMonth: { zh: '开始发放月份', en: 'First month paid' },
  period: { zh: '期间', en: 'Period' },
  amount: { zh: '金额', en: 'Amount' },
  capacity: { zh: '容纳人数', en: 'Capacity' },
  minutes: { zh: '时长（分钟）', en: 'Minutes' },
  ageFromMonths: { zh: '起始月龄', en: 'From age (months)' },
  ageToMonths: { zh: '截止月龄', en: 'To age (months)' },
  dueOn: { zh: '办理期限', en: 'Due on' },
  resolution: { zh: '处理意见', en: 'Resolution' },
  objector: { zh: '异议人', en: 'Objector' },
};

/** `body.members.2.idNumber` → 身份证号 (第 3 项) / ID number (item 3); an unknown field by its name. */
export function fieldLabel(path: string): Text {
  const parts = path.split('.').filter((p) => p !== '' && !['body', 'querystring', 'params', 'fields'].includes(p));
  const last = parts.at(-1) ?? '';
  const index = parts.findLast((p) => /^\d+$/.test(p));
  const known = fieldLabels[last];
  const base = known ?? { zh: last === '' ? '请求数据' : `字段“${last}”`, en: last === '' ? 'The request' : `Field “${last}”` };
  if (index === undefined || /^\d+$/.test(last)) return base;
  return { zh: `${base.zh}（第 ${Number(index) + 1} 项）`, en: `${base.en} (item ${Number(index) + 1})` };
}

/** What a schema issue means, from its kind and limits (zod's issue codes). */
export function issueReason(keyword: string, params: Record<string, unknown>, fallback: Text): Text {
  const origin = params.origin;
  const inclusive = params.inclusive !== false;
  const limit = (key: 'minimum' | 'maximum') => String(params[key]);
  switch (keyword) {
    case 'too_small':
      if (origin === 'string') return { zh: `至少 ${limit('minimum')} 个字`, en: `must be at least ${limit('minimum')} characters` };
      if (origin === 'array' || origin === 'set') return { zh: `至少 ${limit('minimum')} 项`, en: `needs at least ${limit('minimum')} items` };
      return inclusive
        ? { zh: `不能小于 ${limit('minimum')}`, en: `must be at least ${limit('minimum')}` }
        : { zh: `应大于 ${limit('minimum')}`, en: `must be more than ${limit('minimum')}` };
    case 'too_big':
      if (origin === 'string') return { zh: `不能超过 ${limit('maximum')} 个字`, en: `must be at most ${limit('maximum')} characters` };
      if (origin === 'array' || origin === 'set') return { zh: `不能超过 ${limit('maximum')} 项`, en: `takes at most ${limit('maximum')} items` };
      return inclusive
        ? { zh: `不能大于 ${limit('maximum')}`, en: `must be at most ${limit('maximum')}` }
        : { zh: `应小于 ${limit('maximum')}`, en: `must be less than ${limit('maximum')}` };
    case 'invalid_type':
      return params.input === undefined ? { zh: '必须填写', en: 'is required' } : { zh: '填写的类型不对', en: 'has the wrong type' };
    case 'invalid_format':
      return { zh: '格式不正确', en: 'has the wrong format' };
    case 'invalid_value':
      return { zh: '不是可选的值', en: 'is not one of the allowed values' };
    case 'not_multiple_of':
      return { zh: `应为 ${String(params.divisor)} 的整数倍（小数位数过多）`, en: `has too many decimals (a multiple of ${String(params.divisor)})` };
    case 'unrecognized_keys':
      return { zh: '含有不接受的字段', en: 'has fields that are not accepted' };
    default:
      return fallback;
  }
}

/** One problem of a request: where, and what, in both languages. */
export interface Problem {
  path: string;
  reason: Text;
  details?: Record<string, unknown>;
}

/** The 400 for a request with these problems: 体重应大于 0；身份证号格式不正确 / Weight must be more than 0; … */
export function validationError(problems: readonly Problem[]): AppError {
  const said = problems.map((p) => ({ label: fieldLabel(p.path), reason: p.reason }));
  return new AppError('validation_failed', {
    zh: `请求数据不符合要求：${said.map((s) => `${s.label.zh}${s.reason.zh}`).join('；')}`,
    en: `Invalid request: ${said.map((s) => `${s.label.en} ${s.reason.en}`).join('; ')}`,
    details: problems.map((p, i) => ({ path: p.path, field: said[i]?.label, message: p.reason.en, ...p.details })),
  });
}
