import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Popconfirm, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useShowError } from '../../api/errors.ts';
import { useAddLinkDomain, useLinkDomains, useRemoveLinkDomain } from '../../api/portal.ts';
import type { LinkDomain } from '../../api/portalTypes.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { formatDateTime, useI18n, type I18n } from '../../i18n/index.ts';
import { PortalTabs } from './PortalTabs.tsx';
import { usePortalRole } from './portalFormat.ts';

function domainColumns({ t }: I18n, removeCell: ((d: LinkDomain) => React.ReactNode) | null): TableColumnsType<LinkDomain> {
  return [
    { key: 'domain', title: t('portal.domains.domain'), render: (_, d) => <code data-testid={`domain-${d.domain}`}>{d.domain}</code> },
    { key: 'note', title: t('portal.domains.note'), render: (_, d) => d.note || <span className="xf-muted">—</span> },
    { key: 'addedBy', title: t('portal.domains.addedBy'), width: 140, render: (_, d) => d.addedBy },
    { key: 'addedAt', title: t('portal.domains.addedAt'), width: 150, render: (_, d) => <span className="xf-num">{formatDateTime(d.addedAt)}</span> },
    ...(removeCell ? [{ key: 'remove', title: '', width: 90, render: (_: unknown, d: LinkDomain) => removeCell(d) }] : []),
  ];
}

/** 添加: a domain and why it may be linked to. */
function AddDomainForm() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const add = useAddLinkDomain();
  const [form] = Form.useForm<{ domain: string; note: string }>();
  const submit = (v: { domain: string; note: string }) =>
    add.mutate(
      { domain: v.domain.trim().toLowerCase(), note: (v.note ?? '').trim() },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('portal.domains.added'));
        },
        onError: showError,
      },
    );
  return (
    <Form form={form} layout="inline" onFinish={submit} className="xf-portal-domain-form">
      <Form.Item name="domain" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('portal.domains.domain') }) }]}>
        <Input placeholder="www.example.gov.cn" maxLength={253} aria-label={t('portal.domains.domain')} data-testid="domain-input" />
      </Form.Item>
      <Form.Item name="note" className="xf-grow">
        <Input placeholder={t('portal.domains.notePlaceholder')} maxLength={200} aria-label={t('portal.domains.note')} data-testid="domain-note" />
      </Form.Item>
      <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending} data-testid="domain-add">
        {t('portal.domains.add')}
      </Button>
    </Form>
  );
}

/** 外部链接白名单: the district's own hosts, and the outside domains articles may link to (approvers edit it). */
export function DomainsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const showError = useShowError();
  const { approve } = usePortalRole();
  const domains = useLinkDomains();
  const remove = useRemoveLinkDomain();
  const removeCell = (d: LinkDomain) => (
    <Popconfirm title={t('portal.domains.removeConfirm', { domain: d.domain })} onConfirm={() => remove.mutate(d.domain, { onError: showError })}>
      <Button size="small" danger icon={<DeleteOutlined />} data-testid={`domain-remove-${d.domain}`}>
        {t('portal.domains.remove')}
      </Button>
    </Popconfirm>
  );

  return (
    <div className="xf-stack" data-testid="portal-domains-page">
      <PortalTabs />
      <Card title={t('portal.domains.title')}>
        <Typography.Paragraph type="secondary">{t('portal.domains.intro')}</Typography.Paragraph>
        {domains.isError && !domains.data ? (
          <QueryError error={domains.error} onRetry={() => void domains.refetch()} />
        ) : (
          <div className="xf-stack">
            <div data-testid="own-hosts">
              <Typography.Text strong>{t('portal.domains.own')}</Typography.Text>{' '}
              {(domains.data?.ownHosts ?? []).length === 0 ? (
                <Typography.Text type="secondary">{t('portal.domains.ownNone')}</Typography.Text>
              ) : (
                <Space size={4} wrap>
                  {(domains.data?.ownHosts ?? []).map((host) => (
                    <Tag key={host} color="blue">
                      {host}
                    </Tag>
                  ))}
                </Space>
              )}
            </div>
            {approve ? <AddDomainForm /> : <Typography.Text type="secondary">{t('portal.domains.readOnly')}</Typography.Text>}
            <ResponsiveTable<LinkDomain>
              rowKey="domain"
              size="middle"
              columns={domainColumns(i18n, approve ? removeCell : null)}
              dataSource={domains.data?.items ?? []}
              loading={domains.isFetching}
              locale={{ emptyText: domains.isPending ? ' ' : t('portal.domains.empty') }}
              pagination={false}
              data-testid="domains-table"
            />
          </div>
        )}
      </Card>
    </div>
  );
}
