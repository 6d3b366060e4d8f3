import type { BenefitCategory, FundingBody, ProgrammeId, ProgrammeResult } from './benefits.ts';
import { http, type Query } from './client.ts';

/*
 * Wire types of the benefits workflow (see the API contract): the yearly confirmation of
 * beneficiaries (申请 → 村审议并公示 → 乡镇审核并公示 → 区审批并公布) and the monthly payment rolls.
 * Programmes, parameters and the explained evaluation of a person are in benefits.ts.
 */

// ---------------------------------------------------------------------------------------------
// Applications

export type ApplicationState = 'applied' | 'village_notice' | 'township_notice' | 'approved' | 'rejected' | 'withdrawn';
export type WorkflowStep = 'village' | 'township' | 'district';
export type Category = BenefitCategory;

export interface NoticePeriod {
  from: string;
  until: string;
}

export interface Application {
  id: string;
  programme: ProgrammeId;
  programmeName: string;
  year: number;
  personId: string;
  personName: string;
  sex: 'M' | 'F';
  birthDate: string;
  idNumberMasked: string;
  householdId: string;
  township: string;
  townshipName: string;
  village: string;
  villageName: string;
  category: Category | null;
  appliedOn: string;
  state: ApplicationState;
  monthlyAmount: number;
  bankName: string;
  bankAccountMasked: string;
  note: string | null;
  villageNotice: NoticePeriod | null;
  townshipNotice: NoticePeriod | null;
  decidedOn: string | null;
  startMonth: string | null;
  closingReason: string | null;
  openObjections: number;
  /** Who acts next; null once the application is closed. */
  nextStep: WorkflowStep | null;
  /** The caller may take the next step now. */
  canAct: boolean;
  /** A notice is still running: the next step is possible after this date. */
  waitUntil: string | null;
  version: number;
}

export interface ApplicationStepRecord {
  fromState: ApplicationState | null;
  toState: ApplicationState;
  actedBy: string;
  /** The person's name; null for the system itself. */
  actedByName: string | null;
  actedAt: string;
  note: string | null;
}

export interface Objection {
  id: string;
  stage: 'village' | 'township';
  receivedOn: string;
  objector: string;
  content: string;
  recordedBy: string;
  recordedByName: string | null;
  upheld: boolean | null;
  resolution: string | null;
  resolvedBy: string | null;
  resolvedByName: string | null;
  resolvedAt: string | null;
}

export interface ApplicationDetail extends Application {
  evaluation: ProgrammeResult;
  steps: ApplicationStepRecord[];
  objections: Objection[];
}

export interface ApplicationQuery {
  year: number;
  state?: ApplicationState;
  programme?: ProgrammeId;
  township?: string;
  village?: string;
  page: number;
  pageSize: number;
}

export interface ApplicationCreate {
  programme: ProgrammeId;
  personId: string;
  year: number;
  appliedOn: string;
  bankName: string;
  bankAccount: string;
  note?: string;
}

export type DecisionAction = 'pass' | 'reject' | 'withdraw';

export interface Decision {
  action: DecisionAction;
  version: number;
  noticeFrom?: string;
  startMonth?: string;
  reason?: string;
}

export interface ObjectionCreate {
  receivedOn: string;
  objector: string;
  content: string;
}

export interface ObjectionResolve {
  upheld: boolean;
  resolution: string;
}

export type PublicNoticeStage = 'village' | 'township' | 'district';

export interface PublicNoticeQuery {
  stage: PublicNoticeStage;
  year: number;
  township?: string;
  village?: string;
}

// ---------------------------------------------------------------------------------------------
// Payment rolls

export type RollState = 'draft' | 'checked' | 'approved' | 'exported' | 'paid';
export type RollAction = 'check' | 'reopen' | 'approve' | 'export' | 'paid';
export type LineKind = 'regular' | 'arrears' | 'adjustment';

