import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Col, DatePicker, Empty, Form, Input, Modal, Row, Select, Spin, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { benefitsApi, type ProgrammeId } from '../../../api/benefits.ts';
import { benefitsWorkflowApi, type ApplicationCreate } from '../../../api/benefitsWorkflow.ts';
import { isApiError } from '../../../api/client.ts';
import { useErrorText } from '../../../api/errors.ts';
import { useI18n } from '../../../i18n/index.ts';
import { checkBankAccount } from '../../../../../src/core/ids/bankAccount.ts';
import { EvaluationView } from './EvaluationView.tsx';
import { PersonPicker, type PickedPerson } from './PersonPicker.tsx';
import { useWorkflowReload } from './useWorkflowReload.ts';
import { useProgrammeOptions } from './useWorkflowData.ts';
import { isFuture } from '../../registry/registryFormat.ts';
import { applicationYears, DATE_FORMAT, failedConditions, noImplicitSubmit, toDate, todayDay } from './workflowFormat.ts';
import { queryKeys } from '../../../api/queryKeys.ts';

interface Values {
  personId: string;
  programme: ProgrammeId;
  year: number;
  appliedOn: Dayjs;
  bankName: string;
  bankAccount: string;
  note?: string;
}

function toBody(v: Values): ApplicationCreate {
  const note = v.note?.trim();
  return {
    programme: v.programme,
    personId: v.personId,
    year: v.year,
    appliedOn: toDate(v.appliedOn),
    bankName: v.bankName.trim(),
    bankAccount: v.bankAccount.replace(/\s+/g, ''),
    ...(note ? { note } : {}),
  };
}

/** The engine's explained decision for the chosen person and programme, on the application date. */
function EvaluationPreview({ personId, programme, date }: { personId?: string; programme?: ProgrammeId; date?: string }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const ready = Boolean(personId && date);
  const evaluation = useQuery({
    queryKey: queryKeys.benefits.evaluation(personId ?? '', date ?? ''),
    queryFn: ({ signal }) => benefitsApi.personEvaluation(personId ?? '', date ?? '', signal),
    enabled: ready,
    retry: false,
  });

  if (!personId || !programme) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('wf.form.evaluationHint')} />;
  }
  if (evaluation.isError) {
    return <Alert type="error" showIcon title={errorText(evaluation.error)} data-testid="application-evaluation-error" />;
  }
  if (!evaluation.data) {
    return (
      <div className="xf-full-page-spin" style={{ minHeight: 160 }}>
        <Spin />
      </div>
    );
  }
  const result = evaluation.data.results.find((r) => r.programme === programme);
  if (!result) {
    return <Alert type="warning" showIcon title={t('wf.form.notEvaluated')} data-testid="application-evaluation-none" />;
  }
  return (
    <Spin spinning={evaluation.isFetching}>
      <EvaluationView result={result} testId="application-evaluation" />
    </Spin>
  );
}

/** The server refused the application: a 422 lists the conditions the person fails. */
function SubmitError({ error }: { error: unknown }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const failed = isApiError(error) && error.code === 'not_eligible' ? failedConditions(error.details) : [];
  return (
    <Alert
      type="error"
      showIcon
      className="xf-form-alert"
      title={errorText(error)}
      description={
        failed.length > 0 ? (
          <>
            <div>{t('wf.form.failedConditions')}</div>
            <ul className="xf-problems">
              {failed.map((c, i) => (
                <li key={i} data-testid="application-failed-condition">
                  ✗ {c.label}
                  {c.detail ? <span className="xf-muted">（{c.detail}）</span> : null}
                </li>
              ))}
            </ul>
          </>
        ) : undefined
      }
      data-testid="application-error"
    />
  );
}

