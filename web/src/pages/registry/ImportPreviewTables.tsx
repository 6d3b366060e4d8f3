import { DownloadOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Collapse, Flex, Table, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { registryLinks } from '../../api/registry.ts';
import type { ImportChange, ImportNote, ImportPreview, ImportRefusedRow } from '../../api/registryTypes.ts';
import { useI18n } from '../../i18n/index.ts';
import { useFieldLabel } from './importFormat.tsx';

/** A table row's attributes for the browser tests (data-* are not in React's row props). */
function rowData(row: number): HTMLAttributes<HTMLElement> {
  const attributes: Record<string, string> = { 'data-row': String(row) };
  return attributes;
}

/** 已登记人员的变更: one line per changed field, the old value struck through, the new one bold. */
export function ImportChanges({ preview }: { preview: ImportPreview }) {
  const { t } = useI18n();
  const fieldLabel = useFieldLabel();
  const empty = <span className="xf-muted">{t('import.changes.empty')}</span>;
  const columns: TableColumnsType<ImportChange> = [
    { title: t('import.changes.col.row'), dataIndex: 'row', width: 72 },
    { title: t('import.changes.col.name'), dataIndex: 'name', width: 100 },
    { title: t('import.changes.col.idNumber'), dataIndex: 'idNumber', width: 190 },
    {
      title: t('import.changes.col.fields'),
      key: 'fields',
      render: (_, change) => (
        <Flex vertical gap={2}>
          {change.fields.map((field) => (
            <div key={field.key} data-field={field.key}>
              <span className="xf-muted">{t('import.changes.field', { field: fieldLabel(field.key, field.label) })}</span>
              {field.before === null ? (
                empty
              ) : (
                <Typography.Text delete type="secondary">
                  {field.before}
                </Typography.Text>
              )}
              <span className="xf-muted"> → </span>
              {field.after === null ? empty : <Typography.Text strong>{field.after}</Typography.Text>}
            </div>
          ))}
        </Flex>
      ),
    },
  ];
  if (preview.changes.length === 0) return null;
  return (
    <section>
      <Typography.Title level={5}>{t('import.changes.title')}</Typography.Title>
      {preview.changesTruncated ? (
        <Typography.Paragraph type="secondary">
          {t('import.changes.truncated', { total: preview.counts.changed, shown: preview.changes.length })}
        </Typography.Paragraph>
      ) : null}
      <Table<ImportChange>
        rowKey="row"
        size="small"
        columns={columns}
        dataSource={preview.changes}
        pagination={preview.changes.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 720 }}
        onRow={(change) => rowData(change.row)}
        data-testid="import-changes"
      />
    </section>
  );
}

/** Rows the import will write but that need a look (e.g. a grandchild whose parents are unknown). */
export function ImportNotes({ notes }: { notes: ImportNote[] }) {
  const { t } = useI18n();
  if (notes.length === 0) return null;
  return (
    <Collapse
      size="small"
      data-testid="import-notes"
      items={[
        {
          key: 'notes',
          label: (
            <Typography.Text type="warning">
              <WarningOutlined /> {t('import.notes.title', { count: notes.length })}
            </Typography.Text>
          ),
          children: (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {notes.map((note, i) => (
                <li key={i} data-row={note.row}>
                  {t('import.notes.item', { row: note.row, name: note.name, text: note.text })}
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
}

/** 不能导入的行, with the error workbook to correct them in. */
export function ImportRefused({ jobId, preview }: { jobId: string; preview: ImportPreview }) {
  const { t } = useI18n();
  if (preview.counts.refused === 0 && preview.refused.length === 0) return null;
  const columns: TableColumnsType<ImportRefusedRow> = [
    { title: t('import.refused.col.row'), dataIndex: 'row', width: 72 },
    { title: t('import.refused.col.column'), dataIndex: 'column', width: 140 },
    { title: t('import.refused.col.reason'), dataIndex: 'reason' },
  ];
  return (
    <section data-testid="import-refused">
      <Flex wrap gap={8} align="center" justify="space-between" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('import.refused.title')}
        </Typography.Title>
        {preview.hasErrorsFile ? <ErrorsButton jobId={jobId} /> : null}
      </Flex>
      {preview.refusedTruncated ? (
        <Typography.Paragraph type="secondary">{t('import.refused.truncated', { shown: preview.refused.length })}</Typography.Paragraph>
      ) : null}
      <Table<ImportRefusedRow>
        rowKey={(refused, i) => `${refused.row}-${refused.column}-${i ?? 0}`}
        size="small"
        columns={columns}
        dataSource={preview.refused}
        pagination={preview.refused.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 560 }}
        onRow={(refused) => rowData(refused.row)}
        data-testid="import-refused-table"
      />
    </section>
  );
}

/** The error workbook: the refused rows with their reasons, to correct and import again. */
export function ErrorsButton({ jobId, primary = false }: { jobId: string; primary?: boolean }) {
  const { t } = useI18n();
  return (
    <Button
      type={primary ? 'primary' : 'default'}
      icon={<DownloadOutlined />}
      href={registryLinks.importErrors(jobId)}
      download
      data-testid="import-errors-download"
    >
      {t('import.errors')}
    </Button>
  );
}
