/** Field paths of problem details as the console compares them. Pure, no DOM. */

/**
 * A field path in the one form the console's pages use: dots only (`body.indicators.0.unit`,
 * `body.gradeQuotas.优秀`), whether the API wrote an index or an odd key in brackets
 * (`body.indicators[0].unit`, `body.gradeQuotas["优秀"]`).
 */
export function dotPath(path: string): string {
  return path.replace(/\[(\d+)\]/g, ".$1").replace(/\["((?:[^"\\]|\\.)*)"\]/g, (_, key: string) => {
    try {
      return `.${JSON.parse(`"${key}"`) as string}`;
    } catch {
      return `.${key}`;
    }
  });
}
