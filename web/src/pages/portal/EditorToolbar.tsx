import {
  BoldOutlined,
  DisconnectOutlined,
  ItalicOutlined,
  LinkOutlined,
  LineOutlined,
  OrderedListOutlined,
  RedoOutlined,
  StrikethroughOutlined,
  TableOutlined,
  UnderlineOutlined,
  UndoOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { useEditorState, type Editor } from '@tiptap/react';
import { Button, Divider, Dropdown, Tooltip } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { ImageButton } from './ImageButton.tsx';
import { LinkModal } from './LinkModal.tsx';

interface ToolProps {
  labelKey: MessageKey;
  testId: string;
  active?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}

/** One button of the toolbar: its name as tooltip and accessible label, pressed when its format is on. */
function Tool({ labelKey, testId, active = false, disabled = false, onClick, children }: ToolProps) {
  const { t } = useI18n();
  return (
    <Tooltip title={t(labelKey)} mouseEnterDelay={0.6}>
      <Button
        size="small"
        type={active ? 'primary' : 'text'}
        ghost={active}
        aria-label={t(labelKey)}
        aria-pressed={active}
        disabled={disabled}
        onMouseDown={(event) => event.preventDefault()}
        onClick={onClick}
        data-testid={testId}
      >
        {children}
      </Button>
    </Tooltip>
  );
}

/** Which formats are on at the cursor, read once per change of the editor. */
function useActive(editor: Editor) {
  return useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      h4: e.isActive('heading', { level: 4 }),
      paragraph: e.isActive('paragraph'),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      strike: e.isActive('strike'),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      quote: e.isActive('blockquote'),
      link: e.isActive('link'),
      table: e.isActive('table'),
      undo: e.can().undo(),
      redo: e.can().redo(),
    }),
  });
}

function TableMenu({ editor, inTable }: { editor: Editor; inTable: boolean }) {
  const { t } = useI18n();
  const run = (key: string) => {
    const chain = editor.chain().focus();
    const commands: Record<string, () => boolean> = {
      insert: () => chain.insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
      addRow: () => chain.addRowAfter().run(),
      deleteRow: () => chain.deleteRow().run(),
      addColumn: () => chain.addColumnAfter().run(),
      deleteColumn: () => chain.deleteColumn().run(),
      deleteTable: () => chain.deleteTable().run(),
    };
    commands[key]?.();
  };
  const item = (key: string, labelKey: MessageKey, disabled: boolean) => ({
    key,
    label: <span data-testid={`tool-table-${key}`}>{t(labelKey)}</span>,
    disabled,
  });
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        onClick: ({ key }) => run(key),
        items: [
          item('insert', 'portal.tool.tableInsert', inTable),
          item('addRow', 'portal.tool.tableAddRow', !inTable),
          item('deleteRow', 'portal.tool.tableDeleteRow', !inTable),
          item('addColumn', 'portal.tool.tableAddColumn', !inTable),
          item('deleteColumn', 'portal.tool.tableDeleteColumn', !inTable),
          item('deleteTable', 'portal.tool.tableDelete', !inTable),
        ],
      }}
    >
      <Button size="small" type={inTable ? 'primary' : 'text'} ghost={inTable} aria-label={t('portal.tool.table')} data-testid="tool-table">
        <TableOutlined />
      </Button>
    </Dropdown>
  );
}

/** The editor's toolbar: block formats, emphasis, lists, table, link, image, undo and redo. */
export function EditorToolbar({ editor }: { editor: Editor }) {
  const { t } = useI18n();
  const on = useActive(editor);
  const [linking, setLinking] = useState(false);
  const chain = () => editor.chain().focus();
  const gap = <Divider orientation="vertical" className="xf-portal-tool-gap" />;
  return (
    <div className="xf-portal-toolbar" role="toolbar" aria-label={t('portal.tool.label')} data-testid="editor-toolbar">
      <Tool labelKey="portal.tool.h2" testId="tool-h2" active={on.h2} onClick={() => chain().toggleHeading({ level: 2 }).run()}>
        H2
      </Tool>
      <Tool labelKey="portal.tool.h3" testId="tool-h3" active={on.h3} onClick={() => chain().toggleHeading({ level: 3 }).run()}>
        H3
      </Tool>
      <Tool labelKey="portal.tool.h4" testId="tool-h4" active={on.h4} onClick={() => chain().toggleHeading({ level: 4 }).run()}>
        H4
      </Tool>
      <Tool labelKey="portal.tool.paragraph" testId="tool-paragraph" active={on.paragraph} onClick={() => chain().setParagraph().run()}>
        ¶
      </Tool>
      {gap}
      <Tool labelKey="portal.tool.bold" testId="tool-bold" active={on.bold} onClick={() => chain().toggleBold().run()}>
        <BoldOutlined />
      </Tool>
      <Tool labelKey="portal.tool.italic" testId="tool-italic" active={on.italic} onClick={() => chain().toggleItalic().run()}>
        <ItalicOutlined />
      </Tool>
      <Tool labelKey="portal.tool.underline" testId="tool-underline" active={on.underline} onClick={() => chain().toggleUnderline().run()}>
        <UnderlineOutlined />
      </Tool>
      <Tool labelKey="portal.tool.strike" testId="tool-strike" active={on.strike} onClick={() => chain().toggleStrike().run()}>
        <StrikethroughOutlined />
      </Tool>
      {gap}
      <Tool labelKey="portal.tool.bulletList" testId="tool-bullet" active={on.bullet} onClick={() => chain().toggleBulletList().run()}>
        <UnorderedListOutlined />
      </Tool>
      <Tool labelKey="portal.tool.orderedList" testId="tool-ordered" active={on.ordered} onClick={() => chain().toggleOrderedList().run()}>
        <OrderedListOutlined />
      </Tool>
      <Tool labelKey="portal.tool.quote" testId="tool-quote" active={on.quote} onClick={() => chain().toggleBlockquote().run()}>
        “ ”
      </Tool>
      <Tool labelKey="portal.tool.rule" testId="tool-rule" onClick={() => chain().setHorizontalRule().run()}>
        <LineOutlined />
      </Tool>
      {gap}
      <TableMenu editor={editor} inTable={on.table} />
      <Tool labelKey="portal.tool.link" testId="tool-link" active={on.link} onClick={() => setLinking(true)}>
        <LinkOutlined />
      </Tool>
      <Tool labelKey="portal.tool.unlink" testId="tool-unlink" disabled={!on.link} onClick={() => chain().extendMarkRange('link').unsetLink().run()}>
        <DisconnectOutlined />
      </Tool>
      <ImageButton editor={editor} />
      {gap}
      <Tool labelKey="portal.tool.undo" testId="tool-undo" disabled={!on.undo} onClick={() => chain().undo().run()}>
        <UndoOutlined />
      </Tool>
      <Tool labelKey="portal.tool.redo" testId="tool-redo" disabled={!on.redo} onClick={() => chain().redo().run()}>
        <RedoOutlined />
      </Tool>
      {linking ? <LinkModal editor={editor} onClose={() => setLinking(false)} /> : null}
    </div>
  );
}
