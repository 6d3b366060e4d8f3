import { Col, Descriptions, Row, Typography } from 'antd';
import type { AuditEntry } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.ts';

function Json({ value }: { value: unknown }) {
  const { t } = useI18n();
  if (value === null || value === undefined) return <span className="xf-muted">{t('common.none')}</span>;
  return <pre className="xf-json">{JSON.stringify(value, null, 2)}</pre>;
}

/** The expanded row: before/after as the server sent them (personal data already masked). */
export function AuditDetail({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  return (
    <div data-testid={`audit-detail-${entry.seq}`}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('audit.ip')}>
          <span className="xf-code">{entry.ip ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.entityType')}>
          <span className="xf-code">{entry.entityType}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.entityId')}>
          <span className="xf-code">{entry.entityId ?? '—'}</span>
        </Descriptions.Item>
      </Descriptions>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('audit.before')}</Typography.Text>
          <Json value={entry.before} />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('audit.after')}</Typography.Text>
          <Json value={entry.after} />
        </Col>
      </Row>
      {entry.detail !== null && entry.detail !== undefined ? (
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>{t('audit.detail')}</Typography.Text>
          <Json value={entry.detail} />
        </div>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('audit.maskedNote')}
      </Typography.Text>
    </div>
  );
}
