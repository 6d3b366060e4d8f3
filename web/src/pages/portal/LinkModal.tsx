import type { Editor } from '@tiptap/react';
import { Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/index.ts';

/** Asks for a link's address: the selected text becomes the link, or the address itself is inserted. */
export function LinkModal({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const { t } = useI18n();
  const current = (editor.getAttributes('link') as { href?: string }).href ?? '';
  const [href, setHref] = useState(current || 'https://');

  const apply = () => {
    const url = href.trim();
    const chain = editor.chain().focus().extendMarkRange('link');
    if (url === '' || url === 'https://') chain.unsetLink().run();
    else if (editor.state.selection.empty && !editor.isActive('link'))
      chain.insertContent({ type: 'text', text: url, marks: [{ type: 'link', attrs: { href: url } }] }).run();
    else chain.setLink({ href: url }).run();
    onClose();
  };

  return (
    <Modal open title={t('portal.link.title')} onOk={apply} onCancel={onClose} destroyOnHidden okButtonProps={{ 'data-testid': 'link-ok' }}>
      <Typography.Paragraph type="secondary">{t('portal.link.help')}</Typography.Paragraph>
      <Input
        autoFocus
        value={href}
        onChange={(event) => setHref(event.target.value)}
        onPressEnter={apply}
        inputMode="url"
        aria-label={t('portal.link.url')}
        data-testid="link-url"
      />
    </Modal>
  );
}
