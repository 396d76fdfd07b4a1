/**
 * Rounding as Excel's ROUND does it — the methodists check Око's numbers against Excel: half away
 * from zero, applied to the decimal number as Excel shows it (15 significant digits), not to the
 * binary double. 10.975 is stored as 10.97499999999999964…, so rounding the double gives 10.97;
 * Excel, school arithmetic and Око give 10.98. SQL's ROUND is the same function
 * (core/schema/sql-functions.ts), so SQL results and JS formatting agree.
 */

/** What Excel keeps of a number: 15 significant decimal digits. */
const SIGNIFICANT = 15;

/**
 * `value` rounded half away from zero at `digits` decimals (negative: tens, hundreds, as
 * ROUND(1234; -2) = 1200 in Excel). Not a finite number: returned as it is.
 */
export function excelRound(value: number, digits = 0): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const places = Math.max(-30, Math.min(30, Math.trunc(digits)));
  // SQL calls this once per output row: most values are nowhere near a half, and for them the
  // double rounds as its decimal does (both errors are below 1e-6 of a unit while scaled < 1e9)
  if (places >= 0 && places <= 22) {
    const scaled = Math.abs(value) * 10 ** places;
    if (scaled < 1e9 && Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-6) {
      const rounded = Math.round(scaled);
      return rounded === 0 ? 0 : (Math.sign(value) * rounded) / 10 ** places;
    }
  }
  const [mantissa, exponent = '0'] = Math.abs(value).toPrecision(SIGNIFICANT).split('e');
  // parsed from text, the shifted decimal is exact at the half: '10.9750…e2' is 1097.5
  const shifted = Number(`${mantissa}e${Number(exponent) + places}`);
  if (shifted >= 2 ** 52) return value; // no fraction left at this precision
  const rounded = Math.round(shifted); // ≥ 0 here: half up is half away from zero
  if (rounded === 0) return 0; // never «−0»
  return Math.sign(value) * Number(`${rounded}e${-places}`);
}
