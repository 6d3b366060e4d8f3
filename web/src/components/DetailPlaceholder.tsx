import { Card, Skeleton } from 'antd';
import { ApiError } from '../api/client.ts';
import { QueryError } from './QueryError.tsx';

interface DetailPlaceholderProps {
  /** The detail query: its error, and how to try again. */
  query: { isError: boolean; error: unknown; refetch: () => unknown };
  /** The API path of an id that cannot exist (malformed): answered as not found, without asking. */
  invalidPath?: string | null;
  notFoundTitle: string;
  backTo: { path: string; label: string };
}

/**
 * What a detail page shows until its record is there: the not-found card (a record outside the
 * user's scope answers the same on purpose), the error with a retry, or the loading card.
 */
export function DetailPlaceholder({ query, invalidPath = null, notFoundTitle, backTo }: DetailPlaceholderProps) {
  const error = invalidPath !== null ? new ApiError(404, 'not_found', '', {}, invalidPath) : query.isError ? query.error : null;
  return (
    <Card>
      {error === null ? (
        <Skeleton active />
      ) : (
        <QueryError error={error} onRetry={() => void query.refetch()} notFoundTitle={notFoundTitle} hideForbidden backTo={backTo} />
      )}
    </Card>
  );
}
