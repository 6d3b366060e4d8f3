import { evaluate } from '../core/benefits/engine.ts';
import { ParameterInvalidError, ParameterMissingError, type ParameterRow } from '../core/benefits/parameters.ts';
import { parseSituation, type FieldIssue } from '../core/benefits/types.ts';
import { errorCatalog } from '../core/errors.ts';

export interface CommandResult {
  output: string;
  exitCode: number;
}

function failure(code: string, zh: string, en: string, details: FieldIssue[]): CommandResult {
  const body = { error: { code, message: zh, messages: { 'zh-CN': zh, en }, details } };
  return { output: JSON.stringify(body, null, 2), exitCode: 1 };
}

/**
 * `xingfu evaluate < situation.json`: evaluates one situation (issue 4 §2) against the parameter
 * rows in force and prints `{results: […]}` with every condition explained; exit code 0.
 * A bad situation prints `{"error": {"code": "validation_failed", "message", "messages",
 * "details": [{path, message}]}}` and exits 1; so do unreadable JSON (`invalid_json`) and a
 * parameter table that lacks a value the date needs (`parameter_missing`, `parameter_invalid`).
 */
export function evaluateCommand(stdinText: string, rows: readonly ParameterRow[]): CommandResult {
  let input: unknown;
  try {
    input = JSON.parse(stdinText);
  } catch (err) {
    const { zh, en } = errorCatalog.invalid_json;
    return failure('invalid_json', zh, en, [{ path: '(root)', message: err instanceof Error ? err.message : String(err) }]);
  }
  const parsed = parseSituation(input);
  if (!parsed.ok) {
    const { zh, en } = errorCatalog.validation_failed;
    return failure('validation_failed', zh, en, parsed.issues);
  }
  try {
    return { output: JSON.stringify(evaluate(parsed.situation, rows), null, 2), exitCode: 0 };
  } catch (err) {
    if (err instanceof ParameterMissingError) {
      return failure('parameter_missing', `参数缺失：${err.programme}/${err.parameter} 在 ${err.date} 没有生效的值`, err.message, [
        { path: `parameters.${err.programme}.${err.parameter}`, message: err.message },
      ]);
    }
    if (err instanceof ParameterInvalidError) {
      return failure('parameter_invalid', `参数取值无效：${err.row.programme}/${err.row.name}`, err.message, [
        { path: `parameters.${err.row.programme}.${err.row.name}`, message: err.message },
      ]);
    }
    throw err;
  }
}
