import { z } from 'zod';
import { day, int, line, paragraphs, queryInt, townshipCode, villageCode } from '../../core/input.ts';
import { rosterColumns, type RosterKey } from '../../core/registry/roster.ts';

const date = day;
const named = z.object({ code: z.string(), name: z.string() });

/** A person's relation to the household's head, and marital status, as the register keeps them (checked by the table). */
const relation = z.enum(['head', 'spouse', 'child', 'parent', 'grandchild', 'other']);
export type Relation = z.output<typeof relation>;
const maritalStatus = z.enum(['unmarried', 'married', 'divorced', 'widowed', 'unknown']);
export type MaritalStatus = z.output<typeof maritalStatus>;
export type Hukou = 'rural' | 'urban';
export type Sex = 'M' | 'F';

export const personView = z.object({
  id: z.string(),
  householdId: z.string(),
  householdNumber: z.string().nullable(),
  township: named,
  village: named,
  relation,
  name: z.string(),
  sex: z.enum(['M', 'F']),
  birthDate: z.string(),
  /** Masked by the server (e.g. 120114********0137). */
  idNumber: z.string(),
  phone: z.string().nullable(),
  hukou: z.enum(['rural', 'urban']),
  maritalStatus,
  alive: z.boolean(),
  deathDate: z.string().nullable(),
  movedOutOn: z.string().nullable(),
  oneChildCertificate: z.object({ number: z.string(), date: z.string().nullable() }).nullable(),
  outOfPolicyBirth: z.object({ value: z.boolean(), source: z.string().nullable() }).nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  version: z.number(),
});
export type Person = z.output<typeof personView>;

