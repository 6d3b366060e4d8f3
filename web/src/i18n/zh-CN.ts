import { benefitsZhCN } from './benefits.zh-CN.ts';
import { benefitsRollsZhCN } from './benefits.rolls.zh-CN.ts';
import { commonZhCN } from './common.zh-CN.ts';
import { coordinationZhCN } from './coordination.zh-CN.ts';
import { coordinationMeetingsZhCN } from './coordination.meetings.zh-CN.ts';
import { coordinationReportsZhCN } from './coordination.reports.zh-CN.ts';
import { ecdZhCN } from './ecd.zh-CN.ts';
import { portalZhCN } from './portal.zh-CN.ts';
import { registryZhCN } from './registry.zh-CN.ts';

/** Simplified Chinese, the default language: every domain's words. Every key here must exist in en.ts. */
export const zhCN = {
  ...commonZhCN,
  ...registryZhCN,
  ...benefitsZhCN,
  ...benefitsRollsZhCN,
  ...coordinationZhCN,
  ...coordinationReportsZhCN,
  ...coordinationMeetingsZhCN,
  ...ecdZhCN,
  ...portalZhCN,
} as const;

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;
