import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Form, Input, InputNumber, Row, Typography } from 'antd';
import type { RuleObject } from 'antd/es/form/index.js';
import { useRef, useState } from 'react';
import { useReportCommand } from '../../../api/coordination.ts';
import type { Indicator, Report, ReportDraftInput, ValueIssue } from '../../../api/coordinationTypes.ts';
import { useErrorText } from '../../../api/errors.ts';
import { useI18n, type I18n } from '../../../i18n/index.ts';
import { issuesOf, isTextField, REQUIRED_TEXTS, ruleState, SUBMIT_ONLY, valueProblem, type TextField, type ValueProblem } from './reportChecks.ts';
import { RuleHints, YearToDate } from './ReportValues.tsx';

interface FormValues {
  progress?: string;
  work?: string;
  effect?: string;
  problems?: string;
  values?: Record<string, number | null | undefined>;
}

const TEXTS: { field: TextField; testId: string; rows: number }[] = [
  { field: 'progress', testId: 'report-progress', rows: 4 },
  { field: 'work', testId: 'report-work', rows: 4 },
  { field: 'effect', testId: 'report-effect', rows: 4 },
  { field: 'problems', testId: 'report-problems', rows: 3 },
];

function problemText(i18n: I18n, problem: ValueProblem, indicator: Indicator): string {
  const { t } = i18n;
  switch (problem) {
    case 'below_min':
      return t('coord.problem.below_min', { min: indicator.min ?? 0, unit: indicator.unit });
    case 'above_max':
      return t('coord.problem.above_max', { max: indicator.max ?? 0, unit: indicator.unit });
    default:
      return t(`coord.problem.${problem}`);
  }
}

function toDraft(report: Report, values: FormValues): ReportDraftInput {
  return {
    version: report.id === null ? null : report.version,
    progress: values.progress?.trim() ?? '',
    work: values.work?.trim() ?? '',
    effect: values.effect?.trim() ?? '',
    problems: values.problems?.trim() ?? '',
    values: Object.fromEntries(report.indicators.map((indicator) => [indicator.code, values.values?.[indicator.code] ?? null])),
  };
}

/**
 * The liaison's form: the narrative and the department's indicators. 保存草稿 keeps what is there (a
 * value may be missing, none may be negative); 提交 saves, then submits — every value filled in, the
 * rules met, the narrative written. What the server refuses is shown beside the field it concerns.
 */