export const searchQuery = z.strictObject({
  q: line(40, { trim: true }).optional(),
  township: townshipCode.optional(),
  village: villageCode.optional(),
  alive: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  hukou: z.enum(['rural', 'urban']).optional(),
  page: queryInt(1, 10_000).default(1),
  pageSize: queryInt(1, 200).default(20),
  sort: z.enum(['name', 'birthDate', 'village', 'updatedAt']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export type PersonSort = z.output<typeof searchQuery>['sort'];

export const searchReply = z.object({
  items: z.array(personView),
  total: z.number(),
  /** Counting stopped at the server's cap: show "10000+". */
  totalCapped: z.boolean(),
});
export type PersonPage = z.output<typeof searchReply>;

/** A member as a register page or roster writes it; the service reads sex, dates and the like (src/core/registry). */
export const memberInput = z.strictObject({
  name: line(40),
  relation: line(10),
  idNumber: line(30),
  hukou: line(10),
  sex: line(2).optional(),
  birthDate: line(20).optional(),
  maritalStatus: line(10).optional(),
  phone: line(20).optional(),
  oneChildCertificateNumber: line(40).optional(),
  oneChildCertificateDate: line(20).optional(),
});
export type MemberInput = z.input<typeof memberInput>;

export const createHouseholdBody = z.strictObject({
  village: villageCode,
  address: line(200, { trim: true, min: 1 }),
  householdNumber: line(40, { trim: true, min: 1 }).optional(),
  members: z.array(memberInput).min(1).max(30),
});
export type HouseholdCreate = z.input<typeof createHouseholdBody>;
export const householdCreated = z.object({ id: z.string(), personIds: z.array(z.string()) });

/** kind 'child': personId is the parent of relatedPersonId. */
const relationshipView = z.object({
  id: z.string(),
  personId: z.string(),
  relatedPersonId: z.string(),
  kind: z.enum(['spouse', 'child']),
  adopted: z.boolean(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
});
export type Relationship = z.output<typeof relationshipView>;

const disabilityView = z.object({ personId: z.string(), grade: z.number(), assessedOn: z.string() });
export type Disability = z.output<typeof disabilityView>;

export type LifeEventKind =
  | 'birth'
  | 'death'
  | 'adoption'
  | 'marriage'
  | 'divorce'
  | 'move_in'
  | 'move_out'
  | 'disability_assessed'
  | 'hukou_change'
  | 'registered'
  | 'corrected'
  | 'changed';

const lifeEventView = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  /** One of LifeEventKind; a kind the app does not know yet is shown as sent. */
  kind: z.string(),
  date: z.string(),
  detail: z.unknown(),
  enteredBy: z.string(),
  enteredByName: z.string().nullable(),
  enteredAt: z.string(),
});
export type LifeEvent = z.output<typeof lifeEventView>;

export const householdView = z.object({
  id: z.string(),
  householdNumber: z.string().nullable(),
  address: z.string(),
  township: named,
  village: named,
  /** Usernames, and beside each the person's name (null: the system itself, e.g. an import). */
  createdAt: z.string(),
  createdBy: z.string(),
  createdByName: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  updatedByName: z.string().nullable(),
  members: z.array(personView),
  relationships: z.array(relationshipView),
  disabilities: z.array(disabilityView),
  events: z.array(lifeEventView),
});
export type Household = z.output<typeof householdView>;

export const addMemberBody = z.strictObject({
  event: z.enum(['birth', 'adoption', 'move_in']),
  date,
  member: memberInput,
  parentIds: z.array(z.uuid()).max(2).optional(),
});
export type MemberAdd = z.input<typeof addMemberBody>;
export const memberAdded = z.object({ id: z.string() });

export const deathBody = z.strictObject({ date, note: paragraphs(200).optional() });
export const moveOutBody = z.strictObject({ date, destination: line(200, { trim: true, min: 1 }) });
export const disabilityBody = z.strictObject({ date, grade: int(1, 4) });
export const marriageBody = z.strictObject({ date, spouseId: z.uuid() });
export const revealBody = z.strictObject({ reason: paragraphs(200, { trim: true, min: 2 }) });
export const revealReply = z.object({ idNumber: z.string(), phone: z.string().nullable() });
export type Revealed = z.output<typeof revealReply>;
export const idParams = z.object({ id: z.uuid() });

/** A field of the register a roster's column can fill. */
const rosterField = z.enum(rosterColumns.map((c) => c.key) as [RosterKey, ...RosterKey[]]);
export type RosterField = RosterKey;
const importCounts = { imported: z.number(), unchanged: z.number(), rejected: z.number() };

/** How a column was matched to its field: the template's header, a known synonym, the township's last choice, or by hand. */
const columnMatch = z.enum(['template', 'synonym', 'remembered', 'mapping']);
export type ColumnMatch = z.output<typeof columnMatch>;

/** One column of the file as the preview read it. */
export const importColumn = z.object({
  column: z.number(),
  header: z.string(),
  key: rosterField.nullable(),
  how: columnMatch.nullable(),
  samples: z.array(z.string()),
});
export type ImportColumn = z.output<typeof importColumn>;

const importField = z.object({
  key: rosterField,
  /** Chinese, as the roster heads it. */
  label: z.string(),
  required: z.boolean(),
});
export type ImportField = z.output<typeof importField>;

/** One registered person the import would change, field by field. */
const importChange = z.object({
  row: z.number(),
  name: z.string(),
  /** Masked by the server. */
  idNumber: z.string(),
  fields: z.array(z.object({ key: rosterField, label: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
});
export type ImportChange = z.output<typeof importChange>;

const importRefusedRow = z.object({ row: z.number(), column: z.string(), reason: z.string() });
export type ImportRefusedRow = z.output<typeof importRefusedRow>;
const importNote = z.object({ row: z.number(), name: z.string(), text: z.string() });
export type ImportNote = z.output<typeof importNote>;

/** What an import would do, before anything is written (a preview job's answer). */
export const importPreview = z.object({
  status: z.enum(['needs_mapping', 'ready']),
  /** The spreadsheet's row number of the header. */
  headerRow: z.number().nullable(),
  /** Title rows above the header, if any. */
  title: z.string().nullable(),
  fields: z.array(importField),
  columns: z.array(importColumn),
  missing: z.array(rosterField),
  defaultVillage: named.nullable(),
  villages: z.array(named),
  counts: z.object({
    rows: z.number(),
    new: z.number(),
    newHouseholds: z.number(),
    unchanged: z.number(),
    changed: z.number(),
    refused: z.number(),
    links: z.number(),
  }),
  changes: z.array(importChange),
  changesTruncated: z.boolean(),
  refused: z.array(importRefusedRow),
  refusedTruncated: z.boolean(),
  notes: z.array(importNote),
  hasErrorsFile: z.boolean(),
});
export type ImportPreview = z.output<typeof importPreview>;

/** What an apply job wrote. */
const importResult = z.object({ ...importCounts, newHouseholds: z.number(), updated: z.number(), links: z.number(), hasErrorsFile: z.boolean() });
export type ImportResult = z.output<typeof importResult>;
const importState = z.enum(['queued', 'running', 'done', 'failed']);
export type ImportState = z.output<typeof importState>;

export const importJobView = z.object({
  id: z.string(),
  state: importState,
  mode: z.enum(['preview', 'apply']),
  fileName: z.string(),
  township: z.string(),
  progress: z.object({ rowsDone: z.number(), ...importCounts, percent: z.number() }),
  /** Mode 'preview', state 'done'. */
  preview: importPreview.nullable(),
  /** Mode 'apply', state 'done'. */
  result: importResult.nullable(),
  /** The job that followed this preview: a new preview after re-mapping, or the apply. */
  next: z.string().nullable(),
  error: z.string().nullable(),
});
export type ImportJob = z.output<typeof importJobView>;

export const importMappingBody = z.strictObject({
  columns: z.array(z.strictObject({ column: int(0, 500), key: rosterField.nullable() })).max(500),
  defaultVillage: villageCode.nullable().optional(),
  remember: z.boolean(),
});
/** The body of POST /api/registry/imports/:id/mapping. */
export type ImportMapping = z.input<typeof importMappingBody>;

export const importStarted = z.object({ id: z.string() });
