import { DownloadOutlined } from '@ant-design/icons';
import { Button, Tag, Typography } from 'antd';
import { registryLinks } from '../../api/registry.ts';
import { useI18n } from '../../i18n/index.ts';

/**
 * The roster's columns as the template heads them (Chinese in both languages: the file uses them).
 * Without 户号, households follow the heads (户主) down the rows.
 */
const COLUMNS: ReadonlyArray<{ header: string; required: boolean }> = [
  { header: '户号', required: false },
  { header: '村（居）', required: true },
  { header: '家庭住址', required: true },
  { header: '姓名', required: true },
  { header: '与户主关系', required: true },
  { header: '性别', required: false },
  { header: '出生日期', required: false },
  { header: '身份证号', required: true },
  { header: '户籍性质', required: true },
  { header: '婚姻状况', required: false },
  { header: '联系电话', required: false },
  { header: '死亡日期', required: false },
  { header: '独生子女证号', required: false },
  { header: '独生子女证发证日期', required: false },
];

/** What a roster is, its columns, and the template to start from. */
export function ImportIntro() {
  const { t } = useI18n();
  return (
    <div className="xf-import-intro" data-testid="import-intro">
      <Typography.Paragraph>{t('import.intro')}</Typography.Paragraph>
      <Typography.Paragraph>{t('import.rules')}</Typography.Paragraph>
      <div className="xf-import-columns">
        <span className="xf-muted">{t('import.columns')}</span>
        {COLUMNS.map((column) => (
          <Tag key={column.header} className="xf-column-tag">
            {column.required ? <span className="xf-required-mark">*</span> : null}
            {column.header}
          </Tag>
        ))}
        <span className="xf-muted xf-column-legend">{t('import.requiredLegend')}</span>
      </div>
      <Button icon={<DownloadOutlined />} href={registryLinks.template} download data-testid="import-template">
        {t('import.template')}
      </Button>
    </div>
  );
}
