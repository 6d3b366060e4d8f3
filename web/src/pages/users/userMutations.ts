import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useShowError } from '../../api/errors.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import type { GrantInput, UserCreate, UserUpdate } from '../../api/types.ts';
import { usersApi } from '../../api/users.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';

/** Every change to users: on success say so and reload the list; on failure show the server's message. */
export function useUserMutations() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  const showError = useShowError();

  const done = (key: MessageKey) => () => {
    void message.success(t(key));
    void queryClient.invalidateQueries({ queryKey: queryKeys.users.all });
  };

  return {
    create: useMutation({ mutationFn: (body: UserCreate) => usersApi.create(body), onSuccess: done('users.created'), onError: showError }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: UserUpdate }) => usersApi.update(id, body),
      onSuccess: (_user, { body }) => {
        if (body.disabled === true) done('users.disabled')();
        else if (body.disabled === false) done('users.enabled')();
        else done('users.updated')();
      },
      onError: showError,
    }),
    resetPassword: useMutation({
      mutationFn: ({ id, password }: { id: string; password: string }) => usersApi.resetPassword(id, password),
      onSuccess: done('users.passwordReset'),
      onError: showError,
    }),
    unlock: useMutation({ mutationFn: (id: string) => usersApi.unlock(id), onSuccess: done('users.unlocked'), onError: showError }),
    setGrants: useMutation({
      mutationFn: ({ id, grants }: { id: string; grants: GrantInput[] }) => usersApi.setGrants(id, grants),
      onSuccess: (user) => done(user.grants.some((g) => !g.confirmed) ? 'users.grantsSavedPending' : 'users.grantsSaved')(),
      onError: showError,
    }),
    confirmGrants: useMutation({ mutationFn: (id: string) => usersApi.confirmGrants(id), onSuccess: done('users.grantsConfirmed'), onError: showError }),
  };
}

export type UserMutations = ReturnType<typeof useUserMutations>;
