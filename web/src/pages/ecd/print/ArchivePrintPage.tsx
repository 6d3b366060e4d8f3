import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Result, Spin } from 'antd';
import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router';
import { printedArchive, useArchivePrint } from '../../../api/ecdCentre.ts';
import { QueryError } from '../../../components/QueryError.tsx';
import { useI18n } from '../../../i18n/index.ts';
import { AttendanceSection, ChartsSection, CoverSection, MeasurementsSection, MilestonesSection, NotesSection } from './PrintSections.tsx';
import './archivePrint.css';

/**
 * 宝宝成长档案 to print or save as PDF: outside the app's layout, an A4 sheet of the cover, the
 * measurements, the WHO charts, milestones, attendance and the teachers' notes, a page each.
 */
export function ArchivePrintPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const print = useArchivePrint(id);
  const archive = print.data ? printedArchive(print.data) : null;
  const childName = archive?.child.name;

  // The title names the saved PDF.
  useEffect(() => {
    if (!childName) return undefined;
    const before = document.title;
    document.title = `${childName} · ${t('ecdc.print.title')}`;
    return () => {
      document.title = before;
    };
  }, [childName, t]);

  const toolbar = (
    <div className="xf-print-toolbar">
      <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(`/ecd/children/${id}`)} data-testid="print-back">
        {t('ecdc.print.back')}
      </Button>
      <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!archive} data-testid="print-button">
        {t('ecdc.print.button')}
      </Button>
    </div>
  );

  let body;
  if (print.isError) {
    body = (
      <QueryError
        error={print.error}
        onRetry={() => void print.refetch()}
        notFoundTitle={t('ecd.notFound')}
        hideForbidden
        backTo={{ path: '/ecd', label: t('ecd.back') }}
      />
    );
  } else if (!print.data) {
    body = <Spin size="large" description={t('app.loading')} />;
  } else if (!archive) {
    body = <Result status="error" title={t('ecdc.print.notArchive')} />;
  } else {
    body = (
      <>
        <CoverSection archive={archive} print={print.data} />
        <MeasurementsSection measurements={archive.measurements} />
        <ChartsSection archive={archive} />
        <MilestonesSection print={print.data} />
        <AttendanceSection print={print.data} />
        <NotesSection print={print.data} footer={`${print.data.centreName} · ${t('ecdc.print.footer')}`} />
      </>
    );
  }

  return (
    <div className="xf-print" data-testid="archive-print-page" data-ready={archive ? 'true' : 'false'}>
      {toolbar}
      <main className="xf-print-sheet">{body}</main>
    </div>
  );
}
