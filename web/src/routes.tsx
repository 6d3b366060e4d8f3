import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { FullPageSpin, RequireAuth, RequirePermission, RequireRosterImport } from './auth/guards.tsx';
import { PERMISSIONS, type Permission } from './auth/permissions.ts';
import { AppLayout } from './layout/AppLayout.tsx';
import { LoginPage } from './pages/login/LoginPage.tsx';
import { ForbiddenPage } from './pages/errors/ForbiddenPage.tsx';
import { NotFoundPage } from './pages/errors/NotFoundPage.tsx';
import { HomePage } from './pages/home/HomePage.tsx';

/* Pages past the home page load on first visit. */
const OrgTreePage = lazy(() => import('./pages/org/OrgTreePage.tsx').then((m) => ({ default: m.OrgTreePage })));
const TownshipPage = lazy(() => import('./pages/org/TownshipPage.tsx').then((m) => ({ default: m.TownshipPage })));
const DepartmentsPage = lazy(() => import('./pages/org/DepartmentsPage.tsx').then((m) => ({ default: m.DepartmentsPage })));
const UsersPage = lazy(() => import('./pages/users/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
const AuditPage = lazy(() => import('./pages/audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const SecurityPage = lazy(() => import('./pages/security/SecurityPage.tsx').then((m) => ({ default: m.SecurityPage })));
const RegistryPage = lazy(() => import('./pages/registry/RegistryPage.tsx').then((m) => ({ default: m.RegistryPage })));
const HouseholdPage = lazy(() => import('./pages/registry/HouseholdPage.tsx').then((m) => ({ default: m.HouseholdPage })));
const NewHouseholdPage = lazy(() => import('./pages/registry/NewHouseholdPage.tsx').then((m) => ({ default: m.NewHouseholdPage })));
const ImportPage = lazy(() => import('./pages/registry/ImportPage.tsx').then((m) => ({ default: m.ImportPage })));
const BenefitsPage = lazy(() => import('./pages/benefits/BenefitsPage.tsx').then((m) => ({ default: m.BenefitsPage })));
const ProgrammesPage = lazy(() => import('./pages/benefits/ProgrammesPage.tsx').then((m) => ({ default: m.ProgrammesPage })));
const ApplicationsPage = lazy(() => import('./pages/benefits/applications/ApplicationsPage.tsx').then((m) => ({ default: m.ApplicationsPage })));
const ApplicationDetailPage = lazy(() => import('./pages/benefits/applications/ApplicationDetailPage.tsx').then((m) => ({ default: m.ApplicationDetailPage })));
const EnrolmentsPage = lazy(() => import('./pages/benefits/EnrolmentsPage.tsx').then((m) => ({ default: m.EnrolmentsPage })));
const RollsPage = lazy(() => import('./pages/benefits/rolls/RollsPage.tsx').then((m) => ({ default: m.RollsPage })));
const RollDetailPage = lazy(() => import('./pages/benefits/rolls/RollDetailPage.tsx').then((m) => ({ default: m.RollDetailPage })));
const WhatIfPage = lazy(() => import('./pages/benefits/WhatIfPage.tsx').then((m) => ({ default: m.WhatIfPage })));
const DeskPage = lazy(() => import('./pages/coordination/DeskPage.tsx').then((m) => ({ default: m.DeskPage })));
const ReportsPage = lazy(() => import('./pages/coordination/reports/ReportsPage.tsx').then((m) => ({ default: m.ReportsPage })));
const ReportPage = lazy(() => import('./pages/coordination/reports/ReportPage.tsx').then((m) => ({ default: m.ReportPage })));
const CompletenessPage = lazy(() => import('./pages/coordination/CompletenessPage.tsx').then((m) => ({ default: m.CompletenessPage })));
const BulletinsPage = lazy(() => import('./pages/coordination/bulletins/BulletinsPage.tsx').then((m) => ({ default: m.BulletinsPage })));
const BulletinPage = lazy(() => import('./pages/coordination/bulletins/BulletinPage.tsx').then((m) => ({ default: m.BulletinPage })));
const MeetingsPage = lazy(() => import('./pages/coordination/meetings/MeetingsPage.tsx').then((m) => ({ default: m.MeetingsPage })));
const MeetingPage = lazy(() => import('./pages/coordination/meetings/MeetingPage.tsx').then((m) => ({ default: m.MeetingPage })));
const ActionItemsPage = lazy(() => import('./pages/coordination/ActionItemsPage.tsx').then((m) => ({ default: m.ActionItemsPage })));
const NoticesPage = lazy(() => import('./pages/coordination/NoticesPage.tsx').then((m) => ({ default: m.NoticesPage })));
const PlanPage = lazy(() => import('./pages/coordination/PlanPage.tsx').then((m) => ({ default: m.PlanPage })));
const IndicatorsPage = lazy(() => import('./pages/coordination/IndicatorsPage.tsx').then((m) => ({ default: m.IndicatorsPage })));
const EcdPage = lazy(() => import('./pages/ecd/EcdPage.tsx').then((m) => ({ default: m.EcdPage })));
const ChildArchivePage = lazy(() => import('./pages/ecd/ChildArchivePage.tsx').then((m) => ({ default: m.ChildArchivePage })));
const ArchivePrintPage = lazy(() => import('./pages/ecd/print/ArchivePrintPage.tsx').then((m) => ({ default: m.ArchivePrintPage })));
const EcdCalendarPage = lazy(() => import('./pages/ecd/centre/CalendarPage.tsx').then((m) => ({ default: m.CalendarPage })));
const EcdClassesPage = lazy(() => import('./pages/ecd/centre/ClassesPage.tsx').then((m) => ({ default: m.ClassesPage })));
const EcdPlansPage = lazy(() => import('./pages/ecd/centre/PlansPage.tsx').then((m) => ({ default: m.PlansPage })));
const EcdCentrePage = lazy(() => import('./pages/ecd/centre/CentrePage.tsx').then((m) => ({ default: m.CentrePage })));
const ArticlesPage = lazy(() => import('./pages/portal/ArticlesPage.tsx').then((m) => ({ default: m.ArticlesPage })));
const ArticleEditorPage = lazy(() => import('./pages/portal/ArticleEditorPage.tsx').then((m) => ({ default: m.ArticleEditorPage })));
const DomainsPage = lazy(() => import('./pages/portal/DomainsPage.tsx').then((m) => ({ default: m.DomainsPage })));
const IntegrityPage = lazy(() => import('./pages/portal/IntegrityPage.tsx').then((m) => ({ default: m.IntegrityPage })));
const AccountPage = lazy(() => import('./pages/account/AccountPage.tsx').then((m) => ({ default: m.AccountPage })));

/** Teachers see every child, parents their own. */
const ECD_VIEW = [PERMISSIONS.ecdRead, PERMISSIONS.ecdOwn] as const;
/** Editors write articles, approvers approve them; both see the whole portal section. */
const PORTAL_STAFF = [PERMISSIONS.portalEdit, PERMISSIONS.portalApprove] as const;

function guarded(permission: Permission | readonly Permission[], page: ReactNode) {
  return <RequirePermission permission={permission}>{page}</RequirePermission>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth />}>
        {/* The printable archive: a bare A4 page, outside the app's layout. */}
        <Route
          path="ecd/children/:id/print"
          element={guarded(
            ECD_VIEW,
            <Suspense fallback={<FullPageSpin />}>
              <ArchivePrintPage />
            </Suspense>,
          )}
        />
        <Route element={<AppLayout />}>
          <Route index element={<HomePage />} />
          <Route path="registry" element={guarded(PERMISSIONS.registryRead, <RegistryPage />)} />
          <Route path="registry/households/new" element={guarded(PERMISSIONS.registryWrite, <NewHouseholdPage />)} />
          <Route path="registry/households/:id" element={guarded(PERMISSIONS.registryRead, <HouseholdPage />)} />
          <Route
            path="registry/import"
            element={
              <RequireRosterImport>
                <ImportPage />
              </RequireRosterImport>
            }
          />
          <Route path="benefits" element={guarded(PERMISSIONS.benefitsRead, <BenefitsPage />)} />
          <Route path="benefits/programmes" element={guarded(PERMISSIONS.benefitsRead, <ProgrammesPage />)} />
          <Route path="benefits/applications" element={guarded(PERMISSIONS.benefitsRead, <ApplicationsPage />)} />
          <Route path="benefits/applications/:id" element={guarded(PERMISSIONS.benefitsRead, <ApplicationDetailPage />)} />
          <Route path="benefits/enrolments" element={guarded(PERMISSIONS.benefitsRead, <EnrolmentsPage />)} />
          <Route path="benefits/rolls" element={guarded(PERMISSIONS.benefitsRead, <RollsPage />)} />
          <Route path="benefits/rolls/:id" element={guarded(PERMISSIONS.benefitsRead, <RollDetailPage />)} />
          <Route path="benefits/what-if" element={guarded(PERMISSIONS.benefitsManage, <WhatIfPage />)} />
          <Route path="coordination" element={guarded(PERMISSIONS.coordRead, <DeskPage />)} />
          <Route path="coordination/reports" element={guarded(PERMISSIONS.coordRead, <ReportsPage />)} />
          <Route path="coordination/reports/:department/:period" element={guarded(PERMISSIONS.coordRead, <ReportPage />)} />
          <Route path="coordination/completeness" element={guarded(PERMISSIONS.coordRead, <CompletenessPage />)} />
          <Route path="coordination/bulletins" element={guarded(PERMISSIONS.coordRead, <BulletinsPage />)} />
          <Route path="coordination/bulletins/:id" element={guarded(PERMISSIONS.coordRead, <BulletinPage />)} />
          <Route path="coordination/meetings" element={guarded(PERMISSIONS.coordRead, <MeetingsPage />)} />
          <Route path="coordination/meetings/:id" element={guarded(PERMISSIONS.coordRead, <MeetingPage />)} />
          <Route path="coordination/action-items" element={guarded(PERMISSIONS.coordRead, <ActionItemsPage />)} />
          <Route path="coordination/notices" element={guarded(PERMISSIONS.coordRead, <NoticesPage />)} />
          <Route path="coordination/plan" element={guarded(PERMISSIONS.coordRead, <PlanPage />)} />
          <Route path="coordination/indicators" element={guarded(PERMISSIONS.coordManage, <IndicatorsPage />)} />
          <Route path="ecd" element={guarded(ECD_VIEW, <EcdPage />)} />
          <Route path="ecd/children/:id" element={guarded(ECD_VIEW, <ChildArchivePage />)} />
          <Route path="ecd/calendar" element={guarded(ECD_VIEW, <EcdCalendarPage />)} />
          <Route path="ecd/classes" element={guarded(PERMISSIONS.ecdRead, <EcdClassesPage />)} />
          <Route path="ecd/plans" element={guarded(PERMISSIONS.ecdRead, <EcdPlansPage />)} />
          <Route path="ecd/centre" element={guarded(PERMISSIONS.ecdRead, <EcdCentrePage />)} />
          <Route path="website" element={guarded(PORTAL_STAFF, <ArticlesPage />)} />
          <Route path="website/articles/new" element={guarded(PERMISSIONS.portalEdit, <ArticleEditorPage />)} />
          <Route path="website/articles/:id" element={guarded(PORTAL_STAFF, <ArticleEditorPage />)} />
          <Route path="website/domains" element={guarded(PORTAL_STAFF, <DomainsPage />)} />
          <Route path="website/integrity" element={guarded(PORTAL_STAFF, <IntegrityPage />)} />
          <Route path="org" element={guarded(PERMISSIONS.orgRead, <OrgTreePage />)} />
          <Route path="org/townships/:code" element={guarded(PERMISSIONS.orgRead, <TownshipPage />)} />
          <Route path="org/departments" element={guarded(PERMISSIONS.coordRead, <DepartmentsPage />)} />
          <Route path="users" element={guarded(PERMISSIONS.userRead, <UsersPage />)} />
          <Route path="audit" element={guarded(PERMISSIONS.auditRead, <AuditPage />)} />
          <Route path="security" element={guarded(PERMISSIONS.securityManage, <SecurityPage />)} />
          <Route path="account" element={<AccountPage />} />
          <Route path="403" element={<ForbiddenPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
