import { Grid } from 'antd';

/**
 * True below Ant Design's md breakpoint (768 px): a phone, where the menu is a drawer, wide lists
 * become cards and forms stack. Until the first measurement the answer is "not a phone".
 */
export function useIsPhone(): boolean {
  return Grid.useBreakpoint().md === false;
}
