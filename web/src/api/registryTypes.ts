/** Wire types of the registry (户籍档案) API. */
import type { CodeName, SortOrder } from './types.ts';

export type Relation = 'head' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'other';
export type Hukou = 'rural' | 'urban';
export type Sex = 'M' | 'F';
export type MaritalStatus = 'unmarried' | 'married' | 'divorced' | 'widowed' | 'unknown';
export type PersonSort = 'name' | 'birthDate' | 'village' | 'updatedAt';

export interface Person {
  id: string;
  householdId: string;
  householdNumber: string | null;
  township: CodeName;
  village: CodeName;
  relation: Relation;
  name: string;
  sex: Sex;
  birthDate: string;
  /** Masked by the server (e.g. 120114********0137). */
  idNumber: string;
  phone: string | null;
  hukou: Hukou;
  maritalStatus: MaritalStatus;
  alive: boolean;
  deathDate: string | null;
  movedOutOn: string | null;
  oneChildCertificate: { number: string; date: string | null } | null;
  outOfPolicyBirth: { value: boolean; source: string | null } | null;
  updatedAt: string;
  updatedBy: string;
  version: number;
}

export interface PersonQuery {
  page: number;
  pageSize: number;
  q?: string;
  village?: string;
  alive?: boolean;
  hukou?: Hukou;
  sort?: PersonSort;
  order?: SortOrder;
}

export interface PersonPage {
  items: Person[];
  total: number;
  /** Counting stopped at the server's cap: show "10000+". */
  totalCapped: boolean;
}

/** kind 'child': personId is the parent of relatedPersonId. */
export interface Relationship {
  id: string;
  personId: string;
  relatedPersonId: string;
  kind: 'spouse' | 'child';
  adopted: boolean;
  startDate: string | null;
  endDate: string | null;
}

export interface Disability {
  personId: string;
  grade: number;
  assessedOn: string;
}

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

export interface LifeEvent {
  id: string;
  personId: string | null;
  /** One of LifeEventKind; a kind the app does not know yet is shown as sent. */
  kind: string;
  date: string;
  detail: unknown;
  enteredBy: string;
  enteredByName: string | null;
  enteredAt: string;
}

export interface Household {
  id: string;
  householdNumber: string | null;
  address: string;
  township: CodeName;
  village: CodeName;
  createdAt: string;
  createdBy: string;
  /** The person's name; null for the system itself (an import, the demo's seeding). */
  createdByName: string | null;
  updatedAt: string;
  updatedBy: string;
  updatedByName: string | null;
  members: Person[];
  relationships: Relationship[];
  disabilities: Disability[];
  events: LifeEvent[];
}

/** A member as the forms send it: relation, hukou, sex and marital status as the Chinese words. */
export interface MemberInput {
  name: string;
  relation: string;
  idNumber: string;
  hukou: string;
  sex?: string;
  birthDate?: string;
  maritalStatus?: string;
  phone?: string;
}

export interface HouseholdCreate {
  village: string;
  address: string;
  householdNumber?: string;
  members: MemberInput[];
}

export interface MemberAdd {
  event: 'birth' | 'adoption' | 'move_in';
  date: string;
  member: MemberInput;
  parentIds?: string[];
}

export interface Revealed {
  idNumber: string;
  phone: string | null;
}

/** One problem of one member (0-based) in a 400 answer to a household or member form. */
export interface MemberProblem {
  member: number;
  column: string;
  code: string;
  reason: string;
}

export type ImportState = 'queued' | 'running' | 'done' | 'failed';

/** A field of the register a roster's column can fill. */
export type RosterField =
  | 'householdNumber'
  | 'village'
  | 'address'
  | 'name'
  | 'relation'
  | 'sex'
  | 'birthDate'
  | 'idNumber'
  | 'hukou'
  | 'maritalStatus'
  | 'phone'
  | 'deathDate'
  | 'oneChildCertificateNumber'
  | 'oneChildCertificateDate'
  | 'headIdNumber'
  | 'movedOutOn'
  | 'moveDestination';

/** How a column was matched to its field: the template's header, a known synonym, the township's last choice, or by hand. */
export type ColumnMatch = 'template' | 'synonym' | 'remembered' | 'mapping';

/** One column of the file as the preview read it. */
export interface ImportColumn {
  column: number;
  header: string;
  key: RosterField | null;
  how: ColumnMatch | null;
  samples: string[];
}

export interface ImportField {
  key: RosterField;
  /** Chinese, as the roster heads it. */
  label: string;
  required: boolean;
}

/** One registered person the import would change, field by field. */
export interface ImportChange {
  row: number;
  name: string;
  /** Masked by the server. */
  idNumber: string;
  fields: { key: RosterField; label: string; before: string | null; after: string | null }[];
}

export interface ImportRefusedRow {
  row: number;
  column: string;
  reason: string;
}

export interface ImportNote {
  row: number;
  name: string;
  text: string;
}

/** What an import would do, before anything is written (a preview job's answer). */
export interface ImportPreview {
  status: 'needs_mapping' | 'ready';
  /** The spreadsheet's row number of the header. */
  headerRow: number | null;
  /** Title rows above the header, if any. */
  title: string | null;
  fields: ImportField[];
  columns: ImportColumn[];
  missing: RosterField[];
  defaultVillage: CodeName | null;
  villages: CodeName[];
  counts: { rows: number; new: number; newHouseholds: number; unchanged: number; changed: number; refused: number; links: number };
  changes: ImportChange[];
  changesTruncated: boolean;
  refused: ImportRefusedRow[];
  refusedTruncated: boolean;
  notes: ImportNote[];
  hasErrorsFile: boolean;
}

/** What an apply job wrote. */
export interface ImportResult {
  imported: number;
  newHouseholds: number;
  updated: number;
  links: number;
  unchanged: number;
  rejected: number;
  hasErrorsFile: boolean;
}

export interface ImportJob {
  id: string;
  state: ImportState;
  mode: 'preview' | 'apply';
  fileName: string;
  township: string;
  error: string | null;
  progress: { rowsDone: number; imported: number; unchanged: number; rejected: number; percent: number };
  /** Mode 'preview', state 'done'. */
  preview: ImportPreview | null;
  /** Mode 'apply', state 'done'. */
  result: ImportResult | null;
  /** The job that followed this preview: a new preview after re-mapping, or the apply. */
  next: string | null;
}

/** The body of POST /api/registry/imports/:id/mapping. */
export interface ImportMapping {
  columns: { column: number; key: RosterField | null }[];
  defaultVillage?: string | null;
  remember: boolean;
}
