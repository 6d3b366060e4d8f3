import { DatePicker, Form, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Household, Person } from '../../api/registryTypes.ts';
import { useI18n } from '../../i18n/index.ts';
import { MemberFields, toMemberInput, type MemberFormValue } from './MemberFields.tsx';
import { markMemberFields, memberProblems, ProblemsAlert } from './ProblemsAlert.tsx';
import { birthDateOfId, DATE_FORMAT, HUKOU_WORDS, isFuture, RELATION_WORDS, toDateText } from './registryFormat.ts';
import { useRegistryMutations } from './registryMutations.ts';

interface BirthValues {
  member: MemberFormValue;
  date: Dayjs;
  parentIds?: string[];
}

/** 出生登记: a newborn joins the household; the date is the date of birth the ID number states. */
export function BirthModal({ household, onClose }: { household: Household; onClose: () => void }) {
  const { t } = useI18n();
  const personOption = (p: Person) => ({
    value: p.id,
    label: t('action.personOption', { name: p.name, relation: t(`registry.relation.${p.relation}`) }),
  });
  const [form] = Form.useForm<BirthValues>();
  const { addMember } = useRegistryMutations();
  const [error, setError] = useState<unknown>(null);
  const head = household.members.find((m) => m.relation === 'head');
  const parents = household.members.filter((m) => m.alive);

  const submit = (values: BirthValues) => {
    setError(null);
    addMember.mutate(
      {
        householdId: household.id,
        body: {
          event: 'birth',
          date: toDateText(values.date),
          member: toMemberInput(values.member),
          ...(values.parentIds && values.parentIds.length > 0 ? { parentIds: values.parentIds } : {}),
        },
      },
      {
        onSuccess: onClose,
        onError: (cause) => {
          setError(cause);
          markMemberFields(form, memberProblems(cause), () => ['member']);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('action.birth')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={addMember.isPending}
      width={860}
      data-testid="birth-modal"
    >
      <Form<BirthValues>
        form={form}
        name="birth"
        layout="vertical"
        requiredMark="optional"
        initialValues={{ member: { relation: RELATION_WORDS.child, ...(head ? { hukou: HUKOU_WORDS[head.hukou] } : {}) } }}
        onFinish={submit}
      >
        <MemberFields
          prefix={['member']}
          testKey="birth"
          onIdChange={(idNumber) => {
            const born = birthDateOfId(idNumber);
            if (born) form.setFieldValue('date', born);
          }}
        />
        <div className="xf-form-row">
          <div data-testid="birth-date">
            <Form.Item
              name="date"
              label={t('action.birthDate')}
              extra={t('action.birthHint')}
              rules={[{ required: true, message: t('common.select', { field: t('action.birthDate') }) }]}
            >
              <DatePicker format={DATE_FORMAT} disabledDate={isFuture} style={{ width: 200 }} />
            </Form.Item>
          </div>
          <Form.Item name="parentIds" label={t('action.parents')} extra={t('action.parentsHint')} className="xf-grow">
            <Select mode="multiple" maxCount={2} options={parents.map(personOption)} data-testid="birth-parents" />
          </Form.Item>
        </div>
        {error ? <ProblemsAlert error={error} onClose={() => setError(null)} /> : null}
      </Form>
    </Modal>
  );
}
