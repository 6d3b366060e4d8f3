/** The body font of an official document (仿宋), with what a machine without it may have. */
export const DOCUMENT_FONT =
  '"FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong", "华文仿宋", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", serif';
