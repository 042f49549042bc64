/** The translator the pure functions write their words with: vue-i18n's `t`, narrowed so tests can pass a stub. */
export type Translate = (key: string, named?: Record<string, unknown>) => string
