import { DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Household, Person } from '../../api/registryTypes.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { DATE_FORMAT, GRADES, isFuture, toDateText } from './registryFormat.ts';
import { useRegistryMutations, type PersonChange } from './registryMutations.ts';

export type PersonEventKind = 'death' | 'moveOut' | 'disability';

interface Values {
  personId: string;
  date: Dayjs;
  note?: string;
  destination?: string;
  grade?: number;
}

const TEXT: Record<PersonEventKind, { title: MessageKey; date: MessageKey }> = {
  death: { title: 'action.death', date: 'action.deathDate' },
  moveOut: { title: 'action.moveOut', date: 'action.moveOutDate' },
  disability: { title: 'action.disability', date: 'action.assessedOn' },
};

/** Who the event may concern: the living, and for a move out only those still here. */
function eligible(kind: PersonEventKind, person: Person): boolean {
  if (!person.alive) return false;
  return kind !== 'moveOut' || person.movedOutOn === null;
}

function toChange(kind: PersonEventKind, values: Values): PersonChange {
  const base = { personId: values.personId, date: toDateText(values.date) };
  if (kind === 'death') return { kind, ...base, note: values.note?.trim() || undefined };
  if (kind === 'moveOut') return { kind, ...base, destination: (values.destination ?? '').trim() };
  return { kind, ...base, grade: values.grade ?? 1 };
}

/** 死亡登记 / 迁出登记 / 残疾鉴定: a person of the household, a date and what the event needs. Mounted only while open. */
export function PersonEventModal({ kind, household, onClose }: { kind: PersonEventKind; household: Household; onClose: () => void }) {
  const { t } = useI18n();
  const personOption = (p: Person) => ({
    value: p.id,
    label: t('action.personOption', { name: p.name, relation: t(`registry.relation.${p.relation}`) }),
  });
  const [form] = Form.useForm<Values>();
  const { change } = useRegistryMutations();
  const text = TEXT[kind];
  const people = household.members.filter((person) => eligible(kind, person));
  const required = (field: string) => [{ required: true, message: t('common.select', { field }) }];

  return (
    <Modal
      open
      title={t(text.title)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={change.isPending}
      data-testid={`event-modal-${kind}`}
    >
      <Form<Values> form={form} name={`event-${kind}`} layout="vertical" onFinish={(values) => change.mutate(toChange(kind, values), { onSuccess: onClose })}>
        <Form.Item name="personId" label={t('action.person')} rules={required(t('action.person'))}>
          <Select options={people.map(personOption)} data-testid="event-person" />
        </Form.Item>
        <div data-testid="event-date">
          <Form.Item name="date" label={t(text.date)} rules={required(t(text.date))}>
            <DatePicker format={DATE_FORMAT} disabledDate={isFuture} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        {kind === 'death' ? (
          <Form.Item name="note" label={t('action.note')}>
            <Input.TextArea maxLength={200} rows={2} placeholder={t('form.optional')} data-testid="event-note" />
          </Form.Item>
        ) : null}
        {kind === 'moveOut' ? (
          <Form.Item
            name="destination"
            label={t('action.destination')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('action.destination') }) }]}
          >
            <Input maxLength={200} data-testid="event-destination" />
          </Form.Item>
        ) : null}
        {kind === 'disability' ? (
          <Form.Item name="grade" label={t('action.grade')} rules={required(t('action.grade'))}>
            <Select options={GRADES.map((grade) => ({ value: grade, label: t(`registry.grade.${grade}`) }))} data-testid="event-grade" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
