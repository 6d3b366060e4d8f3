/**
 * Every TanStack Query key of the web app, in one place so invalidation cannot drift. Keys are
 * hierarchical: a module's `all` is the prefix of each of its resources' keys, and a resource's
 * prefix (e.g. `reports`) that of its lists and details, so invalidating a module or a resource is
 * one call. Queries (filters, paging) go last, as plain objects.
 */
const org = ['org'] as const;
const registry = ['registry'] as const;
const persons = [...registry, 'persons'] as const;
const benefits = ['benefits'] as const;
const workflow = [...benefits, 'workflow'] as const;
const applications = [...workflow, 'applications'] as const;
const rolls = [...workflow, 'rolls'] as const;
const coord = ['coord'] as const;
const reports = [...coord, 'reports'] as const;
const completeness = [...coord, 'completeness'] as const;
const bulletins = [...coord, 'bulletins'] as const;
const meetings = [...coord, 'meetings'] as const;
const actionItems = [...coord, 'action-items'] as const;
const plans = [...coord, 'plan'] as const;
const ecd = ['ecd'] as const;
const ecdPlans = [...ecd, 'plans'] as const;
const sessions = [...ecd, 'sessions'] as const;
const teacherLoad = [...ecd, 'teacher-load'] as const;
const portal = ['portal'] as const;
const articles = [...portal, 'articles'] as const;
const roll = (id: string) => [...rolls, 'detail', id] as const;

export const queryKeys = {
  health: ['health'] as const,
  session: ['session'] as const,
  /** The home dashboard: it shows figures and to-dos of every module. */
  home: ['home'] as const,
  roles: ['roles'] as const,
  org: {
    all: org,
    tree: [...org, 'tree'] as const,
    township: (code: string) => [...org, 'township', code] as const,
    departments: [...org, 'departments'] as const,
  },
  users: {
    all: ['users'] as const,
    list: (query: object) => ['users', query] as const,
  },
  audit: {
    all: ['audit'] as const,
    list: (query: object) => ['audit', query] as const,
  },
  security: {
    policy: ['security', 'policy'] as const,
  },
  registry: {
    all: registry,
    persons,
    personList: (query: object) => [...persons, query] as const,
    personPicker: (search: string) => [...persons, 'picker', search] as const,
    households: [...registry, 'household'] as const,
    household: (id: string) => [...registry, 'household', id] as const,
    importJob: (id: string) => [...registry, 'import', id] as const,
  },
  benefits: {
    all: benefits,
    summary: (year: number) => [...benefits, 'summary', year] as const,
    programmes: [...benefits, 'programmes'] as const,
    enrolments: [...benefits, 'enrolments'] as const,
    enrolmentList: (query: object) => [...benefits, 'enrolments', query] as const,
    evaluation: (personId: string, date: string) => [...benefits, 'evaluation', personId, date] as const,
    /** 资格确认 and 发放花名册, under ['benefits'] so a benefits-wide invalidation reaches them. */
    workflow: {
      all: workflow,
      applications,
      applicationList: (query: object) => [...applications, 'list', query] as const,
      application: (id: string) => [...applications, 'detail', id] as const,
      rolls,
      rollLists: [...rolls, 'list'] as const,
      rollList: (query: object) => [...rolls, 'list', query] as const,
      /** A programme's latest roll (the month to generate next). */
      latestRoll: (programme: string | undefined) => [...rolls, 'latest', programme] as const,
      roll,
      rollLinesOf: (id: string) => [...roll(id), 'lines'] as const,
      rollLines: (id: string, query: object) => [...roll(id), 'lines', query] as const,
    },
  },
  /** 部门协调: the desk summarises reports, action items, notices and responsibilities. */
  coord: {
    all: coord,
    desk: [...coord, 'desk'] as const,
    reports,
    reportLists: [...reports, 'list'] as const,
    reportList: (query: object) => [...reports, 'list', query] as const,
    report: (department: string, period: string) => [...reports, 'detail', department, period] as const,
    completeness,
    completenessYear: (year: number | null) => [...completeness, year ?? 'latest'] as const,
    bulletins,
    bulletinList: [...bulletins, 'list'] as const,
    bulletin: (id: string) => [...bulletins, 'detail', id] as const,
    meetings,
    meetingList: [...meetings, 'list'] as const,
    meeting: (id: string) => [...meetings, 'detail', id] as const,
    actionItems,
    actionItemList: (query: object) => [...actionItems, 'list', query] as const,
    notices: [...coord, 'notices'] as const,
    plans,
    plan: (year: number | null) => [...plans, year ?? 'latest'] as const,
    indicators: [...coord, 'indicators'] as const,
  },
  /** 早教中心: children and archives, and the centre's work. */
  ecd: {
    all: ecd,
    children: [...ecd, 'children'] as const,
    child: (id: string) => [...ecd, 'child', id] as const,
    curve: (table: string, sex: string) => [...ecd, 'curve', table, sex] as const,
    milestones: (childId: string) => [...ecd, 'milestones', childId] as const,
    plans: ecdPlans,
    planList: (query: object) => [...ecdPlans, 'list', query] as const,
    plan: (id: string) => [...ecdPlans, 'detail', id] as const,
    centre: [...ecd, 'centre'] as const,
    classes: [...ecd, 'classes'] as const,
    sessions,
    sessionRange: (from: string, to: string) => [...sessions, from, to] as const,
    teacherLoads: teacherLoad,
    teacherLoad: (from: string, to: string) => [...teacherLoad, from, to] as const,
    archivePrint: (childId: string) => [...ecd, 'archive-print', childId] as const,
  },
  /** 门户网站: articles and their revisions, approved link domains, the integrity status. */
  portal: {
    all: portal,
    articles,
    articleList: [...articles, 'list'] as const,
    article: (id: string) => [...articles, 'detail', id] as const,
    revision: (id: string, number: number) => [...articles, 'detail', id, 'revision', number] as const,
    domains: [...portal, 'domains'] as const,
    integrity: [...portal, 'integrity'] as const,
  },
};
