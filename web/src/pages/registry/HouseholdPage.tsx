import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Skeleton, Space } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { registryApi } from '../../api/registry.ts';
import type { Household } from '../../api/registryTypes.ts';
import { PERMISSIONS } from '../../auth/permissions.ts';
import { useSession } from '../../auth/session.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { formatDateTime, useI18n } from '../../i18n/index.ts';
import { usePageCrumb } from '../../layout/pageMeta.tsx';
import { EventsTimeline } from './EventsTimeline.tsx';
import { HouseholdActions } from './HouseholdActions.tsx';
import { MembersTable } from './MembersTable.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function HouseholdHeader({ household }: { household: Household }) {
  const { t } = useI18n();
  const { can } = useSession();
  const byAt = (name: string | null, time: string) => t('household.byAt', { user: name ?? t('audit.system'), time: formatDateTime(time) });
  return (
    <Card
      title={household.householdNumber ? t('household.title', { number: household.householdNumber }) : t('household.noNumber')}
      extra={
        <Space wrap>
          {can(PERMISSIONS.registryWrite) ? <HouseholdActions household={household} /> : null}
          <Link to="/registry">
            <Button>{t('household.back')}</Button>
          </Link>
        </Space>
      }
    >
      <Descriptions column={{ xs: 1, sm: 2, xl: 3 }} size="small">
        <Descriptions.Item label={t('household.number')}>
          {household.householdNumber ? (
            <span className="xf-code" data-testid="household-number">
              {household.householdNumber}
            </span>
          ) : (
            <span className="xf-muted">—</span>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('household.address')}>
          <span data-testid="household-address">{household.address}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('household.area')}>
          {household.township.name} / {household.village.name}
        </Descriptions.Item>
        <Descriptions.Item label={t('household.created')}>{byAt(household.createdByName, household.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('household.updated')}>{byAt(household.updatedByName, household.updatedAt)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** One household: its members with their ties, and its life events; township and village staff record changes. */
export function HouseholdPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const valid = UUID.test(id);
  const household = useQuery({
    queryKey: queryKeys.registry.household(id),
    queryFn: ({ signal }) => registryApi.household(id, signal),
    enabled: valid,
  });
  const data = household.data;
  usePageCrumb(data ? (data.householdNumber ?? t('household.noNumber')) : null);

  if (!valid || household.isError) {
    // Not found and out of scope answer the same on purpose.
    const error = valid ? household.error : new ApiError(404, 'not_found', '', {}, `/api/registry/households/${id}`);
    return (
      <Card>
        <QueryError
          error={error}
          onRetry={() => void household.refetch()}
          notFoundTitle={t('household.notFound')}
          hideForbidden
          backTo={{ path: '/registry', label: t('household.back') }}
        />
      </Card>
    );
  }
  if (!data)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );

  return (
    <div className="xf-stack" data-testid="household-page">
      <HouseholdHeader household={data} />
      <Card title={t('household.members', { count: data.members.length })}>
        <MembersTable household={data} />
      </Card>
      <Card title={t('household.events')}>
        <EventsTimeline household={data} />
      </Card>
    </div>
  );
}
