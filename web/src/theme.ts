import type { ThemeConfig } from 'antd';

/** Government red, used for the header, primary buttons and the selected menu item. */
export const BRAND_RED = '#b81c22';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND_RED,
    colorLink: '#1f4e8c',
    borderRadius: 4,
    fontSize: 14,
    fontFamily:
      '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    colorBgLayout: '#f3f4f7',
  },
  components: {
    Layout: { headerBg: BRAND_RED, siderBg: '#ffffff', triggerBg: '#f7f7f9', triggerColor: '#555', bodyBg: '#f3f4f7' },
    Menu: { itemSelectedBg: '#fbeaea', itemSelectedColor: BRAND_RED, itemBorderRadius: 4, itemMarginInline: 8 },
    Table: { headerBg: '#f6f7f9', cellPaddingBlockMD: 10, cellPaddingInlineMD: 12 },
    Card: { headerFontSize: 15 },
  },
};
