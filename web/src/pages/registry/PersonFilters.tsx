import { ReloadOutlined } from '@ant-design/icons';
import { Button, Select } from 'antd';
import type { Hukou, PersonQuery } from '../../api/registryTypes.ts';
import { QuerySearch } from '../../components/QuerySearch.tsx';
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

  const aliveValue = query.alive === undefined ? undefined : String(query.alive);

  return (
    <div className="xf-toolbar">
      <QuerySearch
        value={query.q}
        onSearch={(q) => onChange({ q })}
        placeholder={t('registry.search')}
        width={340}
        maxLength={40}
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
      <Button onClick={() => onChange({ q: undefined, village: undefined, alive: undefined, hukou: undefined, sort: undefined, order: undefined })}>
        {t('common.reset')}
      </Button>
      <div className="xf-toolbar-spacer" />
      <Button icon={<ReloadOutlined />} onClick={onRefresh} aria-label={t('common.refresh')} />
    </div>
  );
}
