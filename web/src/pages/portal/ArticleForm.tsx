import { SaveOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { useErrorText } from '../../api/errors.ts';
import type { Article, BodyProblem, RevisionInput } from '../../api/portalTypes.ts';
import { todayDayjs } from '../../clock.ts';
import { useI18n } from '../../i18n/index.ts';
import { cleanEditorHtml } from './bodyHtml.ts';
import { BodyProblems, refusedProblems, useBodyReview } from './BodyProblems.tsx';
import { RichEditor } from './RichEditor.tsx';

interface Values {
  title: string;
  script: RevisionInput['script'];
  publishedOn: Dayjs;
  note?: string | null;
}

interface Props {
  /** The article to write a new revision of; absent for a new article. */
  article?: Article | undefined;
  readOnly: boolean;
  saving: boolean;
  /** Saves the revision; rejects with the server's error. */
  onSave: (input: RevisionInput) => Promise<unknown>;
  /** Called when the form first differs from the saved revision, and again once it is saved. */
  onDirty: (dirty: boolean) => void;
  /** Someone else saved a revision since this one was loaded: load theirs. */
  onStale: () => void;
}

function initialValues(article: Article | undefined): Values {
  const r = article?.current;
  return r
    ? { title: r.title, script: r.script, publishedOn: dayjs(r.publishedOn), note: r.note }
    : { title: '', script: 'hans', publishedOn: todayDayjs(), note: '' };
}

/** Title, script (简体/繁體) and publication date. */
function ArticleFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        name="title"
        label={t('portal.form.title')}
        rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('portal.form.title') }) }]}
      >
        <Input maxLength={200} showCount data-testid="article-title" />
      </Form.Item>
      <div className="xf-portal-row">
        <Form.Item name="script" label={t('portal.form.script')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'hans', label: t('portal.script.hans') },
              { value: 'hant', label: t('portal.script.hant') },
            ]}
            data-testid="article-script"
          />
        </Form.Item>
        <Form.Item
          name="publishedOn"
          label={t('portal.form.publishedOn')}
          rules={[{ required: true, message: t('common.select', { field: t('portal.form.publishedOn') }) }]}
        >
          <DatePicker allowClear={false} data-testid="article-published-on" />
        </Form.Item>
      </div>
    </>
  );
}

/** An article's fields and body: title, script, publication date, note, the rich text, and 保存. */
export function ArticleForm({ article, readOnly, saving, onSave, onDirty, onStale }: Props) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const initialHtml = article?.current.bodyHtml ?? '';
  const [html, setHtml] = useState(initialHtml);
  const [refused, setRefused] = useState<BodyProblem[] | null>(null);
  const cleaned = useMemo(() => cleanEditorHtml(html), [html]);
  const live = useBodyReview(cleaned, !readOnly && html !== '');
  const problems = live.length > 0 ? live : (refused ?? []);
  // Dirty: a field was changed, or the body differs from what the editor first held.
  const baseline = useRef<string | null>(null);
  const fieldsChanged = useRef(false);

  const bodyReady = (value: string) => {
    baseline.current = cleanEditorHtml(value);
    setHtml(value);
  };
  const bodyChanged = (value: string) => {
    setHtml(value);
    setRefused(null);
    onDirty(fieldsChanged.current || cleanEditorHtml(value) !== baseline.current);
  };
  const fieldChanged = () => {
    fieldsChanged.current = true;
    onDirty(true);
  };

  const save = (v: Values) => {
    const input: RevisionInput = {
      title: v.title.trim(),
      script: v.script,
      publishedOn: v.publishedOn.format('YYYY-MM-DD'),
      note: v.note?.trim() ? v.note.trim() : null,
      bodyHtml: cleaned,
    };
    onSave(input).then(
      () => onDirty(false),
      (error: unknown) => {
        const found = refusedProblems(error);
        if (found) return setRefused(found);
        if (isApiError(error) && error.code === 'stale_version') {
          modal.confirm({ title: t('portal.stale.title'), content: t('portal.stale.body'), okText: t('portal.stale.reload'), onOk: onStale });
          return;
        }
        modal.error({ title: t('portal.saveFailed'), content: errorText(error) });
      },
    );
  };

  return (
    <Form<Values>
      form={form}
      name="portal-article"
      layout="vertical"
      disabled={readOnly}
      initialValues={initialValues(article)}
      onValuesChange={fieldChanged}
      onFinish={save}
      className="xf-portal-form"
    >
      <ArticleFields />
      <Form.Item label={t('portal.form.body')} required>
        <RichEditor initialHtml={initialHtml} onReady={bodyReady} onChange={bodyChanged} readOnly={readOnly} />
      </Form.Item>
      <BodyProblems problems={problems} />
      <Form.Item name="note" label={t('portal.form.note')} extra={t('portal.form.noteHelp')} className="xf-portal-note">
        <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} data-testid="article-note" />
      </Form.Item>
      {readOnly ? null : (
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} data-testid="article-save">
          {t('portal.save')}
        </Button>
      )}
    </Form>
  );
}
