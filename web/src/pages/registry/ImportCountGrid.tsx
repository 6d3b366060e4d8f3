import { Card, Col, Row, Statistic } from 'antd';
import { useI18n, type MessageKey } from '../../i18n/index.ts';

export interface CountItem {
  /** The value's data-testid; it carries the number as data-count. */
  testId: string;
  title: MessageKey;
  /** A text with {count}, e.g. '{count} 人'. */
  unit: MessageKey;
  value: number;
  /** Shown in red when above zero (rows that cannot be imported). */
  danger?: boolean;
}

/** An import's figures as small cards: two to a line on a phone, three on a tablet, six on a desktop. */
export function ImportCountGrid({ items }: { items: CountItem[] }) {
  const { t } = useI18n();
  return (
    <Row gutter={[12, 12]}>
      {items.map((item) => (
        <Col key={item.testId} xs={12} sm={8} md={4}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic
              title={t(item.title)}
              value={item.value}
              styles={{ content: { fontSize: 22, color: item.danger && item.value > 0 ? '#b81c22' : undefined } }}
              valueRender={() => (
                <span data-testid={item.testId} data-count={item.value}>
                  {t(item.unit, { count: item.value })}
                </span>
              )}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
