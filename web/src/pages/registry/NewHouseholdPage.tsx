import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Select, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../i18n/index.ts';
import { usePageCrumb } from '../../layout/pageMeta.tsx';
import { MemberFields, toMemberInput, type MemberFormValue } from './MemberFields.tsx';
import { markMemberFields, memberProblems, ProblemsAlert } from './ProblemsAlert.tsx';
import { HUKOU_WORDS, RELATION_WORDS } from './registryFormat.ts';
import { useRegistryMutations } from './registryMutations.ts';
import { useVillageOptions } from './useVillageOptions.ts';

interface HouseholdFormValues {
  village?: string;
  address?: string;
  householdNumber?: string;
  members?: MemberFormValue[];
}

const FIRST_MEMBER: MemberFormValue = { relation: RELATION_WORDS.head };

/** 登记新户: a household with its members; the server checks each member by the roster's rules. */
export function NewHouseholdPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<HouseholdFormValues>();
  const villages = useVillageOptions();
  const { createHousehold } = useRegistryMutations();
  const [error, setError] = useState<unknown>(null);
  usePageCrumb(t('form.title'));

  /** A new member starts with the first member's hukou type, the usual case. */
  const firstHukou = (): string => {
    const value: unknown = form.getFieldValue(['members', 0, 'hukou']);
    return typeof value === 'string' ? value : HUKOU_WORDS.rural;
  };

  const submit = (values: HouseholdFormValues) => {
    setError(null);
    const householdNumber = values.householdNumber?.trim();
    createHousehold.mutate(
      {
        village: values.village ?? '',
        address: (values.address ?? '').trim(),
        ...(householdNumber ? { householdNumber } : {}),
        members: (values.members ?? []).map(toMemberInput),
      },
      {
        onSuccess: ({ id }) => void navigate(`/registry/households/${id}`),
        onError: (cause) => {
          setError(cause);
          markMemberFields(form, memberProblems(cause), (member) => ['members', member]);
        },
      },
    );
  };

  return (
    <Card title={t('form.title')} data-testid="household-form-page">
      <Form<HouseholdFormValues>
        form={form}
        name="household-form"
        layout="vertical"
        initialValues={{ members: [FIRST_MEMBER] }}
        onFinish={submit}
        requiredMark="optional"
        scrollToFirstError
        data-testid="household-form"
      >
        <div className="xf-form-section">{t('form.household')}</div>
        <Row gutter={12}>
          <Col xs={24} md={6}>
            <Form.Item name="village" label={t('form.village')} rules={[{ required: true, message: t('common.select', { field: t('form.village') }) }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={villages.options} loading={villages.loading} data-testid="household-village" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="address"
              label={t('form.address')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('form.address') }) }]}
            >
              <Input maxLength={200} data-testid="household-address" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="householdNumber" label={t('form.householdNumber')} tooltip={t('form.householdNumberHint')}>
              <Input maxLength={40} className="xf-code" data-testid="household-number" />
            </Form.Item>
          </Col>
        </Row>
        <div className="xf-form-section">{t('form.members')}</div>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <div className="xf-stack">
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  type="inner"
                  title={t('form.member', { n: index + 1 })}
                  extra={
                    fields.length > 1 ? (
                      <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                        {t('form.removeMember')}
                      </Button>
                    ) : null
                  }
                  data-testid={`member-card-${index}`}
                >
                  <MemberFields prefix={[field.name]} testKey={String(index)} full />
                </Card>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ relation: RELATION_WORDS.child, hukou: firstHukou() })}
                block
                data-testid="member-add"
              >
                {t('form.addMember')}
              </Button>
            </div>
          )}
        </Form.List>
        <div className="xf-form-footer">
          {error ? <ProblemsAlert error={error} onClose={() => setError(null)} /> : null}
          <Space>
            <Button type="primary" htmlType="submit" loading={createHousehold.isPending} data-testid="household-submit">
              {t('form.submit')}
            </Button>
            <Button onClick={() => void navigate(-1)}>{t('common.cancel')}</Button>
          </Space>
        </div>
      </Form>
    </Card>
  );
}
