import { Alert } from 'antd';
import type { FormInstance } from 'antd';
import { isApiError } from '../../api/client.ts';
import { useErrorText } from '../../api/errors.ts';
import type { MemberProblem } from '../../api/registryTypes.ts';
import { useI18n } from '../../i18n/index.ts';

function isProblem(value: unknown): value is MemberProblem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.member === 'number' && typeof v.column === 'string' && typeof v.reason === 'string';
}

/** The per-member problems of a 400 answer (`details`), if it has them. */
export function memberProblems(error: unknown): MemberProblem[] {
  if (!isApiError(error) || !Array.isArray(error.details)) return [];
  return error.details.filter(isProblem);
}

/** Roster column (as the server names it) → the member form's field. */
const FIELD_OF_COLUMN: Record<string, string> = {
  姓名: 'name',
  与户主关系: 'relation',
  身份证号: 'idNumber',
  户籍性质: 'hukou',
  性别: 'sex',
  出生日期: 'birthDate',
  婚姻状况: 'maritalStatus',
  联系电话: 'phone',
};

/** Puts each problem under its member's field; `path(n)` is where member n's fields live. */
export function markMemberFields(form: Pick<FormInstance, 'setFields'>, problems: MemberProblem[], path: (member: number) => (string | number)[]) {
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const problem of problems) {
    const field = FIELD_OF_COLUMN[problem.column];
    if (!field) continue;
    const name = [...path(problem.member), field];
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(problem.reason);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
}

/**
 * A refused form: the server's message, and each member's problems as a list. The reasons come
 * in Chinese only (they are the roster's own wording).
 */
export function ProblemsAlert({ error, onClose }: { error: unknown; onClose: () => void }) {
  const { t } = useI18n();
  const text = useErrorText();
  const problems = memberProblems(error);
  const list =
    problems.length > 0 ? (
      <ul className="xf-problems">
        {problems.map((p, index) => (
          <li key={`${p.member}-${p.column}-${index}`}>{t('form.memberProblem', { n: p.member + 1, column: p.column, reason: p.reason })}</li>
        ))}
      </ul>
    ) : undefined;
  return (
    <Alert
      type="error"
      showIcon
      closable={{ onClose }}
      title={problems.length > 0 ? t('form.invalid') : text(error)}
      description={list}
      className="xf-form-alert"
      data-testid="form-error"
    />
  );
}
