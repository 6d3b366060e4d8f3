import { DownOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { benefitsWorkflowLinks, type PublicNoticeQuery, type PublicNoticeStage } from '../../../api/benefitsWorkflow.ts';
import { useI18n } from '../../../i18n/index.ts';

const STAGES: readonly PublicNoticeStage[] = ['village', 'township', 'district'];

/**
 * 打印公示名单: the village notice, the township notice or the district's announcement of the year,
 * for the chosen township and village, as a Word document the browser downloads itself.
 */
export function PublicNoticeDownload({ year, township, village }: Omit<PublicNoticeQuery, 'stage'>) {
  const { t } = useI18n();
  const items: MenuProps['items'] = STAGES.map((stage) => ({
    key: stage,
    label: (
      <a href={benefitsWorkflowLinks.publicNotices({ stage, year, township, village })} download data-testid={`notice-download-${stage}`}>
        {t(`wf.notice.${stage}`)}
      </a>
    ),
  }));
  return (
    <Dropdown menu={{ items }} trigger={['click']}>
      <Button icon={<PrinterOutlined />} data-testid="notice-download">
        {t('wf.notice.download')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
