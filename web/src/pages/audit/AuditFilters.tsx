import { AutoComplete, Button, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import type { AuditQuery } from '../../api/audit.ts';
import type { AuditResult } from '../../api/types.ts';
import { auditActionLabels, entityTypeLabels, labelFor, useI18n } from '../../i18n/index.ts';

interface FilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  entityType?: string;
  result?: AuditResult;
}

function toValues(query: AuditQuery): FilterValues {
  return {
    range: query.from || query.to ? [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null] : null,
    actor: query.actor,
    action: query.action,
    entityType: query.entityType,
    result: query.result,
  };
}

export function AuditFilters({ query, onChange }: { query: AuditQuery; onChange: (change: Partial<AuditQuery>) => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<FilterValues>();
  useEffect(() => form.setFieldsValue(toValues(query)), [query, form]);

  const actionOptions = Object.keys(auditActionLabels).map((code) => ({
    value: code,
    label: labelFor(auditActionLabels, code, lang),
  }));
  const entityOptions = Object.keys(entityTypeLabels).map((code) => ({
    value: code,
    label: labelFor(entityTypeLabels, code, lang),
  }));

  const apply = (values: FilterValues) => {
    const [from, to] = values.range ?? [null, null];
    onChange({
      from: from?.toISOString(),
      to: to?.toISOString(),
      actor: values.actor?.trim() || undefined,
      action: values.action || undefined,
      entityType: values.entityType?.trim() || undefined,
      result: values.result,
    });
  };

  return (
    <Form<FilterValues> form={form} name="audit-filters" layout="inline" onFinish={apply} className="xf-filter-form" data-testid="audit-filters">
      {/* The picker repeats its props on both inputs; the test id goes on a wrapper instead. */}
      <div data-testid="audit-range">
        <Form.Item name="range">
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            allowEmpty={[true, true]}
            placeholder={[t('audit.timeRange'), '']}
            style={{ width: 300 }}
          />
        </Form.Item>
      </div>
      <Form.Item name="actor">
        <Input allowClear placeholder={t('audit.actor')} style={{ width: 130 }} data-testid="audit-actor" />
      </Form.Item>
      <Form.Item name="action">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.action')}
          options={actionOptions}
          style={{ width: 200 }}
          data-testid="audit-action"
        />
      </Form.Item>
      <Form.Item name="entityType">
        <AutoComplete allowClear placeholder={t('audit.entityType')} options={entityOptions} style={{ width: 150 }} data-testid="audit-entity-type" />
      </Form.Item>
      <Form.Item name="result">
        <Select
          allowClear
          placeholder={t('audit.result')}
          options={[
            { value: 'success', label: t('audit.result.success') },
            { value: 'failure', label: t('audit.result.failure') },
          ]}
          style={{ width: 110 }}
          data-testid="audit-result"
        />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" data-testid="audit-search">
          {t('common.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onChange({ from: undefined, to: undefined, actor: undefined, action: undefined, entityType: undefined, result: undefined });
          }}
        >
          {t('common.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
