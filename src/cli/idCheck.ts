import { businessNow } from '../core/clock.ts';
import { checkIdNumber } from '../core/ids/idNumber.ts';

export interface IdCheckArgv {
  number: string;
}

export interface CommandResult {
  output: string;
  exitCode: number;
}

/**
 * `xingfu id check <number>`: one JSON line (no trailing newline)
 * `{valid, normalized, birthDate, sex, divisionCode, reason}`; exit code 0 when the
 * number is valid, 1 when it is not. `reason` is a stable code, not a message.
 */
export function idCheckCommand(argv: IdCheckArgv, today: Date = businessNow()): CommandResult {
  const result = checkIdNumber(argv.number, today);
  const line = {
    valid: result.valid,
    normalized: result.normalized,
    birthDate: result.birthDate,
    sex: result.sex,
    divisionCode: result.divisionCode,
    reason: result.reason,
  };
  return { output: JSON.stringify(line), exitCode: result.valid ? 0 : 1 };
}
