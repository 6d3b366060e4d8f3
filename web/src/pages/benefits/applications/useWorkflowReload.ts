import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { type RollDetail } from '../../../api/benefitsWorkflow.ts';
import { queryKeys } from '../../../api/queryKeys.ts';

/**
 * What to load again after a change. Only the queries the change touches are fetched again: the
 * lines of a large roll are slow to read, so a roll's state change keeps them (they do not change).
 */
export function useWorkflowReload() {
  const queryClient = useQueryClient();

  /** An application moved (decision, objection): the lists and details of applications; enrolments may follow. */
  const applications = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.benefits.enrolments, refetchType: 'none' });
    void queryClient.invalidateQueries({ queryKey: queryKeys.benefits.workflow.applications });
  }, [queryClient]);

  /**
   * A roll changed: the answer (when there is one) is the roll as it is now; otherwise read it again.
   * `linesChanged` when the roll was (re)generated.
   */
  const roll = useCallback(
    (id: string, answer: RollDetail | undefined, linesChanged: boolean) => {
      if (answer) queryClient.setQueryData(queryKeys.benefits.workflow.roll(answer.id), answer);
      else void queryClient.invalidateQueries({ queryKey: queryKeys.benefits.workflow.roll(id), exact: true });
      if (linesChanged) void queryClient.invalidateQueries({ queryKey: queryKeys.benefits.workflow.rollLinesOf(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.benefits.workflow.rollLists });
      // An approved roll locks the parameters of its month.
      void queryClient.invalidateQueries({ queryKey: queryKeys.benefits.programmes, refetchType: 'none' });
    },
    [queryClient],
  );

  return useMemo(() => ({ applications, roll }), [applications, roll]);
}
