import { Col, Form, Input, Row, Select } from 'antd';
import type { MemberInput } from '../../api/registryTypes.ts';
import { useI18n } from '../../i18n/index.ts';
import { HUKOU_WORDS, HUKOUS, ID_PATTERN, MARITAL_WORDS, MARITALS, RELATION_WORDS, RELATIONS, SEX_WORDS, SEXES } from './registryFormat.ts';

/** A member as the form holds it: the select fields hold the Chinese words the server reads. */
export interface MemberFormValue {
  name?: string;
  relation?: string;
  idNumber?: string;
  hukou?: string;
  sex?: string;
  maritalStatus?: string;
  phone?: string;
}

/** Trimmed, with the optional fields left out when empty. */
export function toMemberInput(value: MemberFormValue): MemberInput {
  const optional = (text: string | undefined) => (text && text.trim() !== '' ? text.trim() : undefined);
  const member: MemberInput = {
    name: (value.name ?? '').trim(),
    relation: value.relation ?? '',
    idNumber: (value.idNumber ?? '').trim().toUpperCase(),
    hukou: value.hukou ?? '',
  };
  const sex = optional(value.sex);
  const marital = optional(value.maritalStatus);
  const phone = optional(value.phone);
  if (sex) member.sex = sex;
  if (marital) member.maritalStatus = marital;
  if (phone) member.phone = phone;
  return member;
}

interface MemberFieldsProps {
  /** Where this member's fields live in the form (relative inside a Form.List). */
  prefix: (string | number)[];
  /** Stable id part for tests: `member-<testKey>-name` etc. */
  testKey: string;
  /** Also ask marital status and phone (a new household; not a newborn). */
  full?: boolean;
  onIdChange?: (idNumber: string) => void;
}

/** The fields of one member: name, relation, ID number, hukou, sex; marital status and phone when `full`. */
export function MemberFields({ prefix, testKey, full = false, onIdChange }: MemberFieldsProps) {
  const { t } = useI18n();
  const name = (field: string) => [...prefix, field];
  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  const chosen = (field: string) => [{ required: true, message: t('common.select', { field }) }];
  const testId = (field: string) => `member-${testKey}-${field}`;

  return (
    <Row gutter={12}>
      <Col xs={24} sm={12} lg={5}>
        <Form.Item name={name('name')} label={t('form.name')} rules={required(t('form.name'))}>
          <Input maxLength={40} autoComplete="off" data-testid={testId('name')} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} lg={4}>
        <Form.Item name={name('relation')} label={t('form.relation')} rules={chosen(t('form.relation'))}>
          <Select options={RELATIONS.map((r) => ({ value: RELATION_WORDS[r], label: t(`registry.relation.${r}`) }))} data-testid={testId('relation')} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} lg={7}>
        <Form.Item
          name={name('idNumber')}
          label={t('form.idNumber')}
          rules={[...required(t('form.idNumber')), { pattern: ID_PATTERN, message: t('form.idRule') }]}
        >
          <Input maxLength={18} autoComplete="off" className="xf-code" onChange={(event) => onIdChange?.(event.target.value)} data-testid={testId('id')} />
        </Form.Item>
      </Col>
      <Col xs={12} sm={6} lg={4}>
        <Form.Item name={name('hukou')} label={t('form.hukou')} rules={chosen(t('form.hukou'))}>
          <Select options={HUKOUS.map((h) => ({ value: HUKOU_WORDS[h], label: t(`registry.hukou.${h}`) }))} data-testid={testId('hukou')} />
        </Form.Item>
      </Col>
      <Col xs={12} sm={6} lg={4}>
        <Form.Item name={name('sex')} label={t('form.sex')} tooltip={t('form.sexHint')}>
          <Select allowClear options={SEXES.map((s) => ({ value: SEX_WORDS[s], label: t(`registry.sex.${s}`) }))} data-testid={testId('sex')} />
        </Form.Item>
      </Col>
      {full ? (
        <>
          <Col xs={12} sm={6} lg={5}>
            <Form.Item name={name('maritalStatus')} label={t('form.marital')}>
              <Select
                allowClear
                options={MARITALS.map((m) => ({ value: MARITAL_WORDS[m], label: t(`registry.marital.${m}`) }))}
                data-testid={testId('marital')}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6} lg={5}>
            <Form.Item name={name('phone')} label={t('form.phone')}>
              <Input maxLength={20} autoComplete="off" data-testid={testId('phone')} />
            </Form.Item>
          </Col>
        </>
      ) : null}
    </Row>
  );
}
