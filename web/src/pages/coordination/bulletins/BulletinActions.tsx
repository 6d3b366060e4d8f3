import { DeleteOutlined, EditOutlined, FileWordOutlined, PrinterOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { coordLinks, useBulletinCommand, useForgetBulletin } from '../../../api/coordination.ts';
import type { Bulletin } from '../../../api/coordinationTypes.ts';
import { useErrorText } from '../../../api/errors.ts';
import { PERMISSIONS } from '../../../auth/permissions.ts';
import { useSession } from '../../../auth/session.tsx';
import { useI18n } from '../../../i18n/index.ts';
import { noImplicitSubmit } from '../coordFormat.ts';

interface EditValues {
  title: string;
  intro: string;
  closing: string;
}

function EditModal({ bulletin, onClose }: { bulletin: Bulletin; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<EditValues>();
  const command = useBulletinCommand(bulletin);
  return (
    <Modal
      open
      title={t('coord.bulletin.edit')}
      onCancel={onClose}
      width={720}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={command.isPending} onClick={() => form.submit()} data-testid="bulletin-edit-save">
            {t('common.save')}
          </Button>
        </>
      }
      data-testid="bulletin-edit-modal"
    >
      <Form<EditValues>
        form={form}
        layout="vertical"
        onKeyDown={noImplicitSubmit}
        initialValues={{ title: bulletin.title, intro: bulletin.intro, closing: bulletin.closing }}
        onValuesChange={() => command.reset()}
        onFinish={(values) =>
          command.mutate(
            { kind: 'edit', title: values.title.trim(), intro: values.intro.trim(), closing: values.closing.trim() },
            {
              onSuccess: () => {
                void message.success(t('common.saved'));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          name="title"
          label={t('coord.bulletin.fieldTitle')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('coord.bulletin.fieldTitle') }) }]}
        >
          <Input maxLength={200} data-testid="bulletin-edit-title" />
        </Form.Item>
        <Form.Item name="intro" label={t('coord.bulletin.fieldIntro')} extra={t('coord.bulletin.paragraphHint')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="bulletin-edit-intro" />
        </Form.Item>
        <Form.Item name="closing" label={t('coord.bulletin.fieldClosing')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="bulletin-edit-closing" />
        </Form.Item>
      </Form>
      {command.isError ? <Alert type="error" showIcon title={errorText(command.error)} data-testid="bulletin-edit-error" /> : null}
    </Modal>
  );
}

type Confirmable = 'refresh' | 'publish' | 'delete';

/** A step that cannot be undone (or replaces the content), confirmed in a dialog that says what it does. */
function ConfirmModal({ bulletin, kind, onClose }: { bulletin: Bulletin; kind: Confirmable; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const forget = useForgetBulletin();
  const command = useBulletinCommand(bulletin);
  return (
    <Modal
      open
      title={t(`coord.bulletin.${kind}`)}
      onCancel={onClose}
      width={500}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            danger={kind === 'delete'}
            loading={command.isPending}
            onClick={() =>
              command.mutate(
                { kind },
                {
                  onSuccess: () => {
                    void message.success(t(`coord.bulletin.done.${kind}`));
                    onClose();
                    if (kind === 'delete') {
                      void navigate('/coordination/bulletins', { replace: true });
                      forget(bulletin.id);
                    }
                  },
                },
              )
            }
            data-testid={`bulletin-${kind}-confirm`}
          >
            {t(`coord.bulletin.${kind}`)}
          </Button>
        </>
      }
      data-testid={`bulletin-${kind}-modal`}
    >
      <Typography.Paragraph>{bulletin.title}</Typography.Paragraph>
      <Typography.Paragraph className="xf-coord-modal-hint">{t(`coord.bulletin.hint.${kind}`)}</Typography.Paragraph>
      {command.isError ? <Alert type="error" showIcon title={errorText(command.error)} data-testid="bulletin-action-error" /> : null}
    </Modal>
  );
}

/** The office's steps on a draft (edit, refresh, publish, delete); the Word download and printing for everyone. */
export function BulletinActions({ bulletin }: { bulletin: Bulletin }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState<Confirmable | null>(null);
  const draft = bulletin.status === 'draft' && can(PERMISSIONS.coordManage);
  return (
    <Space wrap data-testid="bulletin-actions">
      {draft ? (
        <>
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="bulletin-edit">
            {t('coord.bulletin.edit')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => setConfirming('refresh')} data-testid="bulletin-refresh">
            {t('coord.bulletin.refresh')}
          </Button>
          <Button type="primary" icon={<SendOutlined />} onClick={() => setConfirming('publish')} data-testid="bulletin-publish">
            {t('coord.bulletin.publish')}
          </Button>
          <Button danger icon={<DeleteOutlined />} onClick={() => setConfirming('delete')} data-testid="bulletin-delete">
            {t('coord.bulletin.delete')}
          </Button>
        </>
      ) : null}
      <Button icon={<FileWordOutlined />} href={coordLinks.bulletinDocx(bulletin.id)} download data-testid="bulletin-docx">
        {t('coord.bulletin.docx')}
      </Button>
      <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="bulletin-print">
        {t('coord.bulletin.print')}
      </Button>
      {editing ? <EditModal bulletin={bulletin} onClose={() => setEditing(false)} /> : null}
      {confirming ? <ConfirmModal bulletin={bulletin} kind={confirming} onClose={() => setConfirming(null)} /> : null}
    </Space>
  );
}
