/**
 * The contract travels with the code: every document a source comment, a README or a design
 * document names (`functions/api.md`, `shared/domain/scoring/scoring.md`, a markdown link) is a file
 * of this repository, so a clone has everything its code cites.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";

const root = process.cwd();
const tracked = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
  cwd: root,
  encoding: "utf8",
})
  .split("\n")
  .filter((f) => /\.(ts|vue|md)$/.test(f) && existsSync(join(root, f)));

/** Every `….md` a file names, with the places it could mean: from the repository root or beside the file. */
function namedDocuments(file: string): Array<{ name: string; candidates: string[] }> {
  const text = readFileSync(join(root, file), "utf8");
  const found: Array<{ name: string; candidates: string[] }> = [];
  const markdownLink = /\]\(([^)\s#]+\.(?:md|png))(?:#[^)]*)?\)/g;
  const mention = /(?<![\w/.@-])((?:\.{1,2}\/)*[\w-]+(?:\/[\w.-]+)*\.md)\b/g;
  for (const pattern of [markdownLink, mention]) {
    for (const match of text.matchAll(pattern)) {
      const name = match[1] ?? "";
      if (/^https?:/.test(name)) continue;
      found.push({
        name,
        candidates: [normalize(join(root, name)), normalize(join(root, dirname(file), name))],
      });
    }
  }
  return found;
}

describe("documents the repository names", () => {
  it("are all in the repository", () => {
    const missing = tracked.flatMap((file) =>
      namedDocuments(file)
        .filter((d) => !d.candidates.some((c) => c.startsWith(root) && existsSync(c)))
        .map((d) => `${file}: ${d.name}`),
    );
    expect(missing).toEqual([]);
  });

  it("include the contract and the rules beside the code they govern", () => {
    for (const doc of [
      "functions/api.md",
      "functions/console/console.md",
      "shared/domain/scoring/scoring.md",
      "shared/domain/subsidies/subsidies.md",
      "shared/domain/circular/circular.md",
      "shared/domain/product.md",
      "shared/architecture.md",
      "shared/decisions/README.md",
    ])
      expect(existsSync(join(root, doc)), doc).toBe(true);
  });
});
