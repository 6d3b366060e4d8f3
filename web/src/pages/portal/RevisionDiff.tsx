import { Alert, Modal, Spin } from 'antd';
import { diffWords, type ChangeObject } from 'diff';
import { useMemo } from 'react';
import { useRevision } from '../../api/portal.ts';
import type { Revision } from '../../api/portalTypes.ts';
import { useErrorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import { bodyText } from './bodyHtml.ts';

/** Chinese has no spaces between words: the browser's word segmenter cuts the text into words. */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

const textOf = (r: Revision): string => `${r.title}\n\n${bodyText(r.bodyHtml)}`;

/** What changed from one revision's text to the other's, word by word. */
export function revisionChanges(from: Revision, to: Revision): ChangeObject<string>[] {
  return diffWords(textOf(from), textOf(to), { intlSegmenter: segmenter });
}

/** Insertions underlined (green), deletions struck through (red): readable in grey-scale print as well. */
function Changes({ changes }: { changes: ChangeObject<string>[] }) {
  const { t } = useI18n();
  return (
    <>
      <p className="xf-portal-diff-legend">
        <ins className="xf-portal-ins">{t('portal.diff.inserted')}</ins> <del className="xf-portal-del">{t('portal.diff.deleted')}</del>
      </p>
      <div className="xf-portal-diff" data-testid="revision-diff" data-verbatim>
        {changes.map((c, i) =>
          c.added ? (
            <ins key={i} className="xf-portal-ins">
              {c.value}
            </ins>
          ) : c.removed ? (
            <del key={i} className="xf-portal-del">
              {c.value}
            </del>
          ) : (
            <span key={i}>{c.value}</span>
          ),
        )}
      </div>
    </>
  );
}

/** 比较: the text of two revisions of an article, the older first, and what changed between them. */
export function RevisionDiff({ articleId, from, to, onClose }: { articleId: string; from: number; to: number; onClose: () => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const older = useRevision(articleId, from);
  const newer = useRevision(articleId, to);
  const changes = useMemo(() => (older.data && newer.data ? revisionChanges(older.data, newer.data) : null), [older.data, newer.data]);
  const error = older.error ?? newer.error;
  return (
    <Modal open title={t('portal.diff.title', { from, to })} footer={null} onCancel={onClose} width={880} data-testid="revision-diff-modal">
      {error ? <Alert type="error" title={errorText(error)} /> : changes ? <Changes changes={changes} /> : <Spin />}
    </Modal>
  );
}
