import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Card, Select, Upload } from 'antd';
import { useState } from 'react';
import { useErrorText } from '../../api/errors.ts';
import { registryApi } from '../../api/registry.ts';
import type { CodeName, Grant } from '../../api/types.ts';
import { useCurrentSession } from '../../auth/session.tsx';
import { urlField, useUrlQuery } from '../../components/useUrlQuery.ts';
import { useI18n } from '../../i18n/index.ts';
import { usePageCrumb } from '../../layout/pageMeta.tsx';
import { ImportIntro } from './ImportIntro.tsx';
import { ImportJobStatus } from './ImportJobStatus.tsx';

const ACCEPT = '.xlsx,.csv';

/**
 * Townships this user may import into, as the server decides: a township office's own township;
 * village staff register household by household instead.
 */
function importTownships(grants: Grant[]): CodeName[] {
  const villageTownships = new Set(grants.filter((g) => g.role === 'village').map((g) => g.township?.code));
  const result = new Map<string, CodeName>();
  for (const grant of grants) {
    if (grant.role === 'township' && grant.township && !villageTownships.has(grant.township.code)) {
      result.set(grant.township.code, grant.township);
    }
  }
  return [...result.values()];
}

/** The import job shown, kept in the URL so a reload goes on showing its progress. */
const IMPORT_QUERY = { job: urlField.text() };

/**
 * 导入花名册: upload a roster; follow its preview (matching the columns by hand when its headers
 * are not recognised); confirm it; get the counts and the error report.
 */
export function ImportPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const session = useCurrentSession();
  const [{ job: jobId }, setQuery] = useUrlQuery(IMPORT_QUERY);
  const townships = importTownships(session.grants);
  const [township, setTownship] = useState<string | undefined>(townships.length === 1 ? townships[0]?.code : undefined);
  const [uploading, setUploading] = useState(false);
  usePageCrumb(t('import.title'));

  const showJob = (id: string | null) => setQuery({ job: id ?? undefined });

  const upload = async (file: Blob, name: string) => {
    setUploading(true);
    try {
      const { id } = await registryApi.startImport(file, name, townships.length > 1 ? township : undefined);
      showJob(id);
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setUploading(false);
    }
  };

  const picker =
    townships.length === 0 ? (
      <Alert type="warning" showIcon title={t('import.notAllowed')} data-testid="import-not-allowed" />
    ) : (
      <>
        {townships.length > 1 ? (
          <div className="xf-toolbar">
            <span>{t('import.township')}</span>
            <Select
              value={township}
              onChange={(value: string) => setTownship(value)}
              options={townships.map((tw) => ({ value: tw.code, label: tw.name }))}
              placeholder={t('import.township')}
              style={{ width: 220 }}
              data-testid="import-township"
            />
          </div>
        ) : null}
        <Upload.Dragger
          accept={ACCEPT}
          multiple={false}
          showUploadList={false}
          disabled={uploading || !township}
          beforeUpload={(file) => {
            if (/\.(xlsx|csv)$/i.test(file.name)) return true;
            void message.error(t('import.wrongType'));
            return Upload.LIST_IGNORE;
          }}
          customRequest={({ file, onSuccess }) => {
            if (!(file instanceof Blob)) return;
            const name = file instanceof File ? file.name : 'roster.xlsx';
            void upload(file, name).then(() => onSuccess?.(null));
          }}
          data-testid="import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('import.drag')}</p>
          <p className="ant-upload-hint">{t('import.hint')}</p>
        </Upload.Dragger>
      </>
    );

  return (
    <Card title={t('import.title')} data-testid="import-page">
      {/* Once a file is in, its steps say what is needed: the intro would only push them down. */}
      {jobId ? (
        <ImportJobStatus key={jobId} jobId={jobId} onJob={showJob} onAgain={() => showJob(null)} />
      ) : (
        <>
          <ImportIntro />
          <div className="xf-import-body">{picker}</div>
        </>
      )}
    </Card>
  );
}
