/**
 * The demo province's 2019 results: a scoring run of the 2019 data the assessment seed loaded,
 * and the 2019 circular (吉政函〔2020〕33号) drafted with the real circular's prose
 * (`../demo/circular-2019.json`) by one admin, approved by another and published — through the
 * same services the API uses. Skipped when a 2019 circular is already published.
 */
import { readFileSync } from "node:fs";
import type { Db } from "../../../shared/data/client";
import { publishedCircularOfYear } from "../../../shared/data/stores/circulars";
import { findRulebook } from "../../../shared/data/stores/rulebooks";
import { type CircularProseEdits, circularProseSchema } from "../../../shared/domain/circular";
import { nowIso } from "../../../shared/lib/clock";
import {
  approveCircular,
  type CircularResponse,
  createCircular,
  editCircular,
  publishCircular,
} from "../../../shared/services/circulars";
import { createScoringRun } from "../../../shared/services/scoring";
import type { DemoData, SeedLog } from "./index";

type Highlights = Record<string, { employment?: string; entrepreneurship?: string }>;

interface DemoCircular {
  provinceId: string;
  year: number;
  createdBy: string;
  approvedBy: string;
  prose: unknown;
  highlights: Highlights;
}

export function loadDemoCircular(): DemoCircular {
  return JSON.parse(
    readFileSync(new URL("../demo/circular-2019.json", import.meta.url), "utf8"),
  ) as DemoCircular;
}

/** The demo file's highlight for every city whose own (stored) highlight of that kind is missing. */
function missingHighlights(
  draft: CircularResponse,
  highlights: Highlights,
): CircularProseEdits["highlights"] {
  const edits: NonNullable<CircularProseEdits["highlights"]> = {};
  for (const unit of draft.document.units) {
    const mine = highlights[unit.tenantId];
    if (!mine) continue;
    for (const kind of ["employment", "entrepreneurship"] as const) {
      const text = mine[kind];
      const has = draft.document.highlights[kind].some((h) => h.tenantId === unit.tenantId);
      if (text && !has) edits[unit.tenantId] = { ...edits[unit.tenantId], [kind]: text };
    }
  }
  return Object.keys(edits).length > 0 ? edits : undefined;
}

export async function seedScoringAndCircular(db: Db, demo: DemoData, log: SeedLog): Promise<void> {
  const provinceId = demo.province.id;
  const year = demo.year;
  if (await publishedCircularOfYear(db, provinceId, year)) {
    log(`  ${year} circular already published`);
    return;
  }
  if (!(await findRulebook(db, provinceId, year, { consistent: true }))) {
    log(`  no ${year} rulebook loaded: scoring run and circular skipped`);
    return;
  }
  const file = loadDemoCircular();
  const prose = circularProseSchema.parse(file.prose);

  const run = await createScoringRun(db, { provinceId, year, by: file.createdBy, at: nowIso() });
  const grades = Object.entries(run.gradeCounts)
    .filter(([, n]) => n > 0)
    .map(([grade, n]) => `${n} ${grade}`)
    .join(", ");

  const step = { provinceId, year };
  let draft = await createCircular(db, {
    ...step,
    by: file.createdBy,
    at: nowIso(),
    runId: run.runId,
    prose,
  });
  const highlights = missingHighlights(draft, file.highlights);
  if (highlights) {
    draft = await editCircular(db, {
      ...step,
      circularId: draft.circularId,
      edits: { highlights },
      ifMatch: { kind: "version", version: draft.version },
      by: file.createdBy,
      at: nowIso(),
    });
  }
  const ids = { ...step, circularId: draft.circularId };
  const approved = await approveCircular(db, {
    ...ids,
    ifMatch: { kind: "version", version: draft.version },
    by: file.approvedBy,
    at: nowIso(),
  });
  const published = await publishCircular(db, {
    ...ids,
    ifMatch: { kind: "version", version: approved.version },
    by: file.createdBy,
    at: nowIso(),
  });
  log(`  scoring run ${run.runId}: ${run.tenantCount} tenants (${grades})`);
  log(
    `  circular ${published.documentNo} published as ${published.circularId} (sha256 ${(published.sha256 ?? "").slice(0, 12)}…)`,
  );
}
