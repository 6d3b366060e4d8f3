import { DownloadOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Descriptions, Progress, Result, Skeleton, Typography } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { queryKeys } from '../../api/keys.ts';
import { registryApi, registryLinks } from '../../api/registry.ts';
import type { ImportJob } from '../../api/registryTypes.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useI18n } from '../../i18n/index.ts';

const POLL_MS = 700;

function finished(job: ImportJob | undefined): boolean {
  return job?.state === 'done' || job?.state === 'failed';
}

/** One import: progress while it runs (polled), then its counts and the error report. */
export function ImportJobStatus({ jobId, onAgain }: { jobId: string; onAgain: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const job = useQuery({
    queryKey: queryKeys.importJob(jobId),
    queryFn: ({ signal }) => registryApi.importJob(jobId, signal),
    refetchInterval: (query) => (finished(query.state.data) ? false : POLL_MS),
    staleTime: 0,
  });
  const data = job.data;
  const done = data?.state === 'done';

  // New people are in the register: searches made before are out of date.
  useEffect(() => {
    if (done) void queryClient.invalidateQueries({ queryKey: queryKeys.persons });
  }, [done, queryClient]);

  const again = (
    <Button key="again" icon={<UploadOutlined />} onClick={onAgain} data-testid="import-again">
      {t('import.again')}
    </Button>
  );

  if (job.isError && !data) return <QueryError error={job.error} onRetry={() => void job.refetch()} />;
  if (!data) return <Skeleton active />;

  if (data.state === 'failed') {
    return (
      <Result
        status="error"
        title={t('import.failed')}
        subTitle={<span data-testid="import-failed">{data.error ?? ''}</span>}
        extra={again}
      />
    );
  }

  if (data.state === 'done' && data.result) {
    const { imported, unchanged, rejected, hasErrorsFile } = data.result;
    return (
      <Result
        status={rejected > 0 ? 'warning' : 'success'}
        title={t(rejected > 0 ? 'import.doneWithErrors' : 'import.done')}
        subTitle={data.fileName}
        extra={[
          hasErrorsFile ? (
            <Button key="errors" type="primary" icon={<DownloadOutlined />} href={registryLinks.importErrors(data.id)} download data-testid="import-errors-download">
              {t('import.errors')}
            </Button>
          ) : null,
          <Button key="search" icon={<SearchOutlined />} onClick={() => void navigate('/registry')}>
            {t('import.toSearch')}
          </Button>,
          again,
        ]}
        data-testid="import-result"
      >
        <Descriptions column={{ xs: 1, sm: 3 }} bordered size="small" className="xf-import-counts">
          <Descriptions.Item label={t('import.imported')}>
            <span data-testid="import-imported" data-count={imported}>{t('import.persons', { count: imported })}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('import.unchanged')}>
            <span data-testid="import-unchanged" data-count={unchanged}>{t('import.persons', { count: unchanged })}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('import.rejected')}>
            <Typography.Text type={rejected > 0 ? 'danger' : undefined} data-testid="import-rejected" data-count={rejected}>
              {t('import.rows', { count: rejected })}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Result>
    );
  }

  const { rowsDone, imported, unchanged, rejected, percent } = data.progress;
  return (
    <div className="xf-import-progress" data-testid="import-running">
      <Typography.Text strong>
        {t(data.state === 'queued' ? 'import.queued' : 'import.running', { file: data.fileName })}
      </Typography.Text>
      <Progress percent={percent} status="active" data-testid="import-progress" />
      <div className="xf-muted" data-testid="import-rows">
        {t('import.counts', { rows: rowsDone, imported, unchanged, rejected })}
      </div>
    </div>
  );
}
