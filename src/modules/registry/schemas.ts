import { z } from 'zod';
import { day, int, line, paragraphs, queryInt, townshipCode, villageCode } from '../../core/input.ts';
import { rosterColumns, type RosterKey } from '../../core/registry/roster.ts';

const date = day;
const named = z.object({ code: z.string(), name: z.string() });

export const personView = z.object({
  id: z.string(), householdId: z.string(), householdNumber: z.string().nullable(), township: named, village: named,
  relation: z.string(), name: z.string(), sex: z.enum(['M', 'F']), birthDate: z.string(), idNumber: z.string(), phone: z.string().nullable(),
  hukou: z.enum(['rural', 'urban']), maritalStatus: z.string(), alive: z.boolean(), deathDate: z.string().nullable(), movedOutOn: z.string().nullable(),
  oneChildCertificate: z.object({ number: z.string(), date: z.string().nullable() }).nullable(),
  outOfPolicyBirth: z.object({ value: z.boolean(), source: z.string().nullable() }).nullable(),
  updatedAt: z.string(), updatedBy: z.string(), version: z.number(),
});

export const searchQuery = z.strictObject({
  q: line(40, { trim: true }).optional(),
  township: townshipCode.optional(),
  village: villageCode.optional(),
  alive: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  hukou: z.enum(['rural', 'urban']).optional(),
  page: queryInt(1, 10_000).default(1),
  pageSize: queryInt(1, 200).default(20),
  sort: z.enum(['name', 'birthDate', 'village', 'updatedAt']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export const searchReply = z.object({ items: z.array(personView), total: z.number(), totalCapped: z.boolean() });

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

export const createHouseholdBody = z.strictObject({
  village: villageCode,
  address: line(200, { trim: true, min: 1 }),
  householdNumber: line(40, { trim: true, min: 1 }).optional(),
  members: z.array(memberInput).min(1).max(30),
});

export const householdView = z.object({
  id: z.string(), householdNumber: z.string().nullable(), address: z.string(), township: named, village: named,
  /** Usernames, and beside each the person's name (null: the system itself, e.g. an import). */
  createdAt: z.string(), createdBy: z.string(), createdByName: z.string().nullable(),
  updatedAt: z.string(), updatedBy: z.string(), updatedByName: z.string().nullable(),
  members: z.array(personView),
  relationships: z.array(z.object({ id: z.string(), personId: z.string(), relatedPersonId: z.string(), kind: z.enum(['spouse', 'child']), adopted: z.boolean(), startDate: z.string().nullable(), endDate: z.string().nullable() })),
  disabilities: z.array(z.object({ personId: z.string(), grade: z.number(), assessedOn: z.string() })),
  events: z.array(z.object({ id: z.string(), personId: z.string().nullable(), kind: z.string(), date: z.string(), detail: z.unknown(), enteredBy: z.string(), enteredByName: z.string().nullable(), enteredAt: z.string() })),
});

export const addMemberBody = z.strictObject({
  event: z.enum(['birth', 'adoption', 'move_in']),
  date,
  member: memberInput,
  parentIds: z.array(z.uuid()).max(2).optional(),
});

export const deathBody = z.strictObject({ date, note: paragraphs(200).optional() });
export const moveOutBody = z.strictObject({ date, destination: line(200, { trim: true, min: 1 }) });
export const disabilityBody = z.strictObject({ date, grade: int(1, 4) });
export const marriageBody = z.strictObject({ date, spouseId: z.uuid() });
export const revealBody = z.strictObject({ reason: paragraphs(200, { trim: true, min: 2 }) });
export const idParams = z.object({ id: z.uuid() });

const rosterField = z.enum(rosterColumns.map((c) => c.key) as [RosterKey, ...RosterKey[]]);
const importCounts = { imported: z.number(), unchanged: z.number(), rejected: z.number() };

export const importColumn = z.object({
  column: z.number(), header: z.string(), key: rosterField.nullable(), how: z.enum(['template', 'synonym', 'remembered', 'mapping']).nullable(),
  samples: z.array(z.string()),
});

export const importPreview = z.object({
  status: z.enum(['needs_mapping', 'ready']),
  headerRow: z.number().nullable(),
  title: z.string().nullable(),
  fields: z.array(z.object({ key: rosterField, label: z.string(), required: z.boolean() })),
  columns: z.array(importColumn),
  missing: z.array(rosterField),
  defaultVillage: named.nullable(),
  villages: z.array(named),
  counts: z.object({ rows: z.number(), new: z.number(), newHouseholds: z.number(), unchanged: z.number(), changed: z.number(), refused: z.number(), links: z.number() }),
  changes: z.array(z.object({
    row: z.number(), name: z.string(), idNumber: z.string(),
    fields: z.array(z.object({ key: rosterField, label: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
  })),
  changesTruncated: z.boolean(),
  refused: z.array(z.object({ row: z.number(), column: z.string(), reason: z.string() })),
  refusedTruncated: z.boolean(),
  notes: z.array(z.object({ row: z.number(), name: z.string(), text: z.string() })),
  hasErrorsFile: z.boolean(),
});

export const importJobView = z.object({
  id: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  mode: z.enum(['preview', 'apply']),
  fileName: z.string(),
  township: z.string(),
  progress: z.object({ rowsDone: z.number(), ...importCounts, percent: z.number() }),
  preview: importPreview.nullable(),
  result: z.object({ ...importCounts, newHouseholds: z.number(), updated: z.number(), links: z.number(), hasErrorsFile: z.boolean() }).nullable(),
  next: z.string().nullable(),
  error: z.string().nullable(),
});

export const importMappingBody = z.strictObject({
  columns: z.array(z.strictObject({ column: int(0, 500), key: rosterField.nullable() })).max(500),
  defaultVillage: villageCode.nullable().optional(),
  remember: z.boolean(),
});

export const importStarted = z.object({ id: z.string() });
