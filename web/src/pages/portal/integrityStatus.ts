import type { PortalIntegrity } from '../../api/portalTypes.ts';

export type IntegrityLevel = 'findings' | 'unscheduled' | 'pending' | 'ok';

/**
 * The portal's integrity in one word: findings in the last seven days (red), no check ever and none
 * scheduled (orange), a scheduled check that has not run yet (blue), or checked and clean (green).
 */
export function integrityLevel(status: PortalIntegrity): IntegrityLevel {
  if (status.recent.length > 0) return 'findings';
  if (status.lastCheck === null) return status.scheduled ? 'pending' : 'unscheduled';
  return 'ok';
}

export const INTEGRITY_COLORS: Record<IntegrityLevel, string> = { findings: 'red', unscheduled: 'orange', pending: 'blue', ok: 'green' };
