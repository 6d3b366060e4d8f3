import { Card, Col, Empty, Row, Statistic } from 'antd';
import type { HomeCard } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.ts';

/** The role-scoped figures from GET /api/home, rendered without knowing what they are. */
export function HomeCards({ cards, loading }: { cards: HomeCard[]; loading: boolean }) {
  const { t, pick } = useI18n();
  return (
    <Card title={t('home.overview')} loading={loading} data-testid="home-cards">
      {cards.length === 0 ? (
        <Empty description={t('home.noCards')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Row gutter={[16, 16]}>
          {cards.map((card) => (
            <Col key={card.key} xs={24} sm={12} lg={8} xl={6}>
              <Card size="small" className="xf-stat-card" data-testid={`home-card-${card.key}`}>
                <Statistic title={pick(card.label)} value={card.value} suffix={card.unit ? pick(card.unit) : undefined} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
