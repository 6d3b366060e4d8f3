import { inParentheses } from '../../../../../src/core/coordination/bulletin.ts';
import type { Bulletin } from '../../../api/coordinationTypes.ts';
import type { Lang } from '../../../api/types.ts';
import { chinaDay } from '../../../clock.ts';
import { useI18n } from '../../../i18n/index.ts';
import { documentDate, formatNumber, formatRate } from '../coordFormat.ts';
import { BulletinChart } from './BulletinChart.tsx';

function Paragraphs({ text, testId }: { text: string; testId?: string }) {
  const paragraphs = text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return (
    <div data-testid={testId}>
      {paragraphs.map((line, index) => (
        // The addressee (各成员单位：) stands flush left, as in a printed document.
        <p key={index} className={index === 0 && /[：:]$/.test(line) ? 'xf-bulletin-p xf-bulletin-addressee' : 'xf-bulletin-p'}>
          {line}
        </p>
      ))}
    </div>
  );
}

/** The day an instant falls on in China time, as a bulletin writes it (11月8日 / 8 Nov). */
function submittedDay(instant: string, lang: Lang): string {
  const day = chinaDay(instant);
  const [, month, date] = day.split('-').map(Number);
  return lang === 'zh-CN'
    ? `${month}月${date}日`
    : `${date} ${new Date(Date.UTC(2000, (month ?? 1) - 1, 1)).toLocaleDateString('en-GB', { month: 'short', timeZone: 'UTC' })}`;
}

/** The month of a period as a bulletin writes it within its year (10月 / Oct). */
function monthOf(period: string, lang: Lang): string {
  const month = Number(period.slice(5, 7));
  return lang === 'zh-CN' ? `${month}月` : new Date(Date.UTC(2000, month - 1, 1)).toLocaleDateString('en-GB', { month: 'short', timeZone: 'UTC' });
}

/** 一、报送情况 as the .docx has it: the same short names, figures, chart and lists. */
function Completeness({ bulletin }: { bulletin: Bulletin }) {
  const { t, lang } = useI18n();
  const { completeness, late, returned } = bulletin;
  const shortNames = new Map(completeness.rows.map((row) => [row.department.code, row.department.shortName || row.department.name]));
  const shortName = (code: string, fallback: string) => shortNames.get(code) ?? fallback;
  const rateCells = (r: { expected: number; received: number; onTime: number; completeness: number; timeliness: number }) => (
    <>
      <td>{r.expected}</td>
      <td>{r.received}</td>
      <td>{r.onTime}</td>
      <td>{formatRate(r.completeness, lang)}</td>
      <td>{formatRate(r.timeliness, lang)}</td>
    </>
  );
  return (
    <section data-testid="bulletin-section-completeness">
      <h2 className="xf-bulletin-h2">{t('coord.doc.completeness')}</h2>
      <p className="xf-bulletin-p">
        {t('coord.doc.completenessSummary', {
          expected: completeness.expected,
          received: completeness.received,
          onTime: completeness.onTime,
          completeness: formatRate(completeness.completeness, lang),
          timeliness: formatRate(completeness.timeliness, lang),
        })}
      </p>
      {completeness.rows.length > 0 ? (
        <table className="xf-bulletin-table">
          <thead>
            <tr>
              <th>{t('coord.doc.unit')}</th>
              <th>{t('coord.completeness.expected')}</th>
              <th>{t('coord.completeness.received')}</th>
              <th>{t('coord.completeness.onTime')}</th>
              <th>{t('coord.completeness.rate')}</th>
              <th>{t('coord.completeness.timeliness')}</th>
            </tr>
          </thead>
          <tbody>
            {completeness.rows.map((row) => (
              <tr key={row.department.code}>
                <td className="xf-bulletin-left">{shortName(row.department.code, row.department.name)}</td>
                {rateCells(row)}
              </tr>
            ))}
            <tr className="xf-bulletin-total">
              <td className="xf-bulletin-left">{t('coord.doc.total')}</td>
              {rateCells(completeness)}
            </tr>
          </tbody>
        </table>
      ) : null}
      <BulletinChart bulletin={bulletin} />
      {late.length > 0 ? (
        <p className="xf-bulletin-p" data-testid="bulletin-late">
          {t('coord.doc.late')}
          {late
            .map((entry) => {
              const department = shortName(entry.department, entry.departmentName);
              const period = monthOf(entry.period, lang);
              return entry.submittedAt
                ? t('coord.doc.lateEntry', { department, period, day: submittedDay(entry.submittedAt, lang) })
                : t('coord.doc.missingEntry', { department, period });
            })
            .join(t('coord.doc.listSeparator'))}
          {t('coord.doc.end')}
        </p>
      ) : (
        <p className="xf-bulletin-p">{t('coord.doc.noLate')}</p>
      )}
      {returned.length > 0 ? (
        <p className="xf-bulletin-p" data-testid="bulletin-returned">
          {t('coord.doc.returned')}
          {returned
            .map((entry) => {
              const department = shortName(entry.department, entry.departmentName);
              const period = monthOf(entry.period, lang);
              const comment = entry.comment ? inParentheses(entry.comment) : '';
              return comment ? t('coord.doc.returnedEntryWithComment', { department, period, comment }) : t('coord.doc.returnedEntry', { department, period });
            })
            .join(t('coord.doc.listSeparator'))}
          {t('coord.doc.end')}
        </p>
      ) : null}
    </section>
  );
}

