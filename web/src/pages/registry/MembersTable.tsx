import { EyeOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { Household, Person } from '../../api/registryTypes.ts';
import { PERMISSIONS } from '../../auth/permissions.ts';
import { useSession } from '../../auth/session.tsx';
import { useI18n } from '../../i18n/index.ts';
import { FamilyTies } from './FamilyTies.tsx';
import { BirthDate, HUKOU_TAGS, PersonStatus } from './PersonTags.tsx';
import { RevealModal } from './RevealModal.tsx';
import { EnumTag } from '../../components/EnumTag.tsx';

const GRADE_KEYS = { 1: 'registry.grade.1', 2: 'registry.grade.2', 3: 'registry.grade.3', 4: 'registry.grade.4' } as const;

function isGrade(grade: number): grade is keyof typeof GRADE_KEYS {
  return grade in GRADE_KEYS;
}

/** The most recent assessment of one person, if any. */
function DisabilityTag({ household, personId }: { household: Household; personId: string }) {
  const { t } = useI18n();
  const latest = household.disabilities.filter((d) => d.personId === personId).sort((a, b) => b.assessedOn.localeCompare(a.assessedOn))[0];
  if (!latest) return <span className="xf-muted">—</span>;
  return (
    <Tooltip title={t('household.assessedOn', { date: latest.assessedOn })}>
      <Tag color="volcano" data-testid={`disability-${personId}`}>
        {isGrade(latest.grade) ? t(GRADE_KEYS[latest.grade]) : latest.grade}
      </Tag>
    </Tooltip>
  );
}

export function MembersTable({ household }: { household: Household }) {
  const { t } = useI18n();
  const { can } = useSession();
  const reveal = can(PERMISSIONS.personalDataReveal);
  const [revealing, setRevealing] = useState<Person | null>(null);

  const columns: TableColumnsType<Person> = [
    { title: t('registry.col.name'), dataIndex: 'name', width: 84, fixed: 'left' },
    {
      title: t('registry.col.relation'),
      dataIndex: 'relation',
      render: (value: Person['relation'], person) => (
        <>
          {t(`registry.relation.${value}`)}
          <FamilyTies household={household} personId={person.id} />
        </>
      ),
    },
    { title: t('registry.col.sex'), dataIndex: 'sex', width: 64, render: (value: Person['sex']) => t(`registry.sex.${value}`) },
    { title: t('registry.col.birthDate'), dataIndex: 'birthDate', width: 150, render: (_: unknown, person) => <BirthDate person={person} /> },
    {
      title: t('registry.col.idNumber'),
      dataIndex: 'idNumber',
      width: reveal ? 196 : 170,
      render: (value: string, person) => (
        <span className="xf-nowrap">
          <span className="xf-code">{value}</span>
          {reveal ? (
            <Tooltip title={t('reveal.button')}>
              <Button
                type="link"
                size="small"
                icon={<EyeOutlined />}
                onClick={() => setRevealing(person)}
                aria-label={t('reveal.button')}
                data-testid={`reveal-${person.id}`}
              />
            </Tooltip>
          ) : null}
        </span>
      ),
    },
    { title: t('registry.col.hukou'), dataIndex: 'hukou', width: 84, render: (value: Person['hukou']) => <EnumTag table={HUKOU_TAGS} value={value} /> },
    { title: t('registry.col.marital'), dataIndex: 'maritalStatus', width: 96, render: (value: Person['maritalStatus']) => t(`registry.marital.${value}`) },
    {
      title: t('registry.col.disability'),
      key: 'disability',
      width: 96,
      render: (_: unknown, person) => <DisabilityTag household={household} personId={person.id} />,
    },
    { title: t('registry.col.status'), dataIndex: 'alive', width: 116, render: (_: unknown, person) => <PersonStatus person={person} /> },
  ];

  return (
    <>
      <Table<Person>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={household.members}
        pagination={false}
        scroll={{ x: 1040 }}
        data-testid="members-table"
      />
      {revealing ? <RevealModal person={revealing} onClose={() => setRevealing(null)} /> : null}
    </>
  );
}