export function ReportForm({ report }: { report: Report }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<FormValues>();
  const values = Form.useWatch('values', form) ?? report.values;
  const command = useReportCommand(report.department, report.period);
  /** True while the form is checked for a submission: requiredness and the rules apply. */
  const submitting = useRef(false);
  const [issues, setIssues] = useState<ValueIssue[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [action, setAction] = useState<'save' | 'submit' | null>(null);

  const nameOf = (code: string | null) => report.indicators.find((i) => i.code === code)?.name ?? null;

  const showIssues = (list: ValueIssue[]) => {
    setIssues(list);
    form.setFields(
      list.flatMap((issue): Parameters<typeof form.setFields>[0] => {
        if (isTextField(issue.indicator)) return [{ name: issue.indicator, errors: [issue.message] }];
        if (issue.indicator && nameOf(issue.indicator)) return [{ name: ['values', issue.indicator], errors: [issue.message] }];
        return [];
      }),
    );
  };

  const run = async (kind: 'save' | 'submit') => {
    setAction(kind);
    setIssues(null);
    setFailure(null);
    submitting.current = kind === 'submit';
    let checked: FormValues;
    try {
      checked = await form.validateFields();
    } catch {
      void message.warning(t(kind === 'submit' ? 'coord.report.fixBeforeSubmit' : 'coord.report.fixBeforeSave'));
      return;
    } finally {
      submitting.current = false;
    }
    command.mutate(
      { kind, body: toDraft(report, checked) },
      {
        onSuccess: () => void message.success(t(kind === 'submit' ? 'coord.report.submitted' : 'coord.report.saved')),
        onError: (error) => {
          const list = issuesOf(error);
          if (list) showIssues(list);
          else setFailure(errorText(error));
        },
      },
    );
  };

  const valueRules = (indicator: Indicator): RuleObject[] => [
    {
      validator: async (_, value: number | null | undefined) => {
        const problem = valueProblem(indicator, value, submitting.current);
        if (problem && (submitting.current || !SUBMIT_ONLY.includes(problem))) throw new Error(problemText(i18n, problem, indicator));
        if (!submitting.current) return;
        const broken = report.rules.find((rule) => rule.left === indicator.code && ruleState(rule, form.getFieldValue('values') ?? {}) === 'fail');
        if (broken) throw new Error(broken.message);
      },
    },
    {
      // Out of bounds is a hint while a draft; submitting refuses it.
      warningOnly: true,
      validator: async (_, value: number | null | undefined) => {
        const problem = valueProblem(indicator, value, false);
        if (!submitting.current && (problem === 'below_min' || problem === 'above_max')) throw new Error(problemText(i18n, problem, indicator));
      },
    },
  ];

  const textRules = (field: TextField): RuleObject[] =>
    REQUIRED_TEXTS.includes(field)
      ? [
          {
            validator: async (_, value: string | undefined) => {
              if (submitting.current && !value?.trim()) throw new Error(t('common.required', { field: t(`coord.field.${field}`) }));
            },
          },
        ]
      : [];

  return (
    <Form<FormValues>
      form={form}
      name="report"
      layout="vertical"
      initialValues={{ progress: report.progress, work: report.work, effect: report.effect, problems: report.problems, values: report.values }}
      onValuesChange={() => {
        if (failure) setFailure(null);
      }}
      data-testid="report-form"
    >
      <div className="xf-form-section">{t('coord.report.narrative')}</div>
      {TEXTS.map(({ field, testId, rows }) => (
        <Form.Item
          key={field}
          name={field}
          label={field === 'problems' ? t('coord.field.problemsOptional') : t(`coord.field.${field}`)}
          required={REQUIRED_TEXTS.includes(field)}
          rules={textRules(field)}
          extra={t(`coord.hint.${field}`)}
        >
          <Input.TextArea autoSize={{ minRows: rows, maxRows: 14 }} showCount data-testid={testId} />
        </Form.Item>
      ))}

      <div className="xf-form-section">{t('coord.report.indicators')}</div>
      {report.indicators.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('coord.report.noIndicators')}</Typography.Paragraph>
      ) : (
        <Row gutter={[24, 0]}>
          {report.indicators.map((indicator) => (
            <Col key={indicator.code} xs={24} lg={12}>
              <Form.Item label={indicator.name} required>
                <div className="xf-coord-value">
                  <Form.Item name={['values', indicator.code]} noStyle rules={valueRules(indicator)}>
                    <InputNumber<number> className="xf-coord-value-input" suffix={indicator.unit} step={1} data-testid={`report-value-${indicator.code}`} />
                  </Form.Item>
                  <YearToDate indicator={indicator} before={report.yearToDate[indicator.code]} value={values[indicator.code]} />
                </div>
              </Form.Item>
            </Col>
          ))}
        </Row>
      )}
      <RuleHints rules={report.rules} indicators={report.indicators} values={values} />

      {issues && issues.length > 0 ? (
        <Alert
          type="error"
          showIcon
          className="xf-form-alert"
          title={t(action === 'submit' ? 'coord.report.submitRefused' : 'coord.report.saveRefused')}
          description={
            <ul className="xf-problems">
              {issues.map((issue, index) => {
                const name = nameOf(issue.indicator) ?? (isTextField(issue.indicator) ? t(`coord.field.${issue.indicator}`) : null);
                return <li key={index}>{name ? `${name}：${issue.message}` : issue.message}</li>;
              })}
            </ul>
          }
          data-testid="report-issues"
        />
      ) : null}
      {failure ? <Alert type="error" showIcon className="xf-form-alert" title={failure} data-testid="report-error" /> : null}

      <div className="xf-coord-form-actions">
        <Typography.Text type="secondary">{t('coord.report.submitHint', { due: report.dueOn })}</Typography.Text>
        <div className="xf-toolbar-spacer" />
        <Button
          icon={<SaveOutlined />}
          loading={command.isPending && action === 'save'}
          disabled={command.isPending}
          onClick={() => void run('save')}
          data-testid="report-save"
        >
          {t('coord.report.save')}
        </Button>
        <Button
          type="primary"
          icon={<SendOutlined />}
          loading={command.isPending && action === 'submit'}
          disabled={command.isPending}
          onClick={() => void run('submit')}
          data-testid="report-submit"
        >
          {report.status === 'returned' ? t('coord.report.resubmit') : t('coord.report.submit')}
        </Button>
      </div>
    </Form>
  );
}
