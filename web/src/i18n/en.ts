import { benefitsEn } from './benefits.en.ts';
import { benefitsRollsEn } from './benefits.rolls.en.ts';
import { commonEn } from './common.en.ts';
import { coordinationEn } from './coordination.en.ts';
import { coordinationMeetingsEn } from './coordination.meetings.en.ts';
import { coordinationReportsEn } from './coordination.reports.en.ts';
import { ecdEn } from './ecd.en.ts';
import { portalEn } from './portal.en.ts';
import { registryEn } from './registry.en.ts';
import type { Messages } from './zh-CN.ts';

/** English, the second language. Typed against zh-CN so no key can be missing. */
export const en: Messages = {
  ...commonEn,
  ...registryEn,
  ...benefitsEn,
  ...benefitsRollsEn,
  ...coordinationEn,
  ...coordinationReportsEn,
  ...coordinationMeetingsEn,
  ...ecdEn,
  ...portalEn,
};
