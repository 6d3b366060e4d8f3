import { http } from './client.ts';

/** Wire types of /api/ecd (the early-childhood-development centre's growth archives). */
export type Sex = 'M' | 'F';
export type Position = 'lying' | 'standing';

export interface Consent {
  by: string;
  relation: string;
  at: string;
  purpose: string;
  withdrawnAt: string | null;
}

export interface Child {
  id: string;
  name: string;
  sex: Sex;
  birthDate: string;
  enrolledOn: string;
  consent: Consent;
}

export type GrowthIndicator =
  | 'weightForAge'
  | 'lengthHeightForAge'
  | 'weightForLengthHeight'
  | 'bmiForAge'
  | 'headCircumferenceForAge'
  | 'armCircumferenceForAge'
  | 'tricepsSkinfoldForAge'
  | 'subscapularSkinfoldForAge';

export interface IndicatorResult {
  z: number | null;
  flag: 0 | 1 | null;
}

export type ZScores = Record<GrowthIndicator, IndicatorResult>;

export type StatusCode =
  | 'severe_underweight'
  | 'underweight'
  | 'severe_stunting'
  | 'stunting'
  | 'severe_wasting'
  | 'wasting'
  | 'overweight'
  | 'obesity'
  | 'oedema'
  | 'implausible';

export interface GrowthStatus {
  indicator: GrowthIndicator | null;
  code: StatusCode;
}

export interface Measurement {
  id: string;
  date: string;
  ageDays: number;
  weightKg: number | null;
  lengthHeightCm: number | null;
  position: Position | null;
  headCircumferenceCm: number | null;
  oedema: boolean;
  zscores: ZScores;
  statuses: GrowthStatus[];
  note: string | null;
  enteredBy: string;
}

export interface ChildArchive {
  child: Child;
  measurements: Measurement[];
}

export interface EnrolBody {
  name: string;
  sex: Sex;
  birthDate: string;
  enrolledOn: string;
  consent: { by: string; relation: string; purpose: string };
  parentUsername?: string;
}

export interface MeasurementBody {
  date: string;
  weightKg?: number;
  lengthHeightCm?: number;
  position?: Position;
  headCircumferenceCm?: number;
  note?: string;
}

export interface MeasurementResult {
  id: string;
  zscores: ZScores;
  statuses: GrowthStatus[];
  warnings: string[];
}

export type CurveTable =
  | 'weightForAge'
  | 'lengthHeightForAge'
  | 'weightForLength'
  | 'weightForHeight'
  | 'bmiForAge'
  | 'headCircumferenceForAge';

/** x is the age in days, or the length/height in cm for weightForLength/Height; values follow `sds`. */
export interface Curves {
  sds: number[];
  points: { x: number; values: number[] }[];
}

export const ecdApi = {
  children: (signal?: AbortSignal) => http.get<{ items: Child[] }>('/api/ecd/children', undefined, signal),
  enrol: (body: EnrolBody) => http.post<{ id: string }>('/api/ecd/children', body),
  child: (id: string, signal?: AbortSignal) => http.get<ChildArchive>(`/api/ecd/children/${encodeURIComponent(id)}`, undefined, signal),
  measure: (id: string, body: MeasurementBody) =>
    http.post<MeasurementResult>(`/api/ecd/children/${encodeURIComponent(id)}/measurements`, body),
  curves: (table: CurveTable, sex: Sex, signal?: AbortSignal) => http.get<Curves>('/api/ecd/curves', { table, sex }, signal),
};
