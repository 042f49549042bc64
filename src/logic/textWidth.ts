/** Text widths estimated without a canvas, for choosing what fits before anything is drawn. */

/**
 * Rough width of a line of text in em of its font, for choosing what fits a label before it is
 * drawn: CJK and full-width characters 1 em, digits and Latin letters about 0.6 em (Noto Sans SC),
 * punctuation and spaces about 0.3 em. Errs on the wide side.
 */
export function textWidthEm(text: string): number {
  let em = 0
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    // CJK, their punctuation and the full-width forms lie above U+2E80; a CJK font sets curly quotes full width too
    if (code >= 0x2E80 || (code >= 0x2018 && code <= 0x201F))
      em += 1
    else if (/[\s.,:;'`|!()\-–]/.test(char))
      em += 0.3
    else
      em += 0.6
  }
  return em
}

/**
 * Width of a KPI figure in em of its digits' font: tabular digits 0.6 em, separators 0.3 em,
 * then the unit after a 0.2 em gap at `unitScale` of the digits' size. Noto Sans SC bold, as measured
 * on the wall: '876.8312' is 4.46 em.
 */
export function figureWidthEm(digits: string, unit: string, unitScale: number): number {
  let em = 0
  for (const char of digits)
    em += /\d/.test(char) ? 0.6 : 0.3
  return em + (unit ? (0.2 + textWidthEm(unit)) * unitScale : 0)
}
