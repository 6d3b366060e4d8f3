/** Password rules of the security policy (pure). */
export interface PasswordRules {
  minPasswordLength: number;
}

export type PasswordProblem = 'too_short' | 'contains_username' | 'too_few_classes' | 'too_long';

export const passwordProblemText: Record<PasswordProblem, { zh: string; en: string }> = {
  too_short: { zh: '密码长度不足', en: 'The password is too short' },
  contains_username: { zh: '密码不能与用户名相同或包含用户名', en: 'The password must not be or contain the username' },
  too_few_classes: {
    zh: '密码须包含字母、数字、符号中的至少两类',
    en: 'The password needs at least two of: letters, digits, symbols',
  },
  too_long: { zh: '密码过长（最多 128 个字符）', en: 'The password is too long (128 characters at most)' },
};

export function checkPassword(password: string, username: string, rules: PasswordRules): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < rules.minPasswordLength) problems.push('too_short');
  if (length > 128) problems.push('too_long');
  if (username.length > 0 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('contains_username');
  }
  const classes = [/[A-Za-z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(password)).length;
  if (classes < 2) problems.push('too_few_classes');
  return problems;
}
