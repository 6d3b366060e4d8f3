import { Card, Col, Empty, Row, Statistic } from 'antd';
import type { FigureGroup } from '../../api/types.ts';
import { useRoleLabel } from '../../components/RoleTags.tsx';
import { useI18n } from '../../i18n/index.ts';

/** The few figures of each of the user's roles, each group headed by the scope it counts. */
export function HomeFigures({ groups, loading }: { groups: FigureGroup[]; loading: boolean }) {
  const { t, pick } = useI18n();
  const roleLabel = useRoleLabel();
  return (
    <Card title={t('home.figures')} loading={loading} data-testid="home-figures" size="small" className="xf-figures-card">
      {groups.length === 0 ? (
        <Empty description={t('home.noFigures')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        groups.map((group) => (
          <section key={`${group.role}-${group.scope['zh-CN']}`} className="xf-figure-group" data-testid={`figures-${group.role}`}>
            <div className="xf-figure-scope" data-testid="figure-scope">
              <strong>{pick(group.scope)}</strong>
              <span className="xf-subline"> · {roleLabel(group.role)}</span>
            </div>
            <Row gutter={[12, 12]}>
              {group.figures.map((figure) => (
                <Col key={figure.key} xs={12} sm={8} xl={12} xxl={8}>
                  <Statistic
                    className="xf-figure"
                    title={pick(figure.label)}
                    value={figure.value}
                    suffix={figure.unit ? pick(figure.unit) : undefined}
                    data-testid={`figure-${figure.key}`}
                  />
                </Col>
              ))}
            </Row>
          </section>
        ))
      )}
    </Card>
  );
}
