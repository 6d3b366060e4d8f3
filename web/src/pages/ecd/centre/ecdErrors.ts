import { useCallback } from 'react';
import { isApiError } from '../../../api/client.ts';
import { useErrorText } from '../../../api/errors.ts';
import type { Domain } from '../../../api/ecdCentreTypes.ts';
import { useI18n, type MessageKey } from '../../../i18n/index.ts';
import { enumTable } from '../../../components/enumTable.ts';

/** The centre's conflicts, in words a teacher acts on; the server's own message follows when it adds detail. */
const KNOWN: Record<string, MessageKey> = {
  room_busy: 'ecdc.error.room_busy',
  teacher_busy: 'ecdc.error.teacher_busy',
  over_capacity: 'ecdc.error.over_capacity',
  consent_withdrawn: 'ecdc.error.consent_withdrawn',
  stale_version: 'ecdc.error.stale_version',
};

export function useEcdErrorText(): (error: unknown) => string {
  const { t } = useI18n();
  const text = useErrorText();
  return useCallback(
    (error: unknown) => {
      const key = isApiError(error) ? KNOWN[error.code] : undefined;
      if (!key) return text(error);
      const own = t(key);
      const server = text(error);
      return server && server !== own && !server.startsWith('http_') ? `${own}(${server})` : own;
    },
    [t, text],
  );
}

export const DOMAINS: readonly Domain[] = ['gross_motor', 'fine_motor', 'language', 'cognition', 'social_emotional'];

export const DOMAIN_TAGS = enumTable<Domain>('ecdc.domain', {
  gross_motor: 'volcano',
  fine_motor: 'orange',
  language: 'geekblue',
  cognition: 'purple',
  social_emotional: 'green',
});
