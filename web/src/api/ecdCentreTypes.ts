/*
 * Wire types of the early childhood development centre's work beyond the growth archive: WHO motor
 * milestones, the library of parent-child activity plans, teachers and rooms, classes, sessions,
 * attendance and teacher load. The contract and the fields' meaning: src/modules/ecd/schemas.ts.
 */
export type {
  ActivityPlan,
  ActivityPlanInput,
  ArchivePrint,
  Centre,
  ClassChild,
  Domain,
  EcdClass,
  MilestoneCode,
  MilestoneState,
  MilestoneStatus,
  Milestones,
  Room,
  Session,
  SessionInput,
  SessionStatus,
  Teacher,
  TeacherLoad,
} from '../../../src/modules/ecd/schemas.ts';