function Highlights({ bulletin }: { bulletin: Bulletin }) {
  const { t } = useI18n();
  return (
    <section data-testid="bulletin-section-highlights">
      <h2 className="xf-bulletin-h2">{t('coord.doc.highlights')}</h2>
      {bulletin.highlights.length === 0 ? (
        <p className="xf-bulletin-p">{t('coord.doc.none')}</p>
      ) : (
        bulletin.highlights.map((item, index) => (
          <p key={`${item.department}-${index}`} className="xf-bulletin-p">
            <strong className="xf-bulletin-lead">{t('coord.doc.departmentLead', { department: item.departmentName })}</strong>
            {item.text}
          </p>
        ))
      )}
    </section>
  );
}

function Indicators({ bulletin }: { bulletin: Bulletin }) {
  const { t, lang } = useI18n();
  return (
    <section data-testid="bulletin-section-indicators">
      <h2 className="xf-bulletin-h2">{t('coord.doc.indicators')}</h2>
      {bulletin.indicators.length === 0 ? (
        <p className="xf-bulletin-p">{t('coord.doc.none')}</p>
      ) : (
        <table className="xf-bulletin-table" data-testid="bulletin-indicators">
          <thead>
            <tr>
              <th>{t('coord.doc.indicatorNo')}</th>
              <th>{t('coord.report.indicator')}</th>
              <th>{t('coord.report.unit')}</th>
              <th>{t('coord.doc.period', { period: bulletin.periodLabel })}</th>
              <th>{t('coord.doc.yearToDate')}</th>
            </tr>
          </thead>
          <tbody>
            {bulletin.indicators.map((indicator, index) => (
              <tr key={indicator.code}>
                <td>{index + 1}</td>
                <td className="xf-bulletin-left">{indicator.name}</td>
                <td>{indicator.unit}</td>
                <td className="xf-bulletin-num" data-testid={`bulletin-indicator-${indicator.code}`}>
                  {formatNumber(indicator.period, lang)}
                </td>
                <td className="xf-bulletin-num">{formatNumber(indicator.yearToDate, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Problems({ bulletin }: { bulletin: Bulletin }) {
  const { t } = useI18n();
  return (
    <section data-testid="bulletin-section-problems">
      <h2 className="xf-bulletin-h2">{t('coord.doc.problems')}</h2>
      {bulletin.problems.length === 0 ? (
        <p className="xf-bulletin-p">{t('coord.doc.none')}</p>
      ) : (
        bulletin.problems.map((item, index) => (
          <p key={`${item.department}-${item.period}-${index}`} className="xf-bulletin-p">
            <strong className="xf-bulletin-lead">{t('coord.doc.departmentLead', { department: item.departmentName })}</strong>
            {item.text}
          </p>
        ))
      )}
    </section>
  );
}

/**
 * The bulletin as it prints: the red title block (issuer, number, red rule), the title, the four
 * sections, and the issuer and date at the end.
 */
export function BulletinDocument({ bulletin }: { bulletin: Bulletin }) {
  const { t, lang } = useI18n();
  return (
    <article className="xf-bulletin-doc" data-testid="bulletin-document">
      <header className="xf-bulletin-head">
        <div className="xf-bulletin-issuer">{bulletin.issuer}</div>
        <div className="xf-bulletin-number" data-testid="bulletin-number" data-numbered={bulletin.number ? 'true' : 'false'}>
          {bulletin.number ?? t('coord.doc.draftNumber')}
        </div>
        <div className="xf-bulletin-rule" />
      </header>
      <h1 className="xf-bulletin-title" data-testid="bulletin-title">
        {bulletin.title}
      </h1>
      {bulletin.intro ? <Paragraphs text={bulletin.intro} testId="bulletin-intro" /> : null}
      <Completeness bulletin={bulletin} />
      <Highlights bulletin={bulletin} />
      <Indicators bulletin={bulletin} />
      <Problems bulletin={bulletin} />
      {bulletin.closing ? <Paragraphs text={bulletin.closing} testId="bulletin-closing" /> : null}
      <footer className="xf-bulletin-sign">
        <div>{bulletin.issuer}</div>
        <div data-testid="bulletin-issued-on">{documentDate(bulletin.issuedOn, lang)}</div>
      </footer>
    </article>
  );
}
