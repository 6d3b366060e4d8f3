import { z } from 'zod';
import { rosterColumns, type RosterKey } from '../../core/registry/roster.ts';

const date = z.iso.date();
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
  q: z.string().trim().max(40).optional(),
  township: z.string().regex(/^\d{9}$/).optional(),
  village: z.string().regex(/^\d{12}$/).optional(),
  alive: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  hukou: z.enum(['rural', 'urban']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['name', 'birthDate', 'village', 'updatedAt']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export const searchReply = z.object({ items: z.array(personView), total: z.number(), totalCapped: z.boolean() });

export const memberInput = z.strictObject({
  name: z.string().max(40),
  relation: z.string().max(10),
  idNumber: z.string().max(30),
  hukou: z.string().max(10),
  sex: z.string().max(2).optional(),
  birthDate: z.string().max(20).optional(),
  maritalStatus: z.string().max(10).optional(),
  phone: z.string().max(20).optional(),
  oneChildCertificateNumber: z.string().max(40).optional(),
  oneChildCertificateDate: z.string().max(20).optional(),
});

export const createHouseholdBody = z.strictObject({
  village: z.string().regex(/^\d{12}$/),
  address: z.string().trim().min(1).max(200),
  householdNumber: z.string().trim().min(1).max(40).optional(),
  members: z.array(memberInput).min(1).max(30),
});

export const householdView = z.object({
  id: z.string(), householdNumber: z.string().nullable(), address: z.string(), township: named, village: named,
  createdAt: z.string(), createdBy: z.string(), updatedAt: z.string(), updatedBy: z.string(),
  members: z.array(personView),
  relationships: z.array(z.object({ id: z.string(), personId: z.string(), relatedPersonId: z.string(), kind: z.enum(['spouse', 'child']), adopted: z.boolean(), startDate: z.string().nullable(), endDate: z.string().nullable() })),
  disabilities: z.array(z.object({ personId: z.string(), grade: z.number(), assessedOn: z.string() })),
  events: z.array(z.object({ id: z.string(), personId: z.string().nullable(), kind: z.string(), date: z.string(), detail: z.unknown(), enteredBy: z.string(), enteredAt: z.string() })),
});

export const addMemberBody = z.strictObject({
  event: z.enum(['birth', 'adoption', 'move_in']),
  date,
  member: memberInput,
  parentIds: z.array(z.uuid()).max(2).optional(),
});

export const deathBody = z.strictObject({ date, note: z.string().max(200).optional() });
export const moveOutBody = z.strictObject({ date, destination: z.string().trim().min(1).max(200) });
export const disabilityBody = z.strictObject({ date, grade: z.number().int().min(1).max(4) });
export const marriageBody = z.strictObject({ date, spouseId: z.uuid() });
export const revealBody = z.strictObject({ reason: z.string().trim().min(2).max(200) });
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
  columns: z.array(z.strictObject({ column: z.number().int().min(0).max(500), key: rosterField.nullable() })).max(500),
  defaultVillage: z.string().regex(/^\d{12}$/).nullable().optional(),
  remember: z.boolean(),
});

export const importStarted = z.object({ id: z.string() });
