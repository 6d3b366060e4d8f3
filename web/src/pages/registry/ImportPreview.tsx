import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Collapse, Flex, Popconfirm, Tag, Typography } from 'antd';
import type { ImportPreview as Preview } from '../../api/registryTypes.ts';
import { useCurrentSession } from '../../auth/session.tsx';
import { useI18n } from '../../i18n/index.ts';
import { ImportCountGrid, type CountItem } from './ImportCountGrid.tsx';
import { useFieldLabel, useJoin } from './importFormat.tsx';
import { HeaderFacts } from './ImportMapping.tsx';
import { ImportChanges, ImportNotes, ImportRefused } from './ImportPreviewTables.tsx';
import type { ImportActions } from './useImportActions.ts';

interface ImportPreviewProps {
  jobId: string;
  fileName: string;
  preview: Preview;
  actions: ImportActions;
  /** Show the mapping step again for this preview. */
  onRemap: () => void;
  onAgain: () => void;
}

/** 导入预览: what the import would write, before anything is written; then 确认导入 or 取消. */
export function ImportPreview({ jobId, fileName, preview, actions, onRemap, onAgain }: ImportPreviewProps) {
  const { t } = useI18n();
  const session = useCurrentSession();
  const { counts } = preview;
  const nothing = counts.new === 0 && counts.changed === 0 && counts.links === 0;

  const apply = (
    <Popconfirm
      key="apply"
      title={t('import.applyConfirm.title')}
      description={
        <div style={{ maxWidth: 320 }}>
          {t('import.applyConfirm.text', {
            new: counts.new,
            households: counts.newHouseholds,
            changed: counts.changed,
            links: counts.links,
            user: session.user.displayName,
          })}
        </div>
      }
      okText={t('import.applyConfirm.ok')}
      cancelText={t('import.cancel')}
      okButtonProps={{ loading: actions.apply.isPending, 'data-testid': 'import-apply-confirm' }}
      onConfirm={() => actions.apply.mutateAsync().catch(() => undefined)}
    >
      <Button type="primary" loading={actions.apply.isPending} data-testid="import-apply">
        {t('import.apply')}
      </Button>
    </Popconfirm>
  );

  return (
    <Flex vertical gap={16} data-testid="import-preview" data-status={preview.status}>
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('import.preview.title')}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8 }}>
            {fileName}
          </Typography.Text>
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('import.preview.intro')}
        </Typography.Paragraph>
      </div>

      <HeaderSummary preview={preview} onRemap={onRemap} />
      <ImportCounts preview={preview} />

      {nothing ? <Alert type="info" showIcon title={t('import.nothing')} data-testid="import-nothing" /> : null}

      <ImportChanges preview={preview} />
      <ImportNotes notes={preview.notes} />
      <ImportRefused jobId={jobId} preview={preview} />

      <Flex wrap gap={8}>
        {nothing ? (
          <Button
            type="primary"
            icon={<UploadOutlined />}
            loading={actions.cancel.isPending}
            // Nothing to write: the preview is let go, whatever the server answers.
            onClick={() => actions.cancel.mutate(undefined, { onError: onAgain })}
            data-testid="import-again"
          >
            {t('import.reupload')}
          </Button>
        ) : (
          <>
            {apply}
            <Button loading={actions.cancel.isPending} onClick={() => actions.cancel.mutate()} data-testid="import-cancel">
              {t('import.cancel')}
            </Button>
          </>
        )}
      </Flex>
    </Flex>
  );
}

/** Which header of the file fills which field, folded away; with a way back to the mapping step. */
function HeaderSummary({ preview, onRemap }: { preview: Preview; onRemap: () => void }) {
  const { t } = useI18n();
  const fieldLabel = useFieldLabel();
  const join = useJoin();
  const labels = new Map(preview.fields.map((f) => [f.key, fieldLabel(f.key, f.label)]));
  const matched = preview.columns.filter((c) => c.key !== null);
  const ignored = preview.columns.filter((c) => c.key === null);
  const headerOf = (header: string) => header.trim() || t('import.mapping.noHeader');
  return (
    <Collapse
      size="small"
      data-testid="import-header-summary"
      items={[
        {
          key: 'columns',
          label: t('import.summary.title', { matched: matched.length, ignored: ignored.length }),
          extra: (
            <Button
              size="small"
              onClick={(event) => {
                event.stopPropagation();
                onRemap();
              }}
              data-testid="import-remap"
            >
              {t('import.remap')}
            </Button>
          ),
          children: (
            <Flex vertical gap={8}>
              <HeaderFacts preview={preview} />
              <Flex wrap gap={6}>
                {matched.map((c) => (
                  <Tag key={c.column} data-column={c.column} style={{ margin: 0 }}>
                    {headerOf(c.header)} → {c.key ? (labels.get(c.key) ?? c.key) : ''}
                  </Tag>
                ))}
              </Flex>
              {ignored.length > 0 ? (
                <div className="xf-muted">{t('import.summary.ignored', { columns: join(ignored.map((c) => headerOf(c.header))) })}</div>
              ) : null}
            </Flex>
          ),
        },
      ]}
    />
  );
}

/** The preview's figures, out of the file's rows. */
function ImportCounts({ preview }: { preview: Preview }) {
  const { t } = useI18n();
  const { counts } = preview;
  const items: CountItem[] = [
    { testId: 'import-count-new', title: 'import.count.new', unit: 'import.persons', value: counts.new },
    { testId: 'import-count-households', title: 'import.count.newHouseholds', unit: 'import.households', value: counts.newHouseholds },
    { testId: 'import-count-links', title: 'import.count.links', unit: 'import.linksCount', value: counts.links },
    { testId: 'import-count-unchanged', title: 'import.count.unchanged', unit: 'import.persons', value: counts.unchanged },
    { testId: 'import-count-changed', title: 'import.count.changed', unit: 'import.persons', value: counts.changed },
    { testId: 'import-count-refused', title: 'import.count.refused', unit: 'import.rows', value: counts.refused, danger: true },
  ];
  return (
    <div>
      <ImportCountGrid items={items} />
      <div className="xf-muted" style={{ marginTop: 8 }} data-testid="import-count-rows" data-count={counts.rows}>
        {t('import.count.total', { rows: counts.rows })}
      </div>
    </div>
  );
}
