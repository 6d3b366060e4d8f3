import { http } from './client.ts';

/** Wire types of /api/ecd (the early-childhood-development centre's growth archives): src/modules/ecd/schemas.ts. */
import type { ChildArchive, Child, Curves, CurveTable, EnrolBody, MeasurementBody, MeasurementResult, Sex } from '../../../src/modules/ecd/schemas.ts';

export type {
  Child,
  ChildArchive,
  Consent,
  CurveTable,
  Curves,
  EnrolBody,
  GrowthIndicator,
  GrowthStatus,
  IndicatorResult,
  Measurement,
  MeasurementBody,
  MeasurementResult,
  Position,
  Sex,
  StatusCode,
  ZScores,
} from '../../../src/modules/ecd/schemas.ts';

export const ecdApi = {
  children: (signal?: AbortSignal) => http.get<{ items: Child[] }>('/api/ecd/children', undefined, signal),
  enrol: (body: EnrolBody) => http.post<{ id: string }>('/api/ecd/children', body),
  child: (id: string, signal?: AbortSignal) => http.get<ChildArchive>(`/api/ecd/children/${encodeURIComponent(id)}`, undefined, signal),
  measure: (id: string, body: MeasurementBody) => http.post<MeasurementResult>(`/api/ecd/children/${encodeURIComponent(id)}/measurements`, body),
  curves: (table: CurveTable, sex: Sex, signal?: AbortSignal) => http.get<Curves>('/api/ecd/curves', { table, sex }, signal),
};
