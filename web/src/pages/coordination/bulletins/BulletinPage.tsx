import { Alert, Button, Card, Descriptions, Space } from 'antd';
import { Link, useParams } from 'react-router';
import { useBulletin } from '../../../api/coordination.ts';
import type { Bulletin } from '../../../api/coordinationTypes.ts';
import { PERMISSIONS } from '../../../auth/permissions.ts';
import { useSession } from '../../../auth/session.tsx';
import { DetailPlaceholder } from '../../../components/DetailPlaceholder.tsx';
import { formatDateTime, useI18n } from '../../../i18n/index.ts';
import { usePageCrumb } from '../../../layout/pageMeta.tsx';
import { CoordinationTabs } from '../CoordinationTabs.tsx';
import { BulletinActions } from './BulletinActions.tsx';
import { BulletinDocument } from './BulletinDocument.tsx';
import { BULLETIN_STATUS_TAGS } from './BulletinsPage.tsx';
import { EnumTag } from '../../../components/EnumTag.tsx';

function BulletinHeader({ bulletin }: { bulletin: Bulletin }) {
  const { t } = useI18n();
  const { can } = useSession();
  return (
    <Card
      className="xf-bulletin-toolbar"
      title={
        <Space size={10} wrap>
          <span>{bulletin.periodLabel}</span>
          <EnumTag table={BULLETIN_STATUS_TAGS} value={bulletin.status} />
        </Space>
      }
      extra={
        <Link to="/coordination/bulletins">
          <Button>{t('coord.bulletin.back')}</Button>
        </Link>
      }
      data-testid="bulletin-header"
      data-status={bulletin.status}
      data-version={bulletin.version}
    >
      <Descriptions column={{ xs: 1, sm: 3 }} size="small">
        <Descriptions.Item label={t('coord.bulletins.kind')}>{t(`coord.bulletinKind.${bulletin.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('coord.bulletins.createdAt')}>
          <span className="xf-num">{formatDateTime(bulletin.createdAt)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('coord.bulletins.publishedAt')}>
          {bulletin.publishedAt ? <span className="xf-num">{formatDateTime(bulletin.publishedAt)}</span> : <span className="xf-muted">—</span>}
        </Descriptions.Item>
      </Descriptions>
      {bulletin.status === 'draft' && can(PERMISSIONS.coordManage) ? (
        <Alert type="info" showIcon className="xf-coord-return" title={t('coord.bulletin.draftHint')} data-testid="bulletin-draft-hint" />
      ) : null}
      <div className="xf-coord-actions">
        <BulletinActions bulletin={bulletin} />
      </div>
    </Card>
  );
}

/** One bulletin, laid out as the printed document, with what may be done with it. */
export function BulletinPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const detail = useBulletin(id, id !== '');
  const bulletin = detail.data;
  usePageCrumb(bulletin ? bulletin.title : null);

  let body;
  if (!bulletin) {
    body = (
      <DetailPlaceholder
        query={detail}
        notFoundTitle={t('coord.bulletin.notFound')}
        backTo={{ path: '/coordination/bulletins', label: t('coord.bulletin.back') }}
      />
    );
  } else {
    body = (
      <>
        <BulletinHeader bulletin={bulletin} />
        <Card className="xf-bulletin-card">
          <BulletinDocument bulletin={bulletin} />
        </Card>
      </>
    );
  }

  return (
    <div className="xf-stack" data-testid="bulletin-page">
      <CoordinationTabs />
      {body}
    </div>
  );
}
