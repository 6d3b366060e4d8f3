import { describe, expect, it } from 'vitest';
import { safeContentType } from './contentType.ts';

describe('safeContentType', () => {
  it('keeps the types of documents, spreadsheets, images and plain text, without parameters', () => {
    expect(safeContentType('application/pdf')).toBe('application/pdf');
    expect(safeContentType('IMAGE/JPEG; name=x')).toBe('image/jpeg');
    expect(safeContentType('text/plain; charset=utf-8')).toBe('text/plain');
    expect(safeContentType('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });

  it('serves anything a browser could run, or does not know, as application/octet-stream', () => {
    for (const type of [
      'text/html',
      'text/html; charset=utf-8',
      'image/svg+xml',
      'application/xhtml+xml',
      'text/xml',
      'application/xml',
      'text/javascript',
      'application/javascript',
      'multipart/x-mixed-replace',
      'application/x-shockwave-flash',
      '',
      'nonsense',
      ' ',
    ]) {
      expect(safeContentType(type), type).toBe('application/octet-stream');
    }
    expect(safeContentType(null)).toBe('application/octet-stream');
    expect(safeContentType(undefined)).toBe('application/octet-stream');
  });
});
