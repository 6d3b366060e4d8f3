import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { portalApi } from '../../api/portal.ts';
import type { BodyProblem } from '../../api/portalTypes.ts';
import { useI18n } from '../../i18n/index.ts';

const REVIEW_DELAY_MS = 800;

/** The problems a refused save answers with (422 body_refused), or null for another error. */
export function refusedProblems(error: unknown): BodyProblem[] | null {
  if (!isApiError(error) || error.code !== 'body_refused') return null;
  const details = error.details as { problems?: BodyProblem[] } | undefined;
  return details?.problems ?? [];
}

/** What the allow-list refuses in `bodyHtml`, asked of the server 800 ms after the writer stops typing. */
export function useBodyReview(bodyHtml: string, enabled: boolean): BodyProblem[] {
  const [problems, setProblems] = useState<BodyProblem[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const timer = setTimeout(() => {
      portalApi.review(bodyHtml).then(
        (reply) => live && setProblems(reply.problems),
        // A failed check says nothing about the body; saving will check it again.
        () => undefined,
      );
    }, REVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [bodyHtml, enabled]);
  return enabled ? problems : [];
}

/** The body's problems, each with what was found and why it is refused, in the current language. */
export function BodyProblems({ problems }: { problems: BodyProblem[] }) {
  const { t, lang } = useI18n();
  if (problems.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={t('portal.problems.title', { count: problems.length })}
      description={
        <ul className="xf-portal-problems" data-testid="body-problems">
          {problems.map((p) => (
            <li key={`${p.kind}:${p.found}`} data-kind={p.kind}>
              <code className="xf-portal-found">{p.found}</code>
              <div>{lang === 'en' ? p.en : p.zh}</div>
            </li>
          ))}
        </ul>
      }
      data-testid="body-problems-alert"
    />
  );
}
