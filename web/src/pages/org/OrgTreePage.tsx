import { SearchOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Input, Row, Skeleton, Tree } from 'antd';
import { useMemo, useState, type Key } from 'react';
import { useNavigate } from 'react-router';
import { useOrgTree } from '../../api/hooks.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useI18n } from '../../i18n/index.ts';
import { OrgSummary } from './OrgSummary.tsx';
import { buildOrgTree } from './orgTreeData.tsx';
import { EnumTag } from '../../components/EnumTag.tsx';
import { COMPACT_TAG, ORG_KIND_TAGS } from './orgKinds.ts';

export function OrgTreePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const tree = useOrgTree();
  const [search, setSearch] = useState('');
  const [manualExpanded, setManualExpanded] = useState<Key[] | null>(null);

  const built = useMemo(
    () => (tree.data ? buildOrgTree(tree.data, search, (kind) => <EnumTag table={ORG_KIND_TAGS} value={kind} style={COMPACT_TAG} />) : null),
    [tree.data, search],
  );

  if (tree.isError) return <QueryError error={tree.error} onRetry={() => void tree.refetch()} />;

  const onSelect = (keys: Key[]) => {
    const key = keys[0];
    const code = typeof key === 'string' ? built?.townshipOf.get(key) : undefined;
    if (code) void navigate(`/org/townships/${code}`);
  };

  return (
    <Row gutter={[16, 16]} data-testid="org-page">
      <Col xs={24} lg={16}>
        <Card title={t('org.tree')}>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('org.search')}
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              setManualExpanded(null);
            }}
            style={{ marginBottom: 12 }}
            data-testid="org-search"
          />
          {!built ? (
            <Skeleton active />
          ) : built.nodes[0]?.children?.length === 0 ? (
            <Empty description={t('org.noMatch')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <Tree
              className="xf-org-tree"
              treeData={built.nodes}
              height={560}
              showLine
              blockNode
              expandedKeys={manualExpanded ?? built.expandedKeys}
              onExpand={(keys) => setManualExpanded(keys)}
              onSelect={onSelect}
              selectedKeys={[]}
              data-testid="org-tree"
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        {tree.data ? <OrgSummary tree={tree.data} /> : <Card loading />}
      </Col>
    </Row>
  );
}
