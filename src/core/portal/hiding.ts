/**
 * The ways a page hides a block from its readers while crawlers still read it: an element's own
 * style (display:none, off-screen, zero size, text the colour of its background, transparent),
 * the `hidden` attribute, or a class or id a <style> block of the page hides.
 */

/** The declarations of a style attribute or rule body: property → value, lower case, without !important. */
export function declarations(style: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of style.split(';')) {
    const colon = part.indexOf(':');
    if (colon < 0) continue;
    const name = part.slice(0, colon).trim().toLowerCase();
    const value = part
      .slice(colon + 1)
      .replace(/!\s*important/i, '')
      .trim()
      .toLowerCase();
    if (name !== '' && value !== '') out.set(name, value);
  }
  return out;
}

/** A length in pixels (px, em and rem at 16px, pt), or null when it is not one. */
function pixels(value: string | undefined): number | null {
  const m = /^(-?\d*\.?\d+)(px|em|rem|pt|)$/.exec(value?.trim() ?? '');
  if (!m) return null;
  const n = Number(m[1]);
  return m[2] === 'em' || m[2] === 'rem' ? n * 16 : m[2] === 'pt' ? (n * 4) / 3 : n;
}

/** Far enough off the page that no screen shows it. */
const FAR = -500;

const NAMED: Record<string, string> = { white: '#ffffff', black: '#000000', red: '#ff0000', transparent: 'transparent' };

/** A colour in one spelling (#rrggbb), so `#fff`, `white` and `rgb(255,255,255)` compare equal. */
function colour(value: string | undefined): string | null {
  if (value === undefined) return null;
  const v = value.replace(/\s+/g, '');
  if (NAMED[v] !== undefined) return NAMED[v];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(v);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  if (/^#[0-9a-f]{6}$/.test(v)) return v;
  const rgb = /^rgba?\((\d{1,3}),(\d{1,3}),(\d{1,3})(?:,[\d.]+)?\)$/.exec(v);
  if (rgb) return `#${[rgb[1], rgb[2], rgb[3]].map((c) => Number(c).toString(16).padStart(2, '0')).join('')}`;
  return v;
}

const zero = (value: string | undefined): boolean => {
  const px = pixels(value);
  return px !== null && px <= 1;
};

/** Why these declarations hide what they apply to, or null when they do not. */
export function hidingReason(d: Map<string, string>): string | null {
  if (d.get('display') === 'none') return 'display:none';
  const visibility = d.get('visibility');
  if (visibility === 'hidden' || visibility === 'collapse') return `visibility:${visibility}`;
  const position = d.get('position');
  if (position === 'absolute' || position === 'fixed') {
    for (const side of ['left', 'top', 'right', 'bottom']) {
      const px = pixels(d.get(side));
      if (px !== null && px <= FAR) return `position:${position}; ${side}:${d.get(side)}`;
    }
  }
  for (const side of ['margin-left', 'margin-top', 'text-indent']) {
    const px = pixels(d.get(side));
    if (px !== null && px <= FAR) return `${side}:${d.get(side)}`;
  }
  if (zero(d.get('font-size'))) return `font-size:${d.get('font-size')}`;
  const overflow = d.get('overflow');
  if (overflow === 'hidden' || overflow === 'clip') {
    for (const size of ['width', 'height', 'max-width', 'max-height', 'line-height'])
      if (zero(d.get(size))) return `${size}:${d.get(size)}; overflow:${overflow}`;
  }
  const opacity = Number(d.get('opacity') ?? '1');
  if (Number.isFinite(opacity) && opacity <= 0.05) return `opacity:${d.get('opacity')}`;
  const fg = colour(d.get('color'));
  const bg = colour(d.get('background-color') ?? d.get('background'));
  if (fg !== null && fg === bg) return `color:${d.get('color')} on background ${d.get('background-color') ?? d.get('background')}`;
  if (fg === 'transparent') return 'color:transparent';
  return null;
}

/** Classes and ids a <style> block hides, with why: `.x{display:none}`, `#y{left:-9999px;position:absolute}`. */
export function hiddenSelectors(css: string): Map<string, string> {
  const out = new Map<string, string>();
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const rule of text.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const reason = hidingReason(declarations(rule[2] ?? ''));
    if (reason === null) continue;
    for (const selector of (rule[1] ?? '').split(',')) {
      const simple = /^\s*(?:[a-z0-9]*)([.#][\w-]+)\s*$/i.exec(selector);
      if (simple?.[1]) out.set(simple[1], reason);
    }
  }
  return out;
}
