/**
 * Exact decimal arithmetic for scores and money (no binary floating point).
 *
 * A private big.js constructor so its settings cannot be changed by other code:
 * divisions keep 20 decimal places internally and every rounding is half-up.
 */
import Big from "big.js";

export type Decimal = Big;

const D = Big();
D.DP = 20;
D.RM = Big.roundHalfUp;
D.NE = -30;
D.PE = 30;

/** A decimal from a JSON number or a decimal string. Throws on NaN/Infinity. */
export function dec(value: number | string | Decimal): Decimal {
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new RangeError(`not a finite number: ${value}`);
  }
  return new D(value);
}

export const ZERO: Decimal = new D(0);

/** Round half-up to `dp` decimal places (default 2). */
export function roundHalfUp(value: Decimal, dp = 2): Decimal {
  return value.round(dp, Big.roundHalfUp);
}

/** `round2(a / b)` computed exactly: the quotient is correctly rounded half-up, not truncated first. */
export function divRound(a: Decimal, b: Decimal, dp = 2): Decimal {
  const saved = D.DP;
  D.DP = dp;
  try {
    return a.div(b);
  } finally {
    D.DP = saved;
  }
}

/** Fixed-point string with exactly `dp` decimals, e.g. `"96.70"`. */
export function fixed(value: Decimal, dp = 2): string {
  return value.toFixed(dp, Big.roundHalfUp);
}

/**
 * A quantity that is exact but usually has 2 decimals (points): at least 2 decimals, more only
 * when the exact value has them (`7.5` → `"7.50"`, `7.125` → `"7.125"`). Never rounds.
 */
export function exact2(value: Decimal): string {
  const plain = value.toFixed();
  const decimals = plain.includes(".") ? plain.length - plain.indexOf(".") - 1 : 0;
  return decimals > 2 ? plain : value.toFixed(2);
}

export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce((acc, v) => acc.plus(v), ZERO);
}

export function min(a: Decimal, b: Decimal): Decimal {
  return a.lt(b) ? a : b;
}

export function max(a: Decimal, b: Decimal): Decimal {
  return a.gt(b) ? a : b;
}

/** Plain JSON number for a decimal that is known to be exactly representable for display (e.g. 2 decimals). */
export function toNumber(value: Decimal): number {
  return Number(value.toString());
}
