import { Alert, App, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Transfer, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ecdApi } from '../../../api/ecd.ts';
import { useCentre, useSaveClass, useSetMembers, type ClassBody } from '../../../api/ecdCentre.ts';
import type { EcdClass } from '../../../api/ecdCentreTypes.ts';
import { queryKeys } from '../../../api/queryKeys.ts';
import { useI18n } from '../../../i18n/index.ts';
import { ageDays, monthsOf } from '../ecdFormat.ts';
import { useEcdErrorText } from './ecdErrors.ts';

/** 新建班级, or 编辑班级 of a given class: name, ages, teacher and room. */
export function ClassModal({ ecdClass, onClose }: { ecdClass?: EcdClass; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useEcdErrorText();
  const [form] = Form.useForm<ClassBody>();
  const centre = useCentre();
  const create = useSaveClass(ecdClass?.id);
  const submit = (v: ClassBody) =>
    create.mutate(
      { ...v, name: v.name.trim() },
      {
        onSuccess: () => {
          void message.success(t(ecdClass ? 'ecdc.class.updated' : 'ecdc.class.created'));
          onClose();
        },
      },
    );
  const initial: Partial<ClassBody> = ecdClass
    ? {
        name: ecdClass.name,
        ageFromMonths: ecdClass.ageFromMonths,
        ageToMonths: ecdClass.ageToMonths,
        teacherId: ecdClass.teacher.id,
        roomCode: ecdClass.room.code,
      }
    : { ageFromMonths: 12, ageToMonths: 18 };
  // A class keeps its teacher in the list even when the teacher is no longer active.
  const teachers = (centre.data?.teachers ?? []).filter((x) => x.active || x.id === ecdClass?.teacher.id);
  return (
    <Modal
      open
      title={ecdClass ? t('ecdc.class.editTitle', { name: ecdClass.name }) : t('ecdc.class.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'class-save' }}
      destroyOnHidden
    >
      <Form<ClassBody> form={form} layout="vertical" onFinish={submit} initialValues={initial}>
        <Form.Item name="name" label={t('ecdc.class.name')} rules={[{ required: true, whitespace: true, max: 40 }]}>
          <Input data-testid="class-name" />
        </Form.Item>
        <Space size={16}>
          <Form.Item name="ageFromMonths" label={t('ecdc.class.ageFrom')} rules={[{ required: true }]}>
            <InputNumber min={0} max={72} data-testid="class-age-from" />
          </Form.Item>
          <Form.Item
            name="ageToMonths"
            label={t('ecdc.class.ageTo')}
            dependencies={['ageFromMonths']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value: number | undefined) =>
                  value === undefined || value >= Number(getFieldValue('ageFromMonths'))
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('ecdc.class.ageOrder'))),
              }),
            ]}
          >
            <InputNumber min={0} max={72} data-testid="class-age-to" />
          </Form.Item>
        </Space>
        <Form.Item name="teacherId" label={t('ecdc.class.teacher')} rules={[{ required: true }]}>
          <Select options={teachers.map((x) => ({ value: x.id, label: x.name }))} data-testid="class-teacher" />
        </Form.Item>
        <Form.Item name="roomCode" label={t('ecdc.class.room')} rules={[{ required: true }]}>
          <Select
            options={(centre.data?.rooms ?? []).map((r) => ({
              value: r.code,
              label: `${r.name}${t('common.inParens', { text: `${r.areaM2} m² · ${r.capacity}` })}`,
            }))}
            data-testid="class-room"
          />
        </Form.Item>
      </Form>
      {create.isError ? <Alert type="error" showIcon title={errorText(create.error)} /> : null}
    </Modal>
  );
}

interface ChildItem {
  key: string;
  title: string;
  months: number;
  withdrawn: boolean;
}

/** 调整成员: a transfer of the centre's children, by default only those within the class's ages. */
export function MembersModal({ ecdClass, onClose }: { ecdClass: EcdClass; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useEcdErrorText();
  const children = useQuery({ queryKey: queryKeys.ecd.children, queryFn: ({ signal }) => ecdApi.children(signal) });
  const save = useSetMembers(ecdClass.id);
  const [chosen, setChosen] = useState<string[]>(() => ecdClass.children.map((c) => c.id));
  const [onlyFit, setOnlyFit] = useState(true);

  const items = useMemo<ChildItem[]>(() => {
    const all = (children.data?.items ?? []).map((c) => ({
      key: c.id,
      title: c.name,
      months: monthsOf(ageDays(c.birthDate)),
      withdrawn: c.consent.withdrawnAt !== null,
    }));
    const fits = (i: ChildItem) => i.months >= ecdClass.ageFromMonths && i.months < ecdClass.ageToMonths + 1;
    return all.filter((i) => !onlyFit || fits(i) || chosen.includes(i.key)).sort((a, b) => a.months - b.months);
  }, [children.data, onlyFit, ecdClass, chosen]);

  const over = chosen.length > ecdClass.room.capacity;
  return (
    <Modal
      open
      width={760}
      title={t('ecdc.class.membersTitle', { name: ecdClass.name })}
      onCancel={onClose}
      onOk={() =>
        save.mutate(chosen, {
          onSuccess: () => {
            void message.success(t('ecdc.class.saved'));
            onClose();
          },
        })
      }
      okText={t('common.save')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'members-save' }}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Checkbox checked={onlyFit} onChange={(e) => setOnlyFit(e.target.checked)} data-testid="members-only-fit">
          {t('ecdc.class.onlyFit')}
          {t('common.inParens', { text: t('ecdc.monthsRange', { from: ecdClass.ageFromMonths, to: ecdClass.ageToMonths }) })}
        </Checkbox>
        <Transfer<ChildItem>
          dataSource={items}
          targetKeys={chosen}
          onChange={(keys) => setChosen(keys.map(String))}
          showSearch
          filterOption={(input, item) => item.title.includes(input)}
          titles={[t('ecdc.class.available'), `${t('ecdc.class.chosen')} ${chosen.length}/${ecdClass.room.capacity}`]}
          render={(item) => (
            <span>
              {item.title} <Typography.Text type="secondary">{t('ecdc.months', { n: item.months.toFixed(1) })}</Typography.Text>
              {item.withdrawn ? <Typography.Text type="danger"> · {t('ecd.consent.withdrawn')}</Typography.Text> : null}
            </span>
          )}
          styles={{ section: { width: 330, height: 380 } }}
          data-testid="members-transfer"
        />
        {over ? (
          <Alert type="warning" showIcon title={t('ecdc.class.overRoom', { n: chosen.length, capacity: ecdClass.room.capacity })} data-testid="members-over" />
        ) : null}
        {save.isError ? <Alert type="error" showIcon title={errorText(save.error)} data-testid="members-error" /> : null}
      </Space>
    </Modal>
  );
}
