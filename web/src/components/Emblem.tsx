interface EmblemProps {
  size?: number;
  title?: string;
}

/**
 * The platform's seal: a red disc in a gold ring, a star over a house whose door is a heart
 * ("happy family"). Drawn in SVG so the app needs no image files.
 */
export function Emblem({ size = 36, title }: EmblemProps) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" role={title ? 'img' : undefined} aria-hidden={title ? undefined : true} className="xf-emblem">
      {title ? <title>{title}</title> : null}
      <circle cx="32" cy="32" r="31" fill="#e9b949" />
      <circle cx="32" cy="32" r="27.5" fill="#b81c22" />
      <circle cx="32" cy="32" r="25" fill="none" stroke="#f3d27a" strokeWidth="1" strokeDasharray="2 2.2" />
      <path d="M32 9.5l2.35 4.77 5.26.76-3.8 3.71.9 5.24L32 21.5l-4.71 2.48.9-5.24-3.8-3.71 5.26-.76z" fill="#f7d774" />
      <path d="M15 36 32 23l17 13" fill="none" stroke="#f7d774" strokeWidth="3.2" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M19.5 34.5V50h25V34.5" fill="none" stroke="#f7d774" strokeWidth="3" strokeLinejoin="round" />
      <path
        d="M32 47.5c-.5-.45-6.5-4.6-6.5-8.6 0-2 1.5-3.4 3.3-3.4 1.4 0 2.5.8 3.2 1.9.7-1.1 1.8-1.9 3.2-1.9 1.8 0 3.3 1.4 3.3 3.4 0 4-6 8.15-6.5 8.6z"
        fill="#f7d774"
      />
    </svg>
  );
}
