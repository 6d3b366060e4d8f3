import { ReloadOutlined } from '@ant-design/icons';
import { Button, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { Hukou, PersonQuery } from '../../api/registryTypes.ts';
import { useI18n } from '../../i18n/index.ts';
import { HUKOUS } from './registryFormat.ts';
import { useVillageOptions } from './useVillageOptions.ts';

interface PersonFiltersProps {
  query: PersonQuery;
  onChange: (change: Partial<PersonQuery>) => void;
  onRefresh: () => void;
}

export function PersonFilters({ query, onChange, onRefresh }: PersonFiltersProps) {
  const { t } = useI18n();
  const villages = useVillageOptions();
  const [q, setQ] = useState(query.q ?? '');
  useEffect(() => setQ(query.q ?? ''), [query.q]);

  const aliveValue = query.alive === undefined ? undefined : String(query.alive);

  return (
    <div className="xf-toolbar">
      <Input.Search
        allowClear
        placeholder={t('registry.search')}
        value={q}
        onChange={(event) => {
          setQ(event.target.value);
          if (event.target.value === '' && query.q) onChange({ q: undefined });
        }}
        onSearch={(value) => onChange({ q: value.trim() || undefined })}
        maxLength={40}
        style={{ width: 340 }}
        data-testid="registry-search"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('registry.filterVillage')}
        options={villages.options}
        loading={villages.loading}
        value={query.village}
        onChange={(village: string | undefined) => onChange({ village })}
        style={{ width: 180 }}
        data-testid="registry-filter-village"
      />
      <Select
        allowClear
        placeholder={t('registry.filterAlive')}
        options={[
          { value: 'true', label: t('registry.alive.true') },
          { value: 'false', label: t('registry.alive.false') },
        ]}
        value={aliveValue}
        onChange={(value: string | undefined) => onChange({ alive: value === undefined ? undefined : value === 'true' })}
        style={{ width: 110 }}
        data-testid="registry-filter-alive"
      />
      <Select
        allowClear
        placeholder={t('registry.filterHukou')}
        options={HUKOUS.map((hukou) => ({ value: hukou, label: t(`registry.hukou.${hukou}`) }))}
        value={query.hukou}
        onChange={(hukou: Hukou | undefined) => onChange({ hukou })}
        style={{ width: 120 }}
        data-testid="registry-filter-hukou"
      />
      <Button
        onClick={() =>
          onChange({ q: undefined, village: undefined, alive: undefined, hukou: undefined, sort: undefined, order: undefined })
        }
      >
        {t('common.reset')}
      </Button>
      <div className="xf-toolbar-spacer" />
      <Button icon={<ReloadOutlined />} onClick={onRefresh} aria-label={t('common.refresh')} />
    </div>
  );
}
