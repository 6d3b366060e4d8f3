import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, DatePicker, Form, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { queryKeys } from '../../api/queryKeys.ts';
import { orgApi } from '../../api/org.ts';
import type { Department } from '../../api/types.ts';
import { useShowError } from '../../api/errors.ts';
import { useI18n } from '../../i18n/index.ts';

const DATE_FORMAT = 'YYYY-MM-DD';

interface Values {
  activeFrom: Dayjs;
  activeTo?: Dayjs | null;
  stillMember: boolean;
}

/** The office sets when a department joined the leading group and, if it has, when it left. */
export function MembershipModal({ department, onClose }: { department: Department; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [stillMember, setStillMember] = useState(department.activeTo === null);
  const save = useMutation({
    mutationFn: (values: Values) =>
      orgApi.setMembership(department.code, {
        activeFrom: values.activeFrom.format(DATE_FORMAT),
        activeTo: values.stillMember || !values.activeTo ? null : values.activeTo.format(DATE_FORMAT),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.org.departments });
      void message.success(t('dept.saved'));
      onClose();
    },
    onError: showError,
  });

  return (
    <Modal
      open
      title={t('dept.membershipTitle', { name: department.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      data-testid="membership-modal"
    >
      <Alert type="info" showIcon title={t('dept.membershipHint')} style={{ marginBottom: 16 }} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          activeFrom: dayjs(department.activeFrom),
          activeTo: department.activeTo ? dayjs(department.activeTo) : null,
          stillMember: department.activeTo === null,
        }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item name="activeFrom" label={t('dept.activeFrom')} rules={[{ required: true }]}>
          <DatePicker format={DATE_FORMAT} data-testid="membership-from" />
        </Form.Item>
        <Form.Item name="stillMember" valuePropName="checked">
          <Checkbox onChange={(event) => setStillMember(event.target.checked)} data-testid="membership-still">
            {t('dept.stillMember')}
          </Checkbox>
        </Form.Item>
        {stillMember ? null : (
          <Form.Item name="activeTo" label={t('dept.activeTo')} rules={[{ required: true }]}>
            <DatePicker format={DATE_FORMAT} data-testid="membership-to" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
