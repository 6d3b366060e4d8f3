import { http } from './client.ts';
import type { AuditEntry, AuditResult, AuditVerify, Page } from './types.ts';

export interface AuditQuery {
  page: number;
  pageSize: number;
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  entityType?: string;
  result?: AuditResult;
}

export const auditApi = {
  list: (query: AuditQuery, signal?: AbortSignal) => http.get<Page<AuditEntry>>('/api/audit', { ...query }, signal),
  verify: () => http.get<AuditVerify>('/api/audit/verify'),
};
