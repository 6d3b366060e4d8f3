import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import { useEffect } from 'react';
import { useI18n } from '../../i18n/index.ts';
import { EditorToolbar } from './EditorToolbar.tsx';

/**
 * What the editor offers is what the portal's allow-list accepts: headings 2–4, paragraphs,
 * emphasis, lists, quotes, rules, tables, links and uploaded images; no code, no colours, no styles.
 */
const extensions = [
  StarterKit.configure({
    code: false,
    codeBlock: false,
    heading: { levels: [2, 3, 4] },
    // No target or rel: the allow-list keeps neither; a link is followed from the public page, not here.
    link: { openOnClick: false, HTMLAttributes: { target: null, rel: null, class: null } },
  }),
  Table.configure({ resizable: false }),
  TableRow,
  TableHeader,
  TableCell,
  Image.configure({ inline: false, allowBase64: false }),
];

interface Props {
  /** The body to start from (the form starts again, with a new editor, for another revision). */
  initialHtml: string;
  /** The body as the editor first holds it, its schema applied: what "unchanged" means. */
  onReady: (html: string) => void;
  onChange: (html: string) => void;
  readOnly?: boolean;
}

/** The article body's rich-text editor with its toolbar. */
export function RichEditor({ initialHtml, onReady, onChange, readOnly = false }: Props) {
  const { t } = useI18n();
  const editor: Editor | null = useEditor({
    extensions,
    content: initialHtml,
    editable: !readOnly,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: { attributes: { 'aria-label': t('portal.form.body'), 'aria-multiline': 'true', role: 'textbox', 'data-testid': 'article-body' } },
    onCreate: ({ editor: e }) => onReady(e.getHTML()),
    onUpdate: ({ editor: e, transaction }) => {
      if (transaction.docChanged) onChange(e.getHTML());
    },
  });

  useEffect(() => {
    editor?.setEditable(!readOnly);
  }, [editor, readOnly]);

  if (!editor) return null;
  return (
    <div className="xf-portal-editor">
      {readOnly ? null : <EditorToolbar editor={editor} />}
      {/* The article as its author wrote it (data-verbatim: not the app’s own words). */}
      <EditorContent editor={editor} className="xf-portal-editor-content" data-verbatim />
    </div>
  );
}
