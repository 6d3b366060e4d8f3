import { http } from './client.ts';
import type { SecurityPolicy } from './types.ts';

export const securityApi = {
  policy: () => http.get<SecurityPolicy>('/api/security/policy'),
  update: (body: SecurityPolicy) => http.put<SecurityPolicy>('/api/security/policy', body),
};
