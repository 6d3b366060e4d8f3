import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { benefitsKeys } from '../../../api/benefits.ts';
import { benefitsWorkflowKeys, type RollDetail } from '../../../api/benefitsWorkflow.ts';

/**
 * What to load again after a change. Only the queries the change touches are fetched again: the
 * lines of a large roll are slow to read, so a roll's state change keeps them (they do not change).
 */
export function useWorkflowReload() {
  const queryClient = useQueryClient();

  /** An application moved (decision, objection): the lists and details of applications; enrolments may follow. */
  const applications = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: benefitsKeys.enrolments, refetchType: 'none' });
    void queryClient.invalidateQueries({ queryKey: benefitsWorkflowKeys.applications });
  }, [queryClient]);

  /**
   * A roll changed: the answer (when there is one) is the roll as it is now; otherwise read it again.
   * `linesChanged` when the roll was (re)generated.
   */
  const roll = useCallback(
    (id: string, answer: RollDetail | undefined, linesChanged: boolean) => {
      if (answer) queryClient.setQueryData(benefitsWorkflowKeys.roll(answer.id), answer);
      else void queryClient.invalidateQueries({ queryKey: benefitsWorkflowKeys.roll(id), exact: true });
      if (linesChanged) void queryClient.invalidateQueries({ queryKey: [...benefitsWorkflowKeys.roll(id), 'lines'] });
      void queryClient.invalidateQueries({ queryKey: [...benefitsWorkflowKeys.rolls, 'list'] });
      // An approved roll locks the parameters of its month.
      void queryClient.invalidateQueries({ queryKey: benefitsKeys.programmes, refetchType: 'none' });
    },
    [queryClient],
  );

  return useMemo(() => ({ applications, roll }), [applications, roll]);
}
