import { Button, Card, Descriptions, Space, Tag } from 'antd';
import { Link } from 'react-router';
import type { ChildSummary } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.ts';

/** An instant as the centre's clock shows it: '2011-12-01 09:00' in China. */
const chinaDateTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** A parent's child: age on the business date, the next session, the latest growth check; the archive one click away. */
export function ChildCard({ child }: { child: ChildSummary }) {
  const { t, pick } = useI18n();
  const years = Math.floor(child.ageMonths / 12);
  const months = child.ageMonths % 12;
  const age =
    child.ageMonths < 1
      ? t('home.ageDays', { days: child.ageDays })
      : years === 0
        ? t('home.ageMonths', { months })
        : t('home.ageYearsMonths', { years, months });
  const next = child.nextSession;
  const latest = child.latestMeasurement;
  return (
    <Card
      title={t('home.child')}
      data-testid="home-child"
      extra={
        <Link to={`/ecd/children/${child.id}`} data-testid="child-archive-link">
          <Button type="primary" size="small">
            {t('home.openArchive')}
          </Button>
        </Link>
      }
    >
      <div className="xf-child-name" data-testid="child-name">
        {child.name}
        <span className="xf-subline">
          {' '}
          · {t(child.sex === 'F' ? 'home.girl' : 'home.boy')} · {age}
        </span>
      </div>
      <Descriptions column={1} size="small" className="xf-child-facts">
        <Descriptions.Item label={t('home.nextSession')}>
          <span data-testid="child-next-session">
            {next
              ? `${chinaDateTime(next.startsAt)} · ${next.className}${next.planTitle ? ` · ${next.planTitle}` : ''} · ${next.roomName}`
              : t('home.noSession')}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('home.latestMeasurement')}>
          <span data-testid="child-growth">
            {latest === null ? (
              t('home.noMeasurement')
            ) : (
              <Space size={4} wrap>
                <span>{latest.date}</span>
                {latest.statuses.length === 0 ? (
                  <Tag color="success">{t('home.growthNormal')}</Tag>
                ) : (
                  latest.statuses.map((s) => (
                    <Tag color="warning" key={s['zh-CN']}>
                      {pick(s)}
                    </Tag>
                  ))
                )}
              </Space>
            )}
          </span>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
