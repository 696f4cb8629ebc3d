/** The categories of messages (消息, SPEC §9) the processes send, with their Chinese names. */
export const MESSAGE_CATEGORY_NAMES: Readonly<Record<string, string>> = {
  application: '办件进度',
  'business-category': '经营类别',
  certificate: '证书',
  employment: '聘用关系',
};

/** The Chinese name of a category; an unknown one (a diagram's new header) reads 其他. */
export const messageCategoryName = (category: string): string =>
  MESSAGE_CATEGORY_NAMES[category] ?? '其他';
