import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Select, Space } from 'antd';
import { useDepartments, useOrgTree, useRoles } from '../../api/hooks.ts';
import { useI18n } from '../../i18n/index.ts';
import { ROLE_CODES, scopeOf, type GrantFormValue } from './grants.ts';

interface GrantsFormShape {
  grants?: GrantFormValue[];
}

const pickerWidth = { width: 200 };

function GrantRow({ name, onRemove, allowed }: { name: number; onRemove: () => void; allowed: (role: string) => boolean }) {
  const { t, tx, pick } = useI18n();
  const form = Form.useFormInstance<GrantsFormShape>();
  const roles = useRoles();
  const tree = useOrgTree();
  const departments = useDepartments();
  const role = Form.useWatch(['grants', name, 'role'], form);
  const township = Form.useWatch(['grants', name, 'township'], form);
  const scope = scopeOf(role, roles.data?.items);

  const roleOptions = (roles.data?.items.map((r) => r.code) ?? ROLE_CODES).filter(allowed).map((code) => {
    const described = roles.data?.items.find((r) => r.code === code);
    return { value: code, label: described ? pick(described.label) : tx(`role.${code}`, code), title: described ? pick(described.description) : undefined };
  });
  const townshipOptions = (tree.data?.townships ?? []).map((tw) => ({ value: tw.code, label: tw.name }));
  const villageOptions = (tree.data?.townships.find((tw) => tw.code === township)?.villages ?? []).map((v) => ({
    value: v.code,
    label: v.name,
  }));
  const departmentOptions = (departments.data?.items ?? []).map((d) => ({ value: d.code, label: d.name }));
  const required = (field: string) => [{ required: true, message: t('common.select', { field }) }];

  return (
    <Space align="start" wrap data-testid={`grant-row-${name}`}>
      <Form.Item name={[name, 'role']} rules={required(t('users.roles'))}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={roleOptions}
          placeholder={t('users.roles')}
          style={pickerWidth}
          onChange={(value: string) => form.setFieldValue(['grants', name], { role: value })}
          data-testid={`grant-role-${name}`}
        />
      </Form.Item>
      {scope === 'township' || scope === 'village' ? (
        <Form.Item name={[name, 'township']} rules={required(t('scope.township'))}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={townshipOptions}
            loading={tree.isPending}
            placeholder={t('scope.township')}
            style={pickerWidth}
            onChange={() => form.setFieldValue(['grants', name, 'village'], undefined)}
            data-testid={`grant-township-${name}`}
          />
        </Form.Item>
      ) : null}
      {scope === 'village' ? (
        <Form.Item name={[name, 'village']} rules={required(t('scope.village'))}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={villageOptions}
            disabled={!township}
            placeholder={t('scope.village')}
            style={pickerWidth}
            data-testid={`grant-village-${name}`}
          />
        </Form.Item>
      ) : null}
      {scope === 'department' ? (
        <Form.Item name={[name, 'department']} rules={required(t('scope.department'))}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={departmentOptions}
            loading={departments.isPending}
            placeholder={t('scope.department')}
            style={{ width: 260 }}
            data-testid={`grant-department-${name}`}
          />
        </Form.Item>
      ) : null}
      {scope && scope !== 'township' && scope !== 'village' && scope !== 'department' ? (
        <span className="xf-muted" style={{ lineHeight: '32px' }}>
          {t(`scope.${scope}`)}
        </span>
      ) : null}
      <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('users.removeGrant')} />
    </Space>
  );
}

/**
 * The role grants of a user: each a role plus, by the role's scope, a township, village or
 * department. Only the roles the account may take are offered.
 */
export function GrantsField({ allowed }: { allowed: (role: string) => boolean }) {
  const { t } = useI18n();
  return (
    <Form.List
      name="grants"
      rules={[
        {
          validator: async (_, value: GrantFormValue[] | undefined) => {
            if (!value || value.length === 0) throw new Error(t('users.grantsRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field) => (
            <div key={field.key}>
              <GrantRow name={field.name} onRemove={() => remove(field.name)} allowed={allowed} />
            </div>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="grant-add">
            {t('users.addGrant')}
          </Button>
          <Form.ErrorList errors={errors} />
        </>
      )}
    </Form.List>
  );
}
