import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { OrgTree, TownshipKind } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.ts';

const KINDS: TownshipKind[] = ['subdistrict', 'town', 'township'];

export function OrgSummary({ tree }: { tree: OrgTree }) {
  const { t } = useI18n();
  const villages = tree.townships.reduce((sum, township) => sum + township.villages.length, 0);
  return (
    <Card title={t('org.summary')} data-testid="org-summary">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {tree.district.name} <span className="xf-tree-code">{tree.district.code}</span>
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col span={12}>
          <Statistic title={t('org.townships')} value={tree.townships.length} />
        </Col>
        <Col span={12}>
          <Statistic title={t('org.villages')} value={villages} />
        </Col>
        {KINDS.map((kind) => (
          <Col span={8} key={kind}>
            <Statistic
              title={t(`org.kind.${kind}`)}
              value={tree.townships.filter((township) => township.kind === kind).length}
              styles={{ content: { fontSize: 20 } }}
            />
          </Col>
        ))}
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {t('org.hint')}
      </Typography.Paragraph>
    </Card>
  );
}
