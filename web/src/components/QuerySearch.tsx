import { Input } from 'antd';
import { useEffect, useState } from 'react';

interface QuerySearchProps {
  /** The search text in the page's URL query. */
  value: string | undefined;
  /** A new search text, or undefined when the box is cleared. */
  onSearch: (q: string | undefined) => void;
  placeholder: string;
  width: number;
  maxLength?: number;
  'data-testid'?: string;
}

/**
 * The search box of a list: typing edits the box only, Enter or the button searches, and clearing
 * the box drops the search at once. On a phone it takes the toolbar's whole width. It follows the URL when the query changes elsewhere (back, reset).
 */
export function QuerySearch({ value, onSearch, placeholder, width, maxLength, 'data-testid': testId }: QuerySearchProps) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <Input.Search
      allowClear
      placeholder={placeholder}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        if (event.target.value === '' && value) onSearch(undefined);
      }}
      onSearch={(typed) => onSearch(typed.trim() || undefined)}
      maxLength={maxLength}
      style={{ width }}
      className="xf-query-search"
      data-testid={testId}
    />
  );
}
