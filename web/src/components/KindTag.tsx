import { Tag } from 'antd';
import type { TownshipKind, VillageKind } from '../api/types.ts';
import { useI18n } from '../i18n/index.ts';

const COLOURS: Record<TownshipKind | VillageKind, string> = {
  subdistrict: 'geekblue',
  town: 'gold',
  township: 'green',
  village: 'default',
  community: 'cyan',
};

/** 街道 / 镇 / 乡 / 村 / 社区 */
export function KindTag({ kind, compact = false }: { kind: TownshipKind | VillageKind; compact?: boolean }) {
  const { t } = useI18n();
  return (
    <Tag color={COLOURS[kind]} variant="outlined" style={compact ? { marginInline: 6, fontSize: 11, lineHeight: '16px', paddingInline: 4 } : undefined}>
      {t(`org.kind.${kind}`)}
    </Tag>
  );
}