export interface Roll {
  id: string;
  programme: ProgrammeId;
  programmeName: string;
  period: string;
  state: RollState;
  /** The lines and total the caller may see: the whole roll, or the own township's or village's share. */
  lineCount: number;
  totalAmount: number;
  /** The township or village the figures are of; null for the whole district. */
  scopeName: string | null;
  /** Usernames (the four-eyes rule compares them) and, beside each, the person's name to show. */
  generatedBy: string;
  generatedByName: string | null;
  generatedAt: string;
  checkedBy: string | null;
  checkedByName: string | null;
  checkedAt: string | null;
  approvedBy: string | null;
  approvedByName: string | null;
  approvedAt: string | null;
  exportedBy: string | null;
  exportedByName: string | null;
  exportedAt: string | null;
  paidBy: string | null;
  paidByName: string | null;
  paidAt: string | null;
}

export interface RollStop {
  enrolmentId: string;
  personName: string;
  township: string;
  townshipName: string;
  reasons: string[];
}

export interface RollDetail extends Roll {
  byTownship: { township: string; townshipName: string; lines: number; amount: number }[];
  byFundingBody: { fundedBy: FundingBody; amount: number }[];
  byKind: { kind: LineKind; lines: number; amount: number }[];
  stops: RollStop[];
}

export interface RollLine {
  id: string;
  personName: string;
  idNumberMasked: string;
  township: string;
  townshipName: string;
  village: string;
  villageName: string;
  paidMonth: string;
  kind: LineKind;
  amount: number;
  fundedBy: FundingBody;
  category: Category | null;
  note: string | null;
}

export interface RollQuery {
  programme?: ProgrammeId;
  page: number;
  pageSize: number;
}

export interface RollLineQuery {
  township?: string;
  kind?: LineKind;
  page: number;
  pageSize: number;
}

export interface Paged<T> {
  items: T[];
  total: number;
}

// ---------------------------------------------------------------------------------------------
// Calls

const base = '/api/benefits';
const application = (id: string) => `${base}/applications/${encodeURIComponent(id)}`;
const roll = (id: string) => `${base}/rolls/${encodeURIComponent(id)}`;

function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Links the browser downloads itself (the session cookie goes along), as the registry's do. */
export const benefitsWorkflowLinks = {
  publicNotices: (query: PublicNoticeQuery) => withQuery(`${base}/public-notices`, { ...query }),
  rollXlsx: (id: string) => `${roll(id)}/roll.xlsx`,
  rollBank: (id: string) => `${roll(id)}/bank.csv`,
};

export const benefitsWorkflowApi = {
  applications: (query: ApplicationQuery, signal?: AbortSignal) =>
    http.get<Paged<Application>>(`${base}/applications`, { ...query }, signal),
  application: (id: string, signal?: AbortSignal) => http.get<ApplicationDetail>(application(id), undefined, signal),
  createApplication: (body: ApplicationCreate) => http.post<Application>(`${base}/applications`, body),
  decide: (id: string, body: Decision) => http.post<Application>(`${application(id)}/decision`, body),
  addObjection: (id: string, body: ObjectionCreate) => http.post<Objection>(`${application(id)}/objections`, body),
  resolveObjection: (id: string, body: ObjectionResolve) =>
    http.post<Objection>(`${base}/objections/${encodeURIComponent(id)}/resolve`, body),

  rolls: (query: RollQuery, signal?: AbortSignal) => http.get<Paged<Roll>>(`${base}/rolls`, { ...query }, signal),
  roll: (id: string, signal?: AbortSignal) => http.get<RollDetail>(roll(id), undefined, signal),
  rollLines: (id: string, query: RollLineQuery, signal?: AbortSignal) =>
    http.get<Paged<RollLine>>(`${roll(id)}/lines`, { ...query }, signal),
  /** Generates the roll of a programme and month, or regenerates its draft. */
  generateRoll: (programme: ProgrammeId, period: string) => http.post<RollDetail>(`${base}/rolls`, { programme, period }),
  transitionRoll: (id: string, action: RollAction) => http.post<RollDetail>(`${roll(id)}/transition`, { action }),
};
