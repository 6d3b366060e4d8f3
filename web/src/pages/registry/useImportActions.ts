import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useShowError } from '../../api/errors.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { registryApi } from '../../api/registry.ts';
import type { ImportMapping } from '../../api/registryTypes.ts';

/**
 * What can be done with a finished preview: match its columns again, apply it, or cancel it.
 * Matching and applying start a new job, which the page then follows (`onJob`); the preview
 * itself now has a `next`, so it is reloaded for the next time it is shown.
 */
export function useImportActions(jobId: string, onJob: (id: string) => void, onCancelled: () => void) {
  const queryClient = useQueryClient();
  const showError = useShowError();
  const followed = ({ id }: { id: string }) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.registry.importJob(jobId) });
    onJob(id);
  };

  return {
    map: useMutation({
      mutationFn: (body: ImportMapping) => registryApi.mapImport(jobId, body),
      onSuccess: followed,
      onError: showError,
    }),
    apply: useMutation({
      mutationFn: () => registryApi.applyImport(jobId),
      onSuccess: followed,
      onError: showError,
    }),
    cancel: useMutation({
      mutationFn: () => registryApi.cancelImport(jobId),
      onSuccess: () => {
        queryClient.removeQueries({ queryKey: queryKeys.registry.importJob(jobId) });
        onCancelled();
      },
      onError: showError,
    }),
  };
}

export type ImportActions = ReturnType<typeof useImportActions>;
