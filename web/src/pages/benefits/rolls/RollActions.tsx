import {
  AuditOutlined,
  CheckOutlined,
  CloudDownloadOutlined,
  DollarOutlined,
  ExportOutlined,
  FileExcelOutlined,
  ReloadOutlined,
  RollbackOutlined,
} from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Space, Tooltip, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { benefitsWorkflowApi, benefitsWorkflowLinks, type RollAction, type RollDetail, type RollState } from '../../../api/benefitsWorkflow.ts';
import { useErrorText } from '../../../api/errors.ts';
import { useCurrentSession } from '../../../auth/session.tsx';
import { useI18n } from '../../../i18n/index.ts';
import { useWorkflowReload } from '../applications/useWorkflowReload.ts';
import { programmeName } from '../applications/workflowFormat.ts';

/** What a manager can do with a roll in each state; `regenerate` rebuilds the draft. */
export type RollCommand = RollAction | 'regenerate';

const COMMANDS: Record<RollState, RollCommand[]> = {
  draft: ['regenerate', 'check'],
  checked: ['reopen', 'approve'],
  approved: ['export'],
  exported: ['paid'],
  paid: [],
};

const ICONS: Record<RollCommand, ReactNode> = {
  regenerate: <ReloadOutlined />,
  check: <CheckOutlined />,
  reopen: <RollbackOutlined />,
  approve: <AuditOutlined />,
  export: <ExportOutlined />,
  paid: <DollarOutlined />,
};

/** The forward move of each state is the primary button. */
const PRIMARY: readonly RollCommand[] = ['check', 'approve', 'export', 'paid'];

function ConfirmModal({ roll, command, onClose }: { roll: RollDetail; command: RollCommand; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const reload = useWorkflowReload();
  const session = useCurrentSession();
  const generatedByMe = session.user.username === roll.generatedBy;

  const run = useMutation({
    mutationFn: () =>
      command === 'regenerate' ? benefitsWorkflowApi.generateRoll(roll.programme, roll.period) : benefitsWorkflowApi.transitionRoll(roll.id, command),
    onSuccess: (next) => {
      void message.success(t(`wf.rollDone.${command}`));
      reload.roll(roll.id, next, command === 'regenerate');
      onClose();
      if (next.id !== roll.id) void navigate(`/benefits/rolls/${next.id}`, { replace: true });
    },
    // Refused (four eyes, a stale page): show the roll as the server has it now.
    onError: () => reload.roll(roll.id, undefined, false),
  });

  return (
    <Modal
      open
      title={t(`wf.rollAction.${command}`)}
      onCancel={onClose}
      width={540}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={run.isPending} onClick={() => run.mutate()} data-testid="roll-action-confirm">
            {t(`wf.rollAction.${command}`)}
          </Button>
        </>
      }
      data-testid="roll-action-modal"
    >
      <Typography.Paragraph>
        {t('wf.rollAction.of', { programme: programmeName(i18n, roll.programme, roll.programmeName), period: roll.period })}
      </Typography.Paragraph>
      <Typography.Paragraph className="xf-wf-modal-hint">{t(`wf.rollHint.${command}`)}</Typography.Paragraph>
      {command === 'approve' ? (
        <Alert
          type={generatedByMe ? 'warning' : 'info'}
          showIcon
          className="xf-form-alert"
          title={
            generatedByMe
              ? t('wf.rollHint.fourEyesSelf', { user: roll.generatedByName ?? roll.generatedBy })
              : t('wf.rollHint.fourEyes', { user: roll.generatedByName ?? roll.generatedBy })
          }
          data-testid="roll-four-eyes"
        />
      ) : null}
      {run.isError ? <Alert type="error" showIcon title={errorText(run.error)} data-testid="roll-action-error" /> : null}
    </Modal>
  );
}

/** Buttons for the roll's state (benefits.manage), each confirmed in a dialog that says what it does. */
export function RollActions({ roll }: { roll: RollDetail }) {
  const { t } = useI18n();
  const [command, setCommand] = useState<RollCommand | null>(null);
  const session = useCurrentSession();
  // Four eyes: the server refuses the approval of a roll by the one who generated it.
  const generatedByMe = session.user.username === roll.generatedBy;
  const downloads = roll.state === 'exported' || roll.state === 'paid';
  return (
    <Space wrap data-testid="roll-actions">
      {COMMANDS[roll.state].map((c) => {
        const refused = c === 'approve' && generatedByMe;
        return (
          <Tooltip key={c} title={refused ? t('wf.rollHint.fourEyesSelf', { user: roll.generatedByName ?? roll.generatedBy }) : undefined}>
            <Button
              type={PRIMARY.includes(c) ? 'primary' : 'default'}
              icon={ICONS[c]}
              disabled={refused}
              onClick={() => setCommand(c)}
              data-testid={`roll-${c}`}
            >
              {t(`wf.rollAction.${c}`)}
            </Button>
          </Tooltip>
        );
      })}
      {downloads ? (
        <>
          <Button icon={<FileExcelOutlined />} href={benefitsWorkflowLinks.rollXlsx(roll.id)} download data-testid="roll-download-xlsx">
            {t('wf.roll.downloadXlsx')}
          </Button>
          <Button icon={<CloudDownloadOutlined />} href={benefitsWorkflowLinks.rollBank(roll.id)} download data-testid="roll-download-bank">
            {t('wf.roll.downloadBank')}
          </Button>
        </>
      ) : null}
      {command ? <ConfirmModal roll={roll} command={command} onClose={() => setCommand(null)} /> : null}
    </Space>
  );
}