/** 新增申请: person, programme, year, bank account; the engine explains the decision before it is sent. */
export function NewApplicationModal({ defaultYear, onClose }: { defaultYear: number; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const reload = useWorkflowReload();
  const [form] = Form.useForm<Values>();
  const programmes = useProgrammeOptions();
  const [person, setPerson] = useState<PickedPerson | undefined>(undefined);
  const personId = Form.useWatch('personId', form);
  const programme = Form.useWatch('programme', form);
  const appliedOn = Form.useWatch('appliedOn', form);

  const create = useMutation({
    mutationFn: (body: ApplicationCreate) => benefitsWorkflowApi.createApplication(body),
    onSuccess: (app) => {
      void message.success(t('wf.form.created', { name: app.personName }));
      reload.applications();
      onClose();
    },
  });

  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  const chosen = (field: string) => [{ required: true, message: t('common.select', { field }) }];

  return (
    <Modal
      open
      title={t('wf.app.new')}
      onCancel={onClose}
      width={1000}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="application-submit">
            {t('wf.form.submit')}
          </Button>
        </>
      }
      data-testid="application-modal"
    >
      <Row gutter={24}>
        <Col xs={24} md={11}>
          <Form<Values>
            form={form}
            name="application"
            onKeyDown={noImplicitSubmit}
            layout="vertical"
            requiredMark="optional"
            initialValues={{ year: defaultYear, appliedOn: todayDay() }}
            onValuesChange={() => create.reset()}
            onFinish={(values) => create.mutate(toBody(values))}
          >
            <Form.Item name="personId" label={t('wf.form.person')} rules={chosen(t('wf.form.person'))}>
              <PersonPicker testId="application-person" onPick={setPerson} />
            </Form.Item>
            <Form.Item name="programme" label={t('wf.form.programme')} rules={chosen(t('wf.form.programme'))}>
              <Select<ProgrammeId>
                options={programmes.options}
                loading={programmes.loading}
                placeholder={t('common.select', { field: t('wf.form.programme') })}
                data-testid="application-program"
              />
            </Form.Item>
            <div className="xf-form-row">
              <Form.Item name="year" label={t('wf.form.year')} rules={chosen(t('wf.form.year'))} style={{ width: 130 }}>
                <Select<number>
                  showSearch={{ optionFilterProp: 'label' }}
                  options={applicationYears().map((y) => ({ value: y, label: t('wf.yearOption', { year: y }) }))}
                  data-testid="application-year"
                />
              </Form.Item>
              <Form.Item name="appliedOn" label={t('wf.form.appliedOn')} rules={chosen(t('wf.form.appliedOn'))} className="xf-grow">
                <DatePicker format={DATE_FORMAT} allowClear={false} disabledDate={isFuture} style={{ width: '100%' }} data-testid="application-applied-on" />
              </Form.Item>
            </div>
            <Form.Item
              name="bankName"
              label={t('wf.form.bankName')}
              rules={[...required(t('wf.form.bankName')), { min: 2, message: t('wf.form.bankNameRule') }]}
            >
              <Input maxLength={60} placeholder={t('wf.form.bankNamePlaceholder')} data-testid="application-bank-name" />
            </Form.Item>
            <Form.Item
              name="bankAccount"
              label={t('wf.form.bankAccount')}
              extra={t('wf.form.bankAccountHint')}
              rules={[
                ...required(t('wf.form.bankAccount')),
                {
                  // As the server takes it: 12 to 30 digits, spaces allowed between groups; a card number's check digit agrees.
                  validator: async (_, value: unknown) => {
                    if (typeof value !== 'string' || value.trim() === '') return;
                    const check = checkBankAccount(value);
                    if (!check.ok) throw new Error(t(check.problem === 'check_digit' ? 'wf.form.bankAccountCheckDigit' : 'wf.form.bankAccountRule'));
                  },
                },
              ]}
            >
              <Input maxLength={36} autoComplete="off" inputMode="numeric" className="xf-code" data-testid="application-bank-account" />
            </Form.Item>
            <Form.Item name="note" label={t('wf.form.note')}>
              <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="application-note" />
            </Form.Item>
          </Form>
        </Col>
        <Col xs={24} md={13}>
          <div className="xf-form-section">{t('wf.form.evaluation')}</div>
          {person ? (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('wf.form.evaluationOf', {
                name: person.name,
                date: appliedOn ? toDate(appliedOn) : '—',
              })}
            </Typography.Paragraph>
          ) : null}
          <EvaluationPreview personId={personId} programme={programme} date={appliedOn ? toDate(appliedOn) : undefined} />
        </Col>
      </Row>
      {create.isError ? <SubmitError error={create.error} /> : null}
    </Modal>
  );
}
