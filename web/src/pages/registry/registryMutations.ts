import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useShowError } from '../../api/errors.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { registryApi } from '../../api/registry.ts';
import type { HouseholdCreate, MemberAdd } from '../../api/registryTypes.ts';
import { useI18n } from '../../i18n/index.ts';

/** A person's life event as the household page's dialogs give it. */
export type PersonChange =
  | { kind: 'death'; personId: string; date: string; note?: string }
  | { kind: 'moveOut'; personId: string; date: string; destination: string }
  | { kind: 'disability'; personId: string; date: string; grade: number };

function send(change: PersonChange) {
  switch (change.kind) {
    case 'death':
      return registryApi.death(change.personId, { date: change.date, ...(change.note ? { note: change.note } : {}) });
    case 'moveOut':
      return registryApi.moveOut(change.personId, { date: change.date, destination: change.destination });
    case 'disability':
      return registryApi.disability(change.personId, { date: change.date, grade: change.grade });
  }
}

/**
 * Every change to the register. Success reloads the register's queries; the forms show a 400's
 * per-member problems themselves, other actions show the server's message as a toast.
 */
export function useRegistryMutations() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  const showError = useShowError();

  const reload = () => void queryClient.invalidateQueries({ queryKey: queryKeys.registry.all });
  const recorded = () => {
    void message.success(t('action.recorded'));
    reload();
  };

  return {
    createHousehold: useMutation({
      mutationFn: (body: HouseholdCreate) => registryApi.createHousehold(body),
      onSuccess: () => {
        void message.success(t('form.created'));
        reload();
      },
    }),
    addMember: useMutation({
      mutationFn: ({ householdId, body }: { householdId: string; body: MemberAdd }) => registryApi.addMember(householdId, body),
      onSuccess: recorded,
    }),
    change: useMutation({ mutationFn: send, onSuccess: recorded, onError: showError }),
  };
}

export type RegistryMutations = ReturnType<typeof useRegistryMutations>;
