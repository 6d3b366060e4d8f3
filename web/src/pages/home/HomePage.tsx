import { useQuery } from '@tanstack/react-query';
import { Col, Row } from 'antd';
import { queryKeys } from '../../api/keys.ts';
import { orgApi } from '../../api/org.ts';
import { PERMISSIONS } from '../../auth/permissions.ts';
import { useCurrentSession, useSession } from '../../auth/session.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { OverdueActionsCard } from '../coordination/OverdueActionsCard.tsx';
import { HomeCards } from './HomeCards.tsx';
import { QuickLinks } from './QuickLinks.tsx';
import { RecentActivity } from './RecentActivity.tsx';
import { WelcomeCard } from './WelcomeCard.tsx';

export function HomePage() {
  const session = useCurrentSession();
  const { can } = useSession();
  const home = useQuery({ queryKey: queryKeys.home, queryFn: orgApi.home });
  const recent = home.data?.recentActivity;

  return (
    <div className="xf-stack" data-testid="home-page">
      <WelcomeCard districtName={home.data?.district.name ?? session.user.district.name} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <div className="xf-stack">
            {home.isError ? (
              <QueryError error={home.error} onRetry={() => void home.refetch()} />
            ) : (
              <HomeCards cards={home.data?.cards ?? []} loading={home.isPending} />
            )}
            {recent ? <RecentActivity entries={recent} /> : null}
          </div>
        </Col>
        <Col xs={24} xl={8}>
          <div className="xf-stack">
            {can(PERMISSIONS.coordManage) ? <OverdueActionsCard /> : null}
            <QuickLinks />
          </div>
        </Col>
      </Row>
    </div>
  );
}
