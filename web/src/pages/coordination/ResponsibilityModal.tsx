import { Alert, App, Button, Form, Input, Modal, Select } from 'antd';
import { useCreateResponsibility, usePatchResponsibility } from '../../api/coordinationMeetings.ts';
import type { ContentArea, Responsibility } from '../../api/coordinationTypes.ts';
import { useErrorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import { CONTENT_AREAS, noImplicitSubmit, useDepartmentOptions } from './meetings/coordmFormat.ts';

interface Values {
  area: ContentArea;
  title: string;
  description: string;
  lead: string;
  others: string[];
}

/** 添加 / 编辑职责分工 (the office): area, duty, the lead department and the ones that assist. */
export function ResponsibilityModal({ year, item, onClose }: { year: number; item: Responsibility | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const departments = useDepartmentOptions();
  const create = useCreateResponsibility();
  const patch = usePatchResponsibility();
  const [form] = Form.useForm<Values>();
  const lead = Form.useWatch('lead', form);
  const saving = create.isPending || patch.isPending;
  const error = create.error ?? patch.error;

  const initial: Partial<Values> = item
    ? {
        area: item.area,
        title: item.title,
        description: item.description,
        lead: item.departments.find((d) => d.lead)?.code ?? item.departments[0]?.code,
        others: item.departments.filter((d) => !d.lead).map((d) => d.code),
      }
    : { area: 'civility', title: '', description: '', others: [] };

  const submit = (v: Values) => {
    const codes = [v.lead, ...v.others.filter((code) => code !== v.lead)];
    const done = () => {
      void message.success(t('coordm.plan.saved'));
      onClose();
    };
    const fields = { area: v.area, title: v.title.trim(), description: v.description.trim(), departments: codes };
    if (item) patch.mutate({ id: item.id, body: { version: item.version, ...fields } }, { onSuccess: done });
    else create.mutate({ year, ...fields }, { onSuccess: done });
  };

  return (
    <Modal
      open
      title={t(item ? 'coordm.plan.edit' : 'coordm.plan.add')}
      onCancel={onClose}
      width={640}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="responsibility-submit">
            {t('common.save')}
          </Button>
        </>
      }
      data-testid="responsibility-modal"
    >
      <Form<Values>
        form={form}
        name="coord-responsibility"
        layout="vertical"
        requiredMark="optional"
        onKeyDown={noImplicitSubmit}
        initialValues={initial}
        onValuesChange={() => {
          create.reset();
          patch.reset();
        }}
        onFinish={submit}
      >
        <Form.Item name="area" label={t('coordm.plan.area')} rules={[{ required: true }]}>
          <Select options={CONTENT_AREAS.map((area) => ({ value: area, label: t(`coordm.areaLong.${area}`) }))} data-testid="responsibility-area" />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('coordm.plan.duty')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('coordm.plan.duty') }) }]}
        >
          <Input maxLength={200} data-testid="responsibility-title" />
        </Form.Item>
        <Form.Item name="description" label={t('coordm.plan.description')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount data-testid="responsibility-description" />
        </Form.Item>
        <Form.Item
          name="lead"
          label={t('coordm.plan.leadDepartment')}
          rules={[{ required: true, message: t('common.select', { field: t('coordm.plan.leadDepartment') }) }]}
        >
          <Select showSearch={{ optionFilterProp: 'label' }} options={departments.options} loading={departments.loading} data-testid="responsibility-lead" />
        </Form.Item>
        <Form.Item name="others" label={t('coordm.plan.otherDepartments')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={departments.options.filter((o) => o.value !== lead)}
            loading={departments.loading}
            data-testid="responsibility-others"
          />
        </Form.Item>
      </Form>
      {error && (create.isError || patch.isError) ? <Alert type="error" showIcon title={errorText(error)} data-testid="responsibility-error" /> : null}
    </Modal>
  );
}
