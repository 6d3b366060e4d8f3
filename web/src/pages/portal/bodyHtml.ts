/*
 * An article body between the editor and the server. The editor's HTML carries what the server's
 * allow-list refuses (column groups, inline widths, classes and data attributes on tables): it is
 * removed here before anything is sent, so the editor only hears about what the writer put there.
 */

/** Attributes the editor adds for its own use; none is allowed in a published body. */
const EDITOR_ATTRIBUTE = /^(style|class|colwidth|data-.*)$/;
const BLOCKS = new Set(['P', 'H2', 'H3', 'H4', 'LI', 'BLOCKQUOTE', 'TR', 'TH', 'TD', 'CAPTION', 'HR', 'BR', 'TABLE', 'UL', 'OL']);

const parse = (html: string): HTMLElement => new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;

/** The editor's HTML as the server accepts it: no <colgroup>/<col>, no style, class, colwidth or data-* attributes. */
export function cleanEditorHtml(html: string): string {
  const body = parse(html);
  for (const node of Array.from(body.querySelectorAll('colgroup, col'))) node.remove();
  for (const element of Array.from(body.querySelectorAll('*'))) {
    for (const name of element.getAttributeNames()) if (EDITOR_ATTRIBUTE.test(name)) element.removeAttribute(name);
    // Links open in the same tab: the allow-list keeps no target or rel.
    if (element.tagName === 'A') {
      element.removeAttribute('target');
      element.removeAttribute('rel');
    }
  }
  return body.innerHTML;
}

/** The text a reader sees in a body, one block a line, an image as [its alt text] (for comparing two revisions). */
export function bodyText(html: string): string {
  const lines: string[] = [];
  let line = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) line += node.textContent ?? '';
    if (node.nodeType === Node.ELEMENT_NODE && (node as Element).tagName === 'IMG') line += `[${(node as HTMLImageElement).alt}]`;
    for (const child of Array.from(node.childNodes)) walk(child);
    if (node.nodeType === Node.ELEMENT_NODE && BLOCKS.has((node as Element).tagName)) {
      if (line.trim() !== '') lines.push(line.trim());
      line = '';
    }
  };
  walk(parse(html));
  if (line.trim() !== '') lines.push(line.trim());
  return lines.join('\n');
}
