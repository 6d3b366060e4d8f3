/** Wire types of the registry (户籍档案) API: the contract and the fields' meaning are in src/modules/registry/schemas.ts. */
import type { Hukou, PersonSort } from '../../../src/modules/registry/schemas.ts';
import type { SortOrder } from './types.ts';

export type {
  ColumnMatch,
  Disability,
  Household,
  HouseholdCreate,
  Hukou,
  ImportChange,
  ImportColumn,
  ImportField,
  ImportJob,
  ImportMapping,
  ImportNote,
  ImportPreview,
  ImportRefusedRow,
  ImportResult,
  ImportState,
  LifeEvent,
  LifeEventKind,
  MaritalStatus,
  MemberAdd,
  MemberInput,
  Person,
  PersonPage,
  PersonSort,
  Relation,
  Relationship,
  Revealed,
  RosterField,
  Sex,
} from '../../../src/modules/registry/schemas.ts';

/** The query string of GET /api/registry/persons as the pages build it. */
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

/** One problem of one member (0-based) in a 400 answer to a household or member form. */
export interface MemberProblem {
  member: number;
  column: string;
  code: string;
  reason: string;
}
