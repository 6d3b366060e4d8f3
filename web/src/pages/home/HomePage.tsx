import { useQuery } from '@tanstack/react-query';
import { Col, Grid, Row } from 'antd';
import { queryKeys } from '../../api/queryKeys.ts';
import { orgApi } from '../../api/org.ts';
import { useCurrentSession } from '../../auth/session.tsx';
import { today } from '../../clock.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { ChildCard } from './ChildCard.tsx';
import { HomeFigures } from './HomeFigures.tsx';
import { PortalIntegrityCard } from './PortalIntegrityCard.tsx';
import { QuickLinks } from './QuickLinks.tsx';
import { RecentActivity } from './RecentActivity.tsx';
import { TodoList } from './TodoList.tsx';
import { WelcomeCard } from './WelcomeCard.tsx';
import './home.css';

/** The home page: what waits for the user (待办) first, then their figures and shortcuts. */
export function HomePage() {
  const session = useCurrentSession();
  const home = useQuery({ queryKey: queryKeys.home, queryFn: orgApi.home });
  const recent = home.data?.recentActivity;
  const wide = Grid.useBreakpoint().xl ?? false;

  const todo = home.isError ? (
    <QueryError error={home.error} onRetry={() => void home.refetch()} />
  ) : (
    <TodoList items={home.data?.todo ?? []} today={home.data?.today ?? today()} loading={home.isPending} />
  );
  // A parent has their child instead of figures.
  const groups = home.data?.figures ?? [];
  const figures = home.isError || (home.data && groups.length === 0) ? null : <HomeFigures groups={groups} loading={home.isPending} />;
  const activity = recent ? <RecentActivity entries={recent} /> : null;

  return (
    <div className="xf-stack" data-testid="home-page">
      <WelcomeCard districtName={home.data?.district.name ?? session.user.district.name} />
      {home.data?.children.map((child) => (
        <ChildCard key={child.id} child={child} />
      ))}
      {wide ? (
        <Row gutter={[16, 16]}>
          <Col span={15}>
            <div className="xf-stack">
              {todo}
              {activity}
            </div>
          </Col>
          <Col span={9}>
            <div className="xf-stack">
              {figures}
              <PortalIntegrityCard />
              <QuickLinks />
            </div>
          </Col>
        </Row>
      ) : (
        // One column: what waits first, then the figures, then the rest.
        <>
          {todo}
          {figures}
          <PortalIntegrityCard />
          {activity}
          <QuickLinks />
        </>
      )}
    </div>
  );
}
