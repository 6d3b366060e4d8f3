import { SearchOutlined } from '@ant-design/icons';
import { Button, Flex, Result } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { ImportResult } from '../../api/registryTypes.ts';
import { useI18n } from '../../i18n/index.ts';
import { ImportCountGrid, type CountItem } from './ImportCountGrid.tsx';
import { ErrorsButton } from './ImportPreviewTables.tsx';

interface ImportResultViewProps {
  jobId: string;
  fileName: string;
  result: ImportResult;
  again: ReactNode;
}

/** What an apply job wrote: its counts, the error report, and where to go next. */
export function ImportResultView({ jobId, fileName, result, again }: ImportResultViewProps) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { rejected } = result;
  const items: CountItem[] = [
    { testId: 'import-imported', title: 'import.imported', unit: 'import.persons', value: result.imported },
    { testId: 'import-new-households', title: 'import.newHouseholds', unit: 'import.households', value: result.newHouseholds },
    { testId: 'import-updated', title: 'import.updated', unit: 'import.persons', value: result.updated },
    { testId: 'import-links', title: 'import.links', unit: 'import.linksCount', value: result.links },
    { testId: 'import-unchanged', title: 'import.unchanged', unit: 'import.persons', value: result.unchanged },
    { testId: 'import-rejected', title: 'import.rejected', unit: 'import.rows', value: rejected, danger: true },
  ];
  return (
    <Flex vertical gap={8} data-testid="import-result">
      <Result
        status={rejected > 0 ? 'warning' : 'success'}
        title={t(rejected > 0 ? 'import.doneWithErrors' : 'import.done')}
        subTitle={fileName}
        extra={
          <Flex wrap gap={8} justify="center">
            {result.hasErrorsFile ? <ErrorsButton jobId={jobId} primary /> : null}
            <Button icon={<SearchOutlined />} onClick={() => void navigate('/registry')} data-testid="import-to-search">
              {t('import.toSearch')}
            </Button>
            {again}
          </Flex>
        }
      />
      <ImportCountGrid items={items} />
    </Flex>
  );
}
