// Tests of src/cli/evaluate.ts, kept here because this change may only write under
// src/core/benefits/ and that one CLI file; move beside it as src/cli/evaluate.test.ts.
import { describe, expect, it } from 'vitest';
import { evaluateCommand } from './evaluate.ts';
import { defaultParameterRows } from '../core/benefits/defaults.ts';

const situation = {
  date: '2011-06-15',
  township: '120114002',
  family: {
    parents: [
      { sex: 'F', birthDate: '1950-03-02', hukou: 'rural', alive: true },
      { sex: 'M', birthDate: '1948-10-01', hukou: 'rural', alive: true },
    ],
    children: [{ sex: 'F', birthDate: '1976-01-01', adopted: false, alive: true, deathDate: null, disabilityGrade: null }],
    outOfPolicyBirth1973to2001: false,
    oneChildCertificate: true,
  },
};

describe('xingfu evaluate', () => {
  it('prints the results of the issue example with exit code 0', () => {
    const { output, exitCode } = evaluateCommand(JSON.stringify(situation), defaultParameterRows);
    expect(exitCode).toBe(0);
    const body = JSON.parse(output) as { results: { programme: string; parent: number; eligible: boolean; monthlyAmount: number }[] };
    expect(body.results.map((r) => [r.programme, r.parent, r.eligible, r.monthlyAmount])).toEqual([
      ['reward-assistance', 0, true, 80],
      ['reward-assistance', 1, true, 80],
      ['special-assistance', 0, false, 0],
      ['special-assistance', 1, false, 0],
      ['one-child-parent-reward', 0, true, 100],
      ['one-child-parent-reward', 1, true, 100],
      ['top-up-dahuangbao', 0, false, 0],
      ['top-up-dahuangbao', 1, false, 0],
      ['delivery-subsidy', 0, false, 0],
      ['delivery-subsidy', 1, false, 0],
      ['pension-insurance', 0, false, 0],
      ['pension-insurance', 1, false, 0],
    ]);
  });

  it('prints validation_failed with the field paths and exit code 1 for a bad situation', () => {
    const bad = structuredClone(situation);
    bad.family.children[0] = { ...bad.family.children[0], birthDate: '2012-01-01' } as never;
    bad.date = '2011-06-31';
    const { output, exitCode } = evaluateCommand(JSON.stringify(bad), defaultParameterRows);
    expect(exitCode).toBe(1);
    const body = JSON.parse(output) as { error: { code: string; message: string; details: { path: string; message: string }[] } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toBe('请求数据不符合要求');
    expect(body.error.details.map((d) => d.path)).toContain('date');
  });

  it('prints invalid_json for text that is not JSON', () => {
    const { output, exitCode } = evaluateCommand('{"date": ', defaultParameterRows);
    expect(exitCode).toBe(1);
    expect((JSON.parse(output) as { error: { code: string } }).error.code).toBe('invalid_json');
  });

  it('prints parameter_missing when the table lacks a value for the date', () => {
    const rows = defaultParameterRows.filter((r) => r.name !== 'amountDeath');
    const { output, exitCode } = evaluateCommand(JSON.stringify(situation), rows);
    expect(exitCode).toBe(1);
    const body = JSON.parse(output) as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe('parameter_missing');
    expect(body.error.details[0]?.path).toBe('parameters.special-assistance.amountDeath');
  });
});
