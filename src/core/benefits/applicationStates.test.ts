import { describe, expect, it } from 'vitest';
import type { PermissionReach, ReachMap } from '../auth/roles.ts';
import {
  applicationStates,
  type ApplicationState,
  judgedOn,
  mayEnter,
  mayTakeStep,
  noticeLevelOf,
  noticeListState,
  passedTo,
  stepOf,
} from './applicationStates.ts';

const reach = (r: Partial<PermissionReach>): PermissionReach => ({ all: false, townships: [], villages: [], departments: [], ...r });
const village = '120114002001';
const township = '120114002';
const villageWorker: ReachMap = { 'benefits.confirm': reach({ villages: [village] }) };
const townshipWorker: ReachMap = { 'benefits.confirm': reach({ townships: [township] }) };
const office: ReachMap = { 'benefits.manage': reach({ all: true }), 'benefits.read': reach({ all: true }) };

describe('the states of an application', () => {
  it('goes applied → village notice → township notice → approved, one step per level; the closed states have no next step', () => {
    let state: ApplicationState = 'applied';
    const path: ApplicationState[] = [state];
    for (let step = stepOf[state]; step !== undefined; step = stepOf[state]) {
      state = passedTo[step];
      path.push(state);
    }
    expect(path).toEqual(['applied', 'village_notice', 'township_notice', 'approved']);
    for (const closed of ['approved', 'rejected', 'withdrawn'] as const) expect(stepOf[closed]).toBeUndefined();
    expect(applicationStates.filter((s) => stepOf[s] !== undefined)).toEqual(['applied', 'village_notice', 'township_notice']);
  });

  it('runs a notice, receiving objections, only in the two notice states', () => {
    expect(applicationStates.map(noticeLevelOf)).toEqual([null, 'village', 'township', null, null, null]);
    expect([noticeListState('village'), noticeListState('township'), noticeListState('district')]).toEqual(['village_notice', 'township_notice', 'approved']);
  });

  it('puts each step in the hands of its own level of the person’s place', () => {
    expect(mayTakeStep(villageWorker, 'village', township, village)).toBe(true);
    expect(mayTakeStep(villageWorker, 'village', township, '120114002002')).toBe(false);
    expect(mayTakeStep(villageWorker, 'township', township, village)).toBe(false);
    expect(mayTakeStep(townshipWorker, 'township', township, village)).toBe(true);
    expect(mayTakeStep(townshipWorker, 'village', township, village)).toBe(false);
    expect(mayTakeStep(townshipWorker, 'district', township, village)).toBe(false);
    expect(mayTakeStep(office, 'district', township, village)).toBe(true);
    expect(mayTakeStep(office, 'village', township, village)).toBe(false);
    expect(mayTakeStep({}, 'district', township, village)).toBe(false);
  });

  it('lets the place’s village or township worker, or the office, enter or withdraw an application', () => {
    expect(mayEnter(villageWorker, township, village)).toBe(true);
    expect(mayEnter(townshipWorker, township, '120114002009')).toBe(true);
    expect(mayEnter(office, '120114003', '120114003001')).toBe(true);
    expect(mayEnter(villageWorker, township, '120114002002')).toBe(false);
    expect(mayEnter({ 'benefits.read': reach({ all: true }) }, township, village)).toBe(false);
  });

  it('judges an application made in advance on the first day of its year', () => {
    expect(judgedOn({ appliedOn: '2010-10-15', year: 2011 })).toBe('2011-01-01');
    expect(judgedOn({ appliedOn: '2011-03-02', year: 2011 })).toBe('2011-03-02');
  });
});
