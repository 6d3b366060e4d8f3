import { describe, expect, it } from 'vitest';
import {
  decideRollAction,
  rollActions,
  rollDownloadable,
  rollRegenerable,
  rollStates,
  rollTransitions,
  stateName,
  type RollAction,
  type RollState,
} from './rollStates.ts';

/** The roll's life: draft ⇄ checked → approved → exported → paid; every other pair is refused. */
const allowed: Record<RollAction, [RollState, RollState]> = {
  check: ['draft', 'checked'],
  reopen: ['checked', 'draft'],
  approve: ['checked', 'approved'],
  export: ['approved', 'exported'],
  paid: ['exported', 'paid'],
};

const generator = 'wang.li';
const approver = 'zhao.min';

describe('roll states', () => {
  for (const action of rollActions) {
    for (const state of rollStates) {
      const [from, to] = allowed[action];
      if (state === from) {
        it(`${action} from ${state} leads to ${to}`, () => {
          const decision = decideRollAction({ state, generatedBy: generator }, action, approver);
          expect(decision).toMatchObject({ allowed: true, transition: { from, to } });
        });
      } else {
        it(`${action} from ${state} is refused`, () => {
          expect(decideRollAction({ state, generatedBy: generator }, action, approver)).toMatchObject({ allowed: false, refusal: 'wrong_state' });
        });
      }
    }
  }

  it('refuses the generator approving their own roll, and lets anyone else approve it', () => {
    expect(decideRollAction({ state: 'checked', generatedBy: generator }, 'approve', generator)).toMatchObject({ allowed: false, refusal: 'four_eyes' });
    expect(decideRollAction({ state: 'checked', generatedBy: generator }, 'approve', approver)).toMatchObject({ allowed: true });
  });

  it('lets the generator check, reopen, export and mark paid', () => {
    expect(decideRollAction({ state: 'draft', generatedBy: generator }, 'check', generator).allowed).toBe(true);
    expect(decideRollAction({ state: 'checked', generatedBy: generator }, 'reopen', generator).allowed).toBe(true);
    expect(decideRollAction({ state: 'approved', generatedBy: generator }, 'export', generator).allowed).toBe(true);
    expect(decideRollAction({ state: 'exported', generatedBy: generator }, 'paid', generator).allowed).toBe(true);
  });

  it('names a wrong state before the four-eyes rule', () => {
    expect(decideRollAction({ state: 'draft', generatedBy: generator }, 'approve', generator)).toMatchObject({ allowed: false, refusal: 'wrong_state' });
  });

  it('records the step of each action (reopen clears the check)', () => {
    expect(Object.fromEntries(rollActions.map((a) => [a, rollTransitions[a].step]))).toEqual({
      check: 'checked',
      reopen: 'checked',
      approve: 'approved',
      export: 'exported',
      paid: 'paid',
    });
  });

  it('generates again only a draft, and downloads only an exported or paid roll', () => {
    expect(rollStates.filter(rollRegenerable)).toEqual(['draft']);
    expect(rollStates.filter(rollDownloadable)).toEqual(['exported', 'paid']);
  });

  it('names every state and action in Chinese', () => {
    expect(stateName).toEqual({ draft: '草稿', checked: '已核对', approved: '已审批', exported: '已导出', paid: '已发放' });
    for (const action of rollActions) expect(rollTransitions[action].label).toMatch(/^[\u4e00-\u9fff]+$/);
  });
});
