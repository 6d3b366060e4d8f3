import { Card, Empty, Tag, Timeline, Typography } from 'antd';
import type { ActivityEntry } from '../../api/types.ts';
import { auditActionLabels, entityTypeLabels, formatDateTime, labelFor, useI18n } from '../../i18n/index.ts';

export function RecentActivity({ entries }: { entries: ActivityEntry[] }) {
  const { t, lang } = useI18n();
  return (
    <Card title={t('home.recent')} data-testid="recent-activity">
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          items={entries.map((entry, index) => ({
            key: `${entry.at}-${index}`,
            content: (
              <>
                <div>
                  <Typography.Text strong>{labelFor(auditActionLabels, entry.action, lang)}</Typography.Text>
                  {entry.result === 'failure' ? (
                    <Tag color="error" style={{ marginInlineStart: 8 }}>
                      {t('audit.result.failure')}
                    </Tag>
                  ) : null}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(entry.at)} · {entry.actor ?? t('audit.system')} · {labelFor(entityTypeLabels, entry.entityType, lang)}
                </Typography.Text>
              </>
            ),
          }))}
        />
      )}
    </Card>
  );
}
