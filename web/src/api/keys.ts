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
};
