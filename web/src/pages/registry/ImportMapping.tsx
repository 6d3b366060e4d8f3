import { Alert, Button, Checkbox, Flex, Grid, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import type { ImportColumn, ImportPreview, RosterField } from '../../api/registryTypes.ts';
import { useI18n } from '../../i18n/index.ts';
import { HowTag, useFieldLabel, useJoin } from './importFormat.tsx';
import type { ImportActions } from './useImportActions.ts';

/** The Select's value for "do not import this column" (a Select cannot hold null). */
const IGNORE = '';
const SAMPLES = 3;

type Keys = Record<number, RosterField | null>;

interface ImportMappingProps {
  preview: ImportPreview;
  actions: ImportActions;
  /** Set when the preview was ready and the user asked to match again: back to it. */
  onBack?: () => void;
}

/** 匹配列: one line per column of the file, each with the field it fills. */
export function ImportMapping({ preview, actions, onBack }: ImportMappingProps) {
  const { t } = useI18n();
  const fieldLabel = useFieldLabel();
  const join = useJoin();
  const { columns, fields } = preview;
  // On a phone the samples go under the header and the match under the field: two columns fit.
  const narrow = !Grid.useBreakpoint().md;
  const [keys, setKeys] = useState<Keys>(() => Object.fromEntries(columns.map((c) => [c.column, c.key])));
  const [defaultVillage, setDefaultVillage] = useState<string | undefined>(preview.defaultVillage?.code);
  const [remember, setRemember] = useState(true);

  const labels = useMemo(() => new Map(fields.map((f) => [f.key, fieldLabel(f.key, f.label)])), [fields, fieldLabel]);
  const headerOf = (column: ImportColumn) => column.header.trim() || t('import.mapping.noHeader');
  /** Which column each field is taken from now. */
  const usedBy = new Map<RosterField, ImportColumn>();
  for (const column of columns) {
    const key = keys[column.column];
    if (key) usedBy.set(key, column);
  }
  const villageMapped = usedBy.has('village');
  const missing = fields.filter((f) => f.required && !usedBy.has(f.key) && !(f.key === 'village' && defaultVillage));
  const missingText = join(missing.map((f) => labels.get(f.key) ?? f.label));

  // A field fills one column: choosing it for this column takes it from the one that had it.
  const choose = (column: number, value: string) => {
    const key = fields.find((f) => f.key === value)?.key ?? null;
    setKeys((current) => {
      const next: Keys = { ...current, [column]: key };
      if (key) {
        for (const other of columns) {
          if (other.column !== column && current[other.column] === key) next[other.column] = null;
        }
      }
      return next;
    });
  };

  const submit = () =>
    actions.map.mutate({
      columns: columns.map((c) => ({ column: c.column, key: keys[c.column] ?? null })),
      defaultVillage: villageMapped ? null : (defaultVillage ?? null),
      remember,
    });

  const options = [{ value: IGNORE, label: t('import.mapping.ignore') }, ...fields.map((f) => ({ value: f.key, label: labels.get(f.key) ?? f.label }))];
  const requiredKeys = new Set(fields.filter((f) => f.required).map((f) => f.key));

  const samplesOf = (column: ImportColumn) => column.samples.slice(0, SAMPLES);
  const header = (column: ImportColumn) =>
    column.header.trim() ? <Typography.Text strong>{column.header}</Typography.Text> : <span className="xf-muted">{headerOf(column)}</span>;
  const howOf = (column: ImportColumn) => {
    const key = keys[column.column] ?? null;
    // A column changed here is matched by hand, whatever the server had guessed.
    return <HowTag how={key === column.key ? (key ? column.how : null) : 'mapping'} />;
  };
  const select = (column: ImportColumn) => (
    <Select
      value={keys[column.column] ?? IGNORE}
      onChange={(value: string) => choose(column.column, value)}
      options={options}
      virtual={false}
      listHeight={320}
      popupMatchSelectWidth={false}
      style={narrow ? { width: '100%', minWidth: 120 } : { width: 200 }}
      optionRender={(option) => {
        const key = fields.find((f) => f.key === option.value)?.key;
        const owner = key ? usedBy.get(key) : undefined;
        return (
          <Flex gap={6} align="center" wrap>
            <span>{option.label}</span>
            {key && requiredKeys.has(key) ? <Tag color="red">{t('import.mapping.required')}</Tag> : null}
            {owner && owner.column !== column.column ? <span className="xf-muted">{t('import.mapping.usedBy', { header: headerOf(owner) })}</span> : null}
          </Flex>
        );
      }}
      data-testid={`import-mapping-select-${column.column}`}
    />
  );

  const tableColumns: TableColumnsType<ImportColumn> = narrow
    ? [
        {
          title: t('import.mapping.col.header'),
          key: 'header',
          width: 96,
          render: (_, column) => (
            <Flex vertical>
              {header(column)}
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 96, fontSize: 12 }}>
                {join(samplesOf(column).filter((sample) => sample !== ''))}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          title: t('import.mapping.col.field'),
          key: 'field',
          render: (_, column) => (
            <Flex vertical gap={4} align="start">
              {select(column)}
              {howOf(column)}
            </Flex>
          ),
        },
      ]
    : [
        { title: t('import.mapping.col.header'), key: 'header', width: 160, render: (_, column) => header(column) },
        {
          title: t('import.mapping.col.samples'),
          key: 'samples',
          width: 220,
          render: (_, column) => (
            <Flex vertical>
              {samplesOf(column).map((sample, i) => (
                <Typography.Text key={i} type="secondary" ellipsis={{ tooltip: sample }} style={{ maxWidth: 200 }}>
                  {sample}
                </Typography.Text>
              ))}
            </Flex>
          ),
        },
        { title: t('import.mapping.col.field'), key: 'field', width: 220, render: (_, column) => select(column) },
        { title: t('import.mapping.col.how'), key: 'how', width: 110, render: (_, column) => howOf(column) },
      ];

  return (
    <Flex vertical gap={16} data-testid="import-mapping">
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('import.mapping.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t(onBack ? 'import.mapping.remapIntro' : 'import.mapping.intro')}
        </Typography.Paragraph>
        <HeaderFacts preview={preview} />
      </div>

      {missing.length > 0 ? (
        <Alert type="warning" showIcon title={t('import.mapping.missing', { fields: missingText })} data-testid="import-mapping-missing" />
      ) : (
        <Alert type="success" showIcon title={t('import.mapping.complete')} data-testid="import-mapping-complete" />
      )}

      {villageMapped ? null : (
        <Flex wrap gap={8} align="center">
          <span>{t('import.mapping.defaultVillage')}</span>
          <Select
            value={defaultVillage}
            onChange={(value: string | undefined) => setDefaultVillage(value)}
            options={preview.villages.map((v) => ({ value: v.code, label: v.name }))}
            placeholder={t('import.mapping.defaultVillagePlaceholder')}
            allowClear
            virtual={false}
            style={{ width: 220 }}
            data-testid="import-default-village"
          />
          <span className="xf-muted">{t('import.mapping.defaultVillageHint')}</span>
        </Flex>
      )}

      <Table<ImportColumn>
        rowKey="column"
        size="small"
        bordered
        columns={tableColumns}
        dataSource={columns}
        pagination={false}
        scroll={narrow ? undefined : { x: 710 }}
        data-testid="import-mapping-table"
      />

      <Checkbox checked={remember} onChange={(e) => setRemember(e.target.checked)} data-testid="import-mapping-remember">
        {t('import.mapping.remember')}
      </Checkbox>

      <Flex wrap gap={8} align="center">
        <Button type="primary" disabled={missing.length > 0} loading={actions.map.isPending} onClick={submit} data-testid="import-mapping-submit">
          {t('import.mapping.submit')}
        </Button>
        {onBack ? (
          <Button onClick={onBack} data-testid="import-mapping-back">
            {t('import.mapping.back')}
          </Button>
        ) : null}
        <Button loading={actions.cancel.isPending} onClick={() => actions.cancel.mutate()} data-testid="import-cancel">
          {t('import.cancel')}
        </Button>
        {missing.length > 0 ? <Typography.Text type="warning">{t('import.mapping.stillMissing', { fields: missingText })}</Typography.Text> : null}
      </Flex>
    </Flex>
  );
}

/** Where the header was found, and the title rows above it. */
export function HeaderFacts({ preview }: { preview: ImportPreview }) {
  const { t } = useI18n();
  if (preview.headerRow === null && !preview.title && !preview.defaultVillage) return null;
  return (
    <Flex wrap gap={12} className="xf-muted" style={{ marginTop: 4 }}>
      {preview.headerRow !== null ? <span>{t('import.mapping.headerRow', { row: preview.headerRow })}</span> : null}
      {preview.title ? <span>{t('import.mapping.titleRows', { title: preview.title })}</span> : null}
      {preview.defaultVillage && !preview.columns.some((c) => c.key === 'village') ? (
        <span data-testid="import-village-all">{t('import.mapping.villageAll', { village: preview.defaultVillage.name })}</span>
      ) : null}
    </Flex>
  );
}
