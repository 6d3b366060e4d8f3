import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { auditApi } from '../../api/audit.ts';
import { useShowError } from '../../api/errors.ts';
import type { AuditVerify } from '../../api/types.ts';
import { labelFor, useI18n, verifyReasonLabels } from '../../i18n/index.ts';

export function useVerifyChain() {
  const showError = useShowError();
  return useMutation({ mutationFn: auditApi.verify, onError: showError });
}

export function VerifyButton({ pending, onClick }: { pending: boolean; onClick: () => void }) {
  const { t } = useI18n();
  return (
    <Button icon={<SafetyCertificateOutlined />} loading={pending} onClick={onClick} data-testid="audit-verify">
      {t('audit.verify')}
    </Button>
  );
}

export function VerifyResult({ result, onClose }: { result: AuditVerify; onClose: () => void }) {
  const { t, lang } = useI18n();
  const broken = result.firstBroken
    ? t('audit.verifyBroken', {
        checked: result.checked,
        seq: result.firstBroken.seq,
        reason: labelFor(verifyReasonLabels, result.firstBroken.reason, lang),
      })
    : '';
  const badLines = result.badCheckpointLines.length > 0 ? t('audit.verifyCheckpointFile', { lines: result.badCheckpointLines.join(', ') }) : '';
  const text = result.ok ? t('audit.verifyOk', { checked: result.checked }) : [broken, badLines].filter(Boolean).join(' ');
  return (
    <Alert
      type={result.ok ? 'success' : 'error'}
      showIcon
      closable={{ onClose }}
      title={t('audit.verifyTitle')}
      description={text}
      style={{ marginBottom: 12 }}
      data-testid="audit-verify-result"
      data-ok={String(result.ok)}
    />
  );
}
