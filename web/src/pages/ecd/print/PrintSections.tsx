import type { ChildArchive, GrowthStatus, Measurement } from '../../../api/ecd.ts';
import type { ArchivePrint, MilestoneStatus } from '../../../api/ecdCentreTypes.ts';
import { useI18n } from '../../../i18n/index.ts';
import { formatMonths, formatValue, formatZ } from '../ecdFormat.ts';
import { GrowthCurve } from '../GrowthChart.tsx';
import { INDICATOR_LABELS, type ChartIndicator } from '../growthSeries.ts';

/** The day of an instant in China (UTC+8). */
export function chinaDate(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The cover: centre, title, the child, the guardian's consent and the day it was printed. */
export function CoverSection({ archive, print }: { archive: ChildArchive; print: ArchivePrint }) {
  const { t } = useI18n();
  const { child } = archive;
  const consent = child.consent;
  return (
    <section className="xf-print-section xf-print-cover" data-testid="print-cover">
      <div className="xf-print-cover-centre">{print.centreName}</div>
      <h1>{t('ecdc.print.title')}</h1>
      <table className="xf-print-cover-table">
        <tbody>
          <tr>
            <th>{t('ecdc.print.child')}</th>
            <td className="xf-print-cover-name" data-testid="print-child-name">
              {child.name}
            </td>
          </tr>
          <tr>
            <th>{t('ecdc.print.sex')}</th>
            <td>{t(child.sex === 'M' ? 'ecd.sex.M' : 'ecd.sex.F')}</td>
          </tr>
          <tr>
            <th>{t('ecdc.print.birthDate')}</th>
            <td>{child.birthDate}</td>
          </tr>
          <tr>
            <th>{t('ecdc.print.enrolledOn')}</th>
            <td>{child.enrolledOn}</td>
          </tr>
        </tbody>
      </table>
      <p className="xf-print-cover-consent">
        {t('ecdc.print.consent')}:
        {t('ecdc.print.consentLine', { by: consent.by, relation: consent.relation, date: chinaDate(consent.at), purpose: consent.purpose })}
        {consent.withdrawnAt ? t('ecdc.print.consentWithdrawn', { date: chinaDate(consent.withdrawnAt) }) : ''}
      </p>
      <div className="xf-print-cover-printed">
        {t('ecdc.print.printedOn')}:{print.printedOn}
      </div>
    </section>
  );
}

function StatusText({ statuses }: { statuses: GrowthStatus[] }) {
  const { t, tx } = useI18n();
  if (statuses.length === 0) return <span>{t('ecdc.print.normal')}</span>;
  return <span className="xf-print-flag">{statuses.map((s) => tx(`ecd.status.${s.code}`, s.code)).join('、')}</span>;
}

/** Every measurement, oldest first, with the five z-scores and the plain-language assessment. */
export function MeasurementsSection({ measurements }: { measurements: Measurement[] }) {
  const { t } = useI18n();
  const position = (m: Measurement) =>
    m.position ? t('common.inParens', { text: t(m.position === 'lying' ? 'ecd.position.lying' : 'ecd.position.standing') }) : '';
  return (
    <section className="xf-print-section xf-print-break" data-testid="print-measurements">
      <h2>{t('ecdc.print.measurements')}</h2>
      <table className="xf-print-table xf-print-measurements">
        <thead>
          <tr>
            <th className="xf-print-nowrap">{t('ecd.col.date')}</th>
            <th className="xf-print-nowrap">{t('ecd.col.age')}</th>
            <th>{t('ecd.col.weight')}</th>
            <th>{t('ecd.col.length')}</th>
            <th>{t('ecd.col.head')}</th>
            <th>{t('ecd.col.waz')}</th>
            <th>{t('ecd.col.haz')}</th>
            <th>{t('ecd.col.whz')}</th>
            <th>{t('ecdc.print.col.bmiz')}</th>
            <th>{t('ecdc.print.col.hcz')}</th>
            <th className="xf-print-nowrap">{t('ecd.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {measurements.length === 0 ? (
            <tr>
              <td colSpan={11}>{t('ecd.noMeasurements')}</td>
            </tr>
          ) : (
            measurements.map((m) => (
              <tr key={m.id}>
                <td className="xf-print-nowrap">{m.date}</td>
                <td>{formatMonths(m.ageDays)}</td>
                <td>{formatValue(m.weightKg, 2)}</td>
                <td className="xf-print-nowrap">
                  {formatValue(m.lengthHeightCm)}
                  {m.lengthHeightCm === null ? '' : position(m)}
                </td>
                <td>{formatValue(m.headCircumferenceCm)}</td>
                <td>{formatZ(m.zscores.weightForAge)}</td>
                <td>{formatZ(m.zscores.lengthHeightForAge)}</td>
                <td>{formatZ(m.zscores.weightForLengthHeight)}</td>
                <td>{formatZ(m.zscores.bmiForAge)}</td>
                <td>{formatZ(m.zscores.headCircumferenceForAge)}</td>
                <td className="xf-print-left xf-print-nowrap">
                  <StatusText statuses={m.statuses} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <p className="xf-print-muted">{t('ecdc.print.zNote')}</p>
    </section>
  );
}

const PRINTED_CHARTS: readonly ChartIndicator[] = ['wfa', 'lhfa', 'wflh', 'hcfa'];
/** Half of the 180 mm line less the gap, in CSS pixels (96 per inch). */
const CHART_WIDTH = 332;

/** Four WHO charts, two by two, at their printed size and rendered as SVG. */
export function ChartsSection({ archive }: { archive: ChildArchive }) {
  const { t } = useI18n();
  return (
    <section className="xf-print-section xf-print-break" data-testid="print-charts">
      <h2>{t('ecdc.print.charts')}</h2>
      <div className="xf-print-charts">
        {PRINTED_CHARTS.map((indicator) => (
          <div key={indicator} className="xf-print-chart">
            <h3>{t(INDICATOR_LABELS[indicator])}</h3>
            <GrowthCurve child={archive.child} measurements={archive.measurements} indicator={indicator} width={CHART_WIDTH} height={270} renderer="svg" />
          </div>
        ))}
      </div>
    </section>
  );
}

function milestoneLabel(item: MilestoneStatus, lang: string): string {
  return lang === 'en' ? item.labelEn : item.label;
}

/** The six milestones: the WHO window, when the child achieved each and the assessment. */
export function MilestonesSection({ print }: { print: ArchivePrint }) {
  const { t, lang } = useI18n();
  return (
    <section className="xf-print-section xf-print-break" data-testid="print-milestones">
      <h2>{t('ecdc.print.milestones')}</h2>
      <table className="xf-print-table">
        <thead>
          <tr>
            <th>{t('ecdc.ms.col.milestone')}</th>
            <th>{t('ecdc.ms.col.window')}</th>
            <th>{t('ecdc.ms.col.achievedOn')}</th>
            <th>{t('ecdc.ms.col.achievedAt')}</th>
            <th>{t('ecdc.ms.col.state')}</th>
          </tr>
        </thead>
        <tbody>
          {print.milestones.items.map((item) => (
            <tr key={item.milestone}>
              <td className="xf-print-left">{milestoneLabel(item, lang)}</td>
              <td>
                {item.window.fromMonths.toFixed(1)}–{item.window.toMonths.toFixed(1)}
              </td>
              <td>{item.achievedOn ?? '—'}</td>
              <td>{item.achievedAtMonths === null ? '—' : item.achievedAtMonths.toFixed(1)}</td>
              <td className={item.state === 'late' && item.milestone !== 'crawling' ? 'xf-print-flag' : undefined}>{t(`ecdc.ms.state.${item.state}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="xf-print-muted">{t('ecdc.ms.crawlingNote')}</p>
    </section>
  );
}

/** Sessions attended of those scheduled, and the last one. */
export function AttendanceSection({ print }: { print: ArchivePrint }) {
  const { t } = useI18n();
  const { sessions, present, lastAttended } = print.attendance;
  const rate = sessions > 0 ? `${Math.round((present / sessions) * 100)}%` : '—';
  return (
    <section className="xf-print-section" data-testid="print-attendance">
      <h2>{t('ecdc.print.attendance')}</h2>
      <p>{t('ecdc.print.attendanceLine', { sessions, present, rate })}</p>
      <p>{lastAttended ? t('ecdc.print.lastAttended', { date: lastAttended }) : t('ecdc.print.neverAttended')}</p>
    </section>
  );
}

/** The teachers' notes, newest first, and the archive's closing line (kept on the same page). */
export function NotesSection({ print, footer }: { print: ArchivePrint; footer: string }) {
  const { t } = useI18n();
  return (
    <section className="xf-print-section" data-testid="print-notes">
      <h2>{t('ecdc.print.notes')}</h2>
      {print.notes.length === 0 ? (
        <p className="xf-print-muted">{t('ecdc.print.noNotes')}</p>
      ) : (
        <ul className="xf-print-notes">
          {print.notes.map((note, i) => (
            <li key={`${note.date}-${i}`}>
              <strong>{note.date}</strong> <span className="xf-print-muted">{note.author}</span>
              <div>{note.text}</div>
            </li>
          ))}
        </ul>
      )}
      <div className="xf-print-footer">{footer}</div>
    </section>
  );
}
