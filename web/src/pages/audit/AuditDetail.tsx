import { Col, Descriptions, Row, Tag, Typography } from 'antd';
import type { AuditEntry } from '../../api/types.ts';
import { entityTypeLabels, labelFor, useI18n } from '../../i18n/index.ts';

function Json({ value }: { value: unknown }) {
  const { t } = useI18n();
  if (value === null || value === undefined) return <span className="xf-muted">{t('common.none')}</span>;
  return <pre className="xf-json">{JSON.stringify(value, null, 2)}</pre>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Top-level fields whose value differs between before and after (both objects), for a quick read. */
export function changedFields(before: unknown, after: unknown): string[] {
  if (!isRecord(before) || !isRecord(after)) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/** The expanded row: before/after as the server sent them (personal data already masked). */
export function AuditDetail({ entry }: { entry: AuditEntry }) {
  const { t, lang } = useI18n();
  const changed = changedFields(entry.before, entry.after);
  return (
    <div data-testid={`audit-detail-${entry.seq}`}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('audit.ip')}>
          <span className="xf-code">{entry.ip ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.entityType')}>
          <span title={entry.entityType}>{labelFor(entityTypeLabels, entry.entityType, lang)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.entityId')}>
          <span className="xf-code">{entry.entityId ?? '—'}</span>
        </Descriptions.Item>
      </Descriptions>
      {changed.length > 0 ? (
        <div style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">{t('audit.changed')}</Typography.Text>
          {changed.map((key) => (
            <Tag key={key} color="gold" className="xf-code">
              {key}
            </Tag>
          ))}
        </div>
      ) : null}
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
