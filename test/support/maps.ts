import { expect, it } from "vitest";

/**
 * States once that `f` maps each input to its expected output: one test a row, named by the
 * `it.each` template `title` over the input and the expected output.
 */
export function itMaps<I, O>(title: string, f: (input: I) => O, rows: readonly (readonly [I, O])[]) {
  it.each(rows.map((row) => [...row] as [I, O]))(title, (input, expected) => {
    expect(f(input)).toBe(expected);
  });
}
