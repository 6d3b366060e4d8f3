import { Tag, Tooltip } from 'antd';
import type { Household } from '../../api/registryTypes.ts';
import { useI18n } from '../../i18n/index.ts';

interface Tie {
  id: string;
  name: string;
  adopted: boolean;
}

/** A member's spouses and parents, from the household's relationships (current ones only), as small lines. */
export function FamilyTies({ household, personId }: { household: Household; personId: string }) {
  const { t } = useI18n();
  const nameOf = (id: string) => household.members.find((m) => m.id === id)?.name ?? t('household.outside');
  const current = household.relationships.filter((r) => r.endDate === null);
  const spouses: Tie[] = current
    .filter((r) => r.kind === 'spouse' && (r.personId === personId || r.relatedPersonId === personId))
    .map((r) => {
      const other = r.personId === personId ? r.relatedPersonId : r.personId;
      return { id: r.id, name: nameOf(other), adopted: false };
    });
  // kind 'child': personId is the parent of relatedPersonId.
  const parents: Tie[] = current
    .filter((r) => r.kind === 'child' && r.relatedPersonId === personId)
    .map((r) => ({ id: r.id, name: nameOf(r.personId), adopted: r.adopted }));

  if (spouses.length === 0 && parents.length === 0) return null;
  const adopted = parents.some((p) => p.adopted);
  return (
    <div className="xf-subline" data-testid={`ties-${personId}`}>
      {spouses.length > 0 ? (
        <div>
          {t('household.spouse')}
          {spouses.map((s) => s.name).join('、')}
        </div>
      ) : null}
      {parents.length > 0 ? (
        <div>
          {t('household.parents')}
          {parents.map((p) => p.name).join('、')}
          {adopted ? (
            <Tooltip
              title={parents
                .filter((p) => p.adopted)
                .map((p) => p.name)
                .join('、')}
            >
              <Tag color="purple" className="xf-inline-tag">
                {t('household.adopted')}
              </Tag>
            </Tooltip>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
