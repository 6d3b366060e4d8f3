import type { ProgrammeId } from '../../../src/core/benefits/ids.ts';
import type {
  Application,
  ApplicationCreate,
  ApplicationDetail,
  ApplicationState,
  Decision,
  LineKind,
  Objection,
  ObjectionCreate,
  ObjectionResolve,
  Roll,
  RollAction,
  RollDetail,
  RollLine,
  WorkflowStep,
} from '../../../src/modules/benefits/schemas.ts';
import { http, type Query } from './client.ts';

/*
 * Wire types of the benefits workflow: the yearly confirmation of beneficiaries (申请 → 村审议并公示
 * → 乡镇审核并公示 → 区审批并公布) and the monthly payment rolls, as the API contract
 * (src/modules/benefits/schemas.ts) declares them. Programmes, parameters and the explained
 * evaluation of a person are in benefits.ts.
 */
export type {
  Application,
  ApplicationCreate,
  ApplicationDetail,
  ApplicationState,
  ApplicationStepRecord,
  Decision,
  LineKind,
  Objection,
  ObjectionCreate,
  ObjectionResolve,
  Roll,
  RollAction,
  RollDetail,
  RollLine,
  RollState,
  RollStop,
  WorkflowStep,
} from '../../../src/modules/benefits/schemas.ts';
export type { BenefitCategory as Category } from '../../../src/core/benefits/ids.ts';

// ---------------------------------------------------------------------------------------------
// Applications

export type NoticePeriod = NonNullable<Application['villageNotice']>;
export type DecisionAction = Decision['action'];
export type PublicNoticeStage = WorkflowStep;

/** The applications' filters as the page keeps them. */
export interface ApplicationQuery {
  year: number;
  state?: ApplicationState;
  programme?: ProgrammeId;
  township?: string;
  village?: string;
  page: number;
  pageSize: number;
}

export interface PublicNoticeQuery {
  stage: PublicNoticeStage;
  year: number;
  township?: string;
  village?: string;
}

// ---------------------------------------------------------------------------------------------
// Payment rolls

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
  applications: (query: ApplicationQuery, signal?: AbortSignal) => http.get<Paged<Application>>(`${base}/applications`, { ...query }, signal),
  application: (id: string, signal?: AbortSignal) => http.get<ApplicationDetail>(application(id), undefined, signal),
  createApplication: (body: ApplicationCreate) => http.post<Application>(`${base}/applications`, body),
  decide: (id: string, body: Decision) => http.post<Application>(`${application(id)}/decision`, body),
  addObjection: (id: string, body: ObjectionCreate) => http.post<Objection>(`${application(id)}/objections`, body),
  resolveObjection: (id: string, body: ObjectionResolve) => http.post<Objection>(`${base}/objections/${encodeURIComponent(id)}/resolve`, body),

  rolls: (query: RollQuery, signal?: AbortSignal) => http.get<Paged<Roll>>(`${base}/rolls`, { ...query }, signal),
  roll: (id: string, signal?: AbortSignal) => http.get<RollDetail>(roll(id), undefined, signal),
  rollLines: (id: string, query: RollLineQuery, signal?: AbortSignal) => http.get<Paged<RollLine>>(`${roll(id)}/lines`, { ...query }, signal),
  /** Generates the roll of a programme and month, or regenerates its draft. */
  generateRoll: (programme: ProgrammeId, period: string) => http.post<RollDetail>(`${base}/rolls`, { programme, period }),
  transitionRoll: (id: string, action: RollAction) => http.post<RollDetail>(`${roll(id)}/transition`, { action }),
};
