import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { queryKeys } from '../../../api/queryKeys.ts';
import { registryApi } from '../../../api/registry.ts';
import type { Person } from '../../../api/registryTypes.ts';
import { useI18n } from '../../../i18n/index.ts';

const DEBOUNCE_MS = 300;

export interface PickedPerson {
  id: string;
  name: string;
  idNumber: string;
  village: string;
  township: string;
}

function picked(person: Person): PickedPerson {
  return { id: person.id, name: person.name, idNumber: person.idNumber, village: person.village.name, township: person.township.name };
}

interface PersonPickerProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  onPick?: (person: PickedPerson | undefined) => void;
  testId?: string;
}

/**
 * Finds a living person of the register by name, initials, ID number or household number (the
 * registry's person search, within the user's scope) and shows name, masked ID and village.
 */
export function PersonPicker({ value, onChange, onPick, testId }: PersonPickerProps) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<PickedPerson | undefined>(undefined);

  useEffect(() => {
    const timer = window.setTimeout(() => setQ(text.trim()), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);

  const search = useQuery({
    queryKey: queryKeys.registry.personPicker(q),
    queryFn: ({ signal }) => registryApi.search({ q, alive: true, page: 1, pageSize: 20 }, signal),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });

  const options = useMemo(() => {
    const found = q ? (search.data?.items ?? []).map(picked) : [];
    // The chosen person stays an option while a new search is typed.
    const all = chosen && !found.some((p) => p.id === chosen.id) ? [chosen, ...found] : found;
    return all.map((p) => ({
      value: p.id,
      person: p,
      label: (
        <span className="xf-wf-person-option" data-testid="application-person-option">
          <span>{p.name}</span>
          <span className="xf-code">{p.idNumber}</span>
          <span className="xf-subline">
            {p.township} · {p.village}
          </span>
        </span>
      ),
    }));
  }, [q, search.data, chosen]);

  return (
    <Select<string, (typeof options)[number]>
      allowClear
      value={value}
      placeholder={t('wf.form.personPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setText }}
      options={options}
      notFoundContent={search.isFetching ? <Spin size="small" /> : q ? t('wf.form.personNotFound') : t('wf.form.personHint')}
      onChange={(id, option) => {
        const person = option && !Array.isArray(option) ? option.person : undefined;
        setChosen(person);
        onChange?.(id);
        onPick?.(person);
      }}
      onClear={() => setText('')}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
