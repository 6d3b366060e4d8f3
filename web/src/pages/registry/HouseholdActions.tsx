import { ExportOutlined, HeartOutlined, MedicineBoxOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useState } from 'react';
import type { Household } from '../../api/registryTypes.ts';
import { useI18n } from '../../i18n/index.ts';
import { BirthModal } from './BirthModal.tsx';
import { PersonEventModal, type PersonEventKind } from './PersonEventModal.tsx';

type Dialog = 'birth' | PersonEventKind | null;

/** The changes township and village staff record on a household (registry.write). */
export function HouseholdActions({ household }: { household: Household }) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  return (
    <>
      <Space wrap size={8}>
        <Button icon={<UserAddOutlined />} onClick={() => setDialog('birth')} data-testid="action-birth">
          {t('action.birth')}
        </Button>
        <Button icon={<HeartOutlined />} onClick={() => setDialog('death')} data-testid="action-death">
          {t('action.death')}
        </Button>
        <Button icon={<ExportOutlined />} onClick={() => setDialog('moveOut')} data-testid="action-move-out">
          {t('action.moveOut')}
        </Button>
        <Button icon={<MedicineBoxOutlined />} onClick={() => setDialog('disability')} data-testid="action-disability">
          {t('action.disability')}
        </Button>
      </Space>
      {dialog === 'birth' ? <BirthModal household={household} onClose={close} /> : null}
      {dialog && dialog !== 'birth' ? <PersonEventModal kind={dialog} household={household} onClose={close} /> : null}
    </>
  );
}
