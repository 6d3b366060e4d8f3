import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ecdApi, type EnrolBody, type Sex } from '../../api/ecd.ts';
import { useShowError } from '../../api/errors.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { useI18n } from '../../i18n/index.ts';
import { businessToday, DATE_FORMAT, isFuture, toDateText } from '../registry/registryFormat.ts';

interface Values {
  name: string;
  sex: Sex;
  birthDate: Dayjs;
  enrolledOn: Dayjs;
  consentBy: string;
  relation: string;
  purpose: string;
  parentUsername?: string;
}

function toBody(v: Values): EnrolBody {
  const parent = v.parentUsername?.trim();
  return {
    name: v.name.trim(),
    sex: v.sex,
    birthDate: toDateText(v.birthDate),
    enrolledOn: toDateText(v.enrolledOn),
    consent: { by: v.consentBy.trim(), relation: v.relation.trim(), purpose: v.purpose.trim() },
    ...(parent ? { parentUsername: parent } : {}),
  };
}

/** 登记入园: the child and the guardian's consent (who, relation, purpose). Mounted only while open. */
export function EnrolModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const enrol = useMutation({
    mutationFn: (body: EnrolBody) => ecdApi.enrol(body),
    onSuccess: () => {
      void message.success(t('ecd.enrolled'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.ecd.children });
      onClose();
    },
    onError: showError,
  });
  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  const requiredDate = (field: string) => [{ required: true, message: t('common.required', { field }) }];

  return (
    <Modal
      open
      title={t('ecd.enrol')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={enrol.isPending}
      width={640}
      data-testid="ecd-enrol-modal"
    >
      <Form<Values>
        form={form}
        name="ecd-enrol"
        layout="vertical"
        requiredMark="optional"
        initialValues={{ sex: 'M', enrolledOn: dayjs(businessToday()), purpose: t('ecd.form.purposeDefault') }}
        onFinish={(values) => enrol.mutate(toBody(values))}
      >
        <Form.Item name="name" label={t('ecd.form.name')} rules={required(t('ecd.form.name'))}>
          <Input maxLength={40} data-testid="enrol-name" />
        </Form.Item>
        <Form.Item name="sex" label={t('ecd.form.sex')}>
          <Radio.Group data-testid="enrol-sex">
            <Radio value="M">{t('ecd.sex.M')}</Radio>
            <Radio value="F">{t('ecd.sex.F')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="birthDate" label={t('ecd.form.birthDate')} rules={requiredDate(t('ecd.form.birthDate'))}>
          <DatePicker format={DATE_FORMAT} disabledDate={isFuture} style={{ width: '100%' }} data-testid="enrol-birth" />
        </Form.Item>
        <Form.Item name="enrolledOn" label={t('ecd.form.enrolledOn')} rules={requiredDate(t('ecd.form.enrolledOn'))}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} data-testid="enrol-enrolled" />
        </Form.Item>
        <Alert type="info" showIcon title={t('ecd.form.consentNote')} style={{ marginBottom: 16 }} />
        <Form.Item name="consentBy" label={t('ecd.form.consentBy')} rules={required(t('ecd.form.consentBy'))}>
          <Input maxLength={40} data-testid="enrol-consent-by" />
        </Form.Item>
        <Form.Item name="relation" label={t('ecd.form.relation')} rules={required(t('ecd.form.relation'))}>
          <Input maxLength={10} data-testid="enrol-relation" />
        </Form.Item>
        <Form.Item name="purpose" label={t('ecd.form.purpose')} rules={required(t('ecd.form.purpose'))}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} data-testid="enrol-purpose" />
        </Form.Item>
        <Form.Item name="parentUsername" label={t('ecd.form.parentUsername')} extra={t('ecd.form.parentHint')}>
          <Input maxLength={40} autoComplete="off" data-testid="enrol-parent" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
