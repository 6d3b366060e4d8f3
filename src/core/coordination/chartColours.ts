/**
 * The bulletins' chart colours, one palette for the printed .docx (drawn on the server) and the
 * page that shows the same bulletin: restrained, as a printed government report wants.
 */
export const BULLETIN_COLOURS = {
  completeness: '#1f4e79',
  timeliness: '#c0504d',
  indicator: '#1f4e79',
  text: '#222222',
  axis: '#595959',
  grid: '#d9d9d9',
} as const;
