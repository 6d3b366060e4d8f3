import type { TownshipKind, VillageKind } from '../../api/types.ts';
import { enumTable } from '../../components/enumTable.ts';

/** 街道 / 镇 / 乡 / 村 / 社区 */
export const ORG_KIND_TAGS = enumTable<TownshipKind | VillageKind>(
  'org.kind',
  { subdistrict: 'geekblue', town: 'gold', township: 'green', village: 'default', community: 'cyan' },
  { variant: 'outlined' },
);

/** The kind's tag inside a tree node: smaller. */
export const COMPACT_TAG = { marginInline: 6, fontSize: 11, lineHeight: '16px', paddingInline: 4 } as const;
