import { ArrowRightOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Progress, Result, Skeleton, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { queryKeys } from '../../api/queryKeys.ts';
import { registryApi } from '../../api/registry.ts';
import type { ImportJob } from '../../api/registryTypes.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useI18n } from '../../i18n/index.ts';
import { jobFinished } from './importFormat.tsx';
import { ImportMapping } from './ImportMapping.tsx';
import { ImportPreview } from './ImportPreview.tsx';
import { ImportResultView } from './ImportResultView.tsx';
import { useImportActions } from './useImportActions.ts';

const POLL_MS = 700;

interface ImportJobStatusProps {
  jobId: string;
  /** Follow another job (the preview after a new matching, or the apply). */
  onJob: (id: string) => void;
  /** Back to the upload picker. */
  onAgain: () => void;
}

/**
 * One import job, polled while it runs. A preview job then shows the mapping step (its headers
 * were not recognised, or the user asked to match again) or the preview; an apply job its result.
 * The page keys this component by the job, so the mapping step's state starts afresh for each.
 */
export function ImportJobStatus({ jobId, onJob, onAgain }: ImportJobStatusProps) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [remap, setRemap] = useState(false);
  const actions = useImportActions(jobId, onJob, onAgain);
  const job = useQuery({
    queryKey: queryKeys.registry.importJob(jobId),
    queryFn: ({ signal }) => registryApi.importJob(jobId, signal),
    refetchInterval: (query) => (jobFinished(query.state.data) ? false : POLL_MS),
    staleTime: 0,
  });
  const data = job.data;
  const applied = data?.mode === 'apply' && data.state === 'done';

  // The register has changed: searches and households read before are out of date.
  useEffect(() => {
    if (!applied) return;
    void queryClient.invalidateQueries({ queryKey: queryKeys.registry.persons });
    void queryClient.invalidateQueries({ queryKey: queryKeys.registry.households });
  }, [applied, queryClient]);

  const again = (
    <Button key="again" icon={<UploadOutlined />} onClick={onAgain} data-testid="import-again">
      {t('import.again')}
    </Button>
  );

  if (job.isError && !data) return <QueryError error={job.error} onRetry={() => void job.refetch()} />;
  if (!data) return <Skeleton active />;

  if (data.state === 'failed') return <Failed text={data.error ?? ''} again={again} />;
  if (data.state !== 'done') return <Running job={data} />;

  if (data.mode === 'apply') {
    if (!data.result) return <Failed text="" again={again} />;
    return <ImportResultView jobId={data.id} fileName={data.fileName} result={data.result} again={again} />;
  }

  // A preview already followed (matched again, or applied) is never offered a second time.
  if (data.next) {
    const next = data.next;
    return (
      <Alert
        type="info"
        showIcon
        title={t('import.followed.title')}
        description={
          <Flex vertical gap={12} align="start">
            <span>{t('import.followed.text')}</span>
            <Flex wrap gap={8}>
              <Button type="primary" icon={<ArrowRightOutlined />} onClick={() => onJob(next)} data-testid="import-follow">
                {t('import.followed.go')}
              </Button>
              {again}
            </Flex>
          </Flex>
        }
        data-testid="import-followed"
      />
    );
  }

  const preview = data.preview;
  if (!preview) return <Failed text="" again={again} />;
  if (preview.status === 'needs_mapping' || remap) {
    return <ImportMapping preview={preview} actions={actions} onBack={preview.status === 'ready' ? () => setRemap(false) : undefined} />;
  }
  return <ImportPreview jobId={data.id} fileName={data.fileName} preview={preview} actions={actions} onRemap={() => setRemap(true)} onAgain={onAgain} />;
}

function Failed({ text, again }: { text: string; again: ReactNode }) {
  const { t } = useI18n();
  return <Result status="error" title={t('import.failed')} subTitle={<span data-testid="import-failed">{text}</span>} extra={again} />;
}

/** A job waiting or running: the file, a progress bar and what has been read so far. */
function Running({ job }: { job: ImportJob }) {
  const { t } = useI18n();
  const { rowsDone, imported, unchanged, rejected, percent } = job.progress;
  const preview = job.mode === 'preview';
  const heading = job.state === 'queued' ? 'import.queued' : preview ? 'import.analysing' : 'import.running';
  return (
    <div className="xf-import-progress" data-testid="import-running" data-mode={job.mode}>
      <Typography.Text strong>{t(heading, { file: job.fileName })}</Typography.Text>
      <Progress percent={percent} status="active" data-testid="import-progress" />
      <div className="xf-muted" data-testid="import-rows">
        {preview ? t('import.readRows', { rows: rowsDone }) : t('import.counts', { rows: rowsDone, imported, unchanged, rejected })}
      </div>
    </div>
  );
}
