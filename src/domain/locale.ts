/** The wall speaks Chinese or English; every choice between the two asks here. */

/** Whether a locale ('zh-CN', 'zh', 'en') reads Chinese. */
export function isChinese(locale: string): boolean {
  return locale.toLowerCase().startsWith('zh')
}

/** The Chinese or the English of a bilingual text, by locale. */
export function inLocale(text: { zh: string, en: string }, locale: string): string {
  return isChinese(locale) ? text.zh : text.en
}
