/** Permission strings the web app checks (granted by the server in Session.permissions). */
export const PERMISSIONS = {
  orgRead: 'org.read',
  userRead: 'user.read',
  userManage: 'user.manage',
  userGrant: 'user.grant',
  auditRead: 'audit.read',
  securityManage: 'security.manage',
  registryRead: 'registry.read',
  registryWrite: 'registry.write',
  personalDataReveal: 'personal_data.reveal',
  benefitsRead: 'benefits.read',
  benefitsConfirm: 'benefits.confirm',
  benefitsManage: 'benefits.manage',
  ecdRead: 'ecd.read',
  ecdWrite: 'ecd.write',
  ecdOwn: 'ecd.own',
  ecdHead: 'ecd.head',
  coordRead: 'coord.read',
  coordReport: 'coord.report',
  coordManage: 'coord.manage',
  portalEdit: 'portal.edit',
  portalApprove: 'portal.approve',
} as const;

export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];

/**
 * Rosters are imported into a township by its own office; a village worker registers household by
 * household (the server refuses anyone else's import).
 */
export function mayImportRosters(grants: readonly { role: string }[]): boolean {
  return grants.some((g) => g.role === 'township');
}
