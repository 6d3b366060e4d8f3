/** React Query keys, in one place so invalidation cannot drift. */
export const queryKeys = {
  health: ['health'] as const,
  session: ['session'] as const,
  home: ['home'] as const,
  roles: ['roles'] as const,
  orgTree: ['org', 'tree'] as const,
  township: (code: string) => ['org', 'township', code] as const,
  departments: ['org', 'departments'] as const,
  users: ['users'] as const,
  audit: ['audit'] as const,
  securityPolicy: ['security', 'policy'] as const,
  registry: ['registry'] as const,
  persons: ['registry', 'persons'] as const,
  household: (id: string) => ['registry', 'household', id] as const,
  importJob: (id: string) => ['registry', 'import', id] as const,
  benefitsSummary: (year: number) => ['benefits', 'summary', year] as const,
  ecdChildren: ['ecd', 'children'] as const,
  ecdChild: (id: string) => ['ecd', 'child', id] as const,
  ecdCurve: (table: string, sex: string) => ['ecd', 'curve', table, sex] as const,
};

/**
 * React Query keys of 部门协调 (coordination), under ['coord'] so one invalidation reaches the
 * whole section. The desk summarises reports and action items: any change to them refreshes it.
 */
export const coordKeys = {
  all: ['coord'] as const,
  desk: ['coord', 'desk'] as const,
  reports: ['coord', 'reports'] as const,
  reportList: (query: object) => ['coord', 'reports', 'list', query] as const,
  report: (department: string, period: string) => ['coord', 'reports', 'detail', department, period] as const,
  completeness: ['coord', 'completeness'] as const,
  completenessYear: (year: number | null) => ['coord', 'completeness', year ?? 'latest'] as const,
  bulletins: ['coord', 'bulletins'] as const,
  bulletinList: ['coord', 'bulletins', 'list'] as const,
  bulletin: (id: string) => ['coord', 'bulletins', 'detail', id] as const,
};
