/** Builds the console once before the browser suites (skipped when its sources are unchanged). */
import { buildConsole } from "../../functions/console/build";

export default async function setup() {
  await buildConsole({ log: (line) => process.stdout.write(`${line}\n`) });
}
