import { Card, Col, Row } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../auth/session.tsx';
import { useI18n } from '../../i18n/index.ts';
import { menuPages, visibleMenu } from '../../layout/menuConfig.tsx';

/** Shortcuts to every page the user may open, from the same table as the side menu. */
export function QuickLinks() {
  const { can } = useSession();
  const { t } = useI18n();
  const pages = useMemo(() => menuPages(visibleMenu(can)).filter((entry) => entry.path !== '/'), [can]);
  return (
    <Card title={t('home.quickLinks')} data-testid="quick-links">
      <Row gutter={[12, 12]}>
        {pages.map((entry) => (
          <Col key={entry.key} xs={24} sm={12} md={8} xl={12} xxl={8}>
            <Link to={entry.path ?? '/'} className="xf-quick-link" data-testid={`quick-${entry.testId}`}>
              {entry.icon}
              <span>{t(entry.labelKey)}</span>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
