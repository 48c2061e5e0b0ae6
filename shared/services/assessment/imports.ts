/**
 * Spreadsheet templates and imports with a dry run (`functions/api.md` → "Imports with a dry run"). A dry run
 * and a commit take one code path and differ only in the write: a dry run writes nothing; a commit
 * with any error is 422 with the same body and writes nothing; otherwise it writes every row in one
 * transaction, keeping version history exactly as the PUT does.
 *
 * - Targets: the province's targets of every unit in the file, checked by the same rule as the PUT
 *   (`checkTargets`, each > 0), written with `putTargetsBatch` — one transaction of two items per
 *   changed unit plus the rulebook check, so at most 49 changed units per import (422 above that,
 *   nothing written: split the file).
 * - A monthly report: the file becomes the PUT's body and goes through `submitReport` itself (window
 *   and lock 423, If-Match 428/412 and a reason on a revision, value rules and cumulative counts never
 *   decreasing 422), with `dryRun` stopping it just before the write.
 */
import type { Db } from "../../data/client";
import { StaleError, withRetry } from "../../data/retry";
import { tenantYear } from "../../data/stores/reports";
import { findTargets, MAX_TARGETS_PER_TRANSACTION, putTargetsBatch } from "../../data/stores/targets";
import { allTenants } from "../../data/stores/tenancy";
import {
  type Grid,
  type ImportResult,
  type ImportRow,
  type ImportRowError,
  localizeImport,
  readReportImport,
  readTargetsImport,
  reportTemplate,
  reportTextCell,
  reportValueCell,
  summarizeRows,
  targetsTemplate,
} from "../../domain/imports";
import { formatPeriod, parsePeriod } from "../../domain/reporting";
import type { Workbook } from "../../domain/tables";
import { checkTargets } from "../../domain/targets";
import { nowIso } from "../../lib/clock";
import { AppError, type Bilingual, BusinessRuleError, type FieldError } from "../../lib/errors";
import type { IfMatch } from "../../lib/if-match";
import type { Actor } from "../actor";
import { getTenant } from "../tenants";
import { submitReport } from "./reports";
import { requireRulebook, rulebookStillCurrent } from "./year-rulebook";

/** 422 for a commit with errors: the import's body as the problem's extensions, every cell error in `errors`. */
function importRefused(result: ImportResult): BusinessRuleError {
  const errors: FieldError[] = result.rows.flatMap((r) =>
    (r.errors ?? []).map((e) => ({
      path: e.path,
      message: e.message,
      zh: e.zh,
      row: r.row,
      cell: e.cell,
      field: e.field,
    })),
  );
  return new BusinessRuleError(describeErrors(result), {
    errors,
    extensions: (language) => localizeImport(result, language),
  });
}

function describeErrors(result: ImportResult): Bilingual {
  const first = result.rows.find((r) => r.errors?.length)?.errors?.[0];
  const n = result.summary.errors;
  return {
    en: `${n} row${n === 1 ? "" : "s"} of the file cannot be imported, nothing was written${first ? `: ${first.message}` : ""}`,
    zh: `文件中有 ${n} 行不能导入，未写入任何数据${first ? `：${first.zh}` : ""}。`,
  };
}

async function provinceUnits(db: Db, provinceId: string) {
  const tenants = await allTenants(db, provinceId);
  return tenants
    .sort((a, b) => a.displayOrder - b.displayOrder || (a.tenantId < b.tenantId ? -1 : 1))
    .map((t) => ({ tenantId: t.tenantId, name: t.name }));
}

async function currentTargets(db: Db, tenantIds: readonly string[], year: number) {
  const found = await Promise.all(tenantIds.map((t) => findTargets(db, t, year, { consistent: true })));
  return new Map(found.flatMap((t) => (t ? [[t.tenantId, t] as const] : [])));
}

/**
 * What the targets template and its import start from: the year's rulebook (422 without one, `what`
 * says what needs it), the province's units in displayOrder and their current targets.
 */
async function provinceTargetsNow(db: Db, provinceId: string, year: number, what: Bilingual) {
  const rulebook = await requireRulebook(db, provinceId, year, what);
  const units = await provinceUnits(db, provinceId);
  const current = await currentTargets(
    db,
    units.map((u) => u.tenantId),
    year,
  );
  const targetsOf = Object.fromEntries([...current].map(([id, t]) => [id, t.targets]));
  return { rulebook, units, current, targetsOf };
}

/** The province's targets template: every unit in displayOrder, the current targets filled in. */
export async function getTargetsTemplate(db: Db, provinceId: string, year: number): Promise<Workbook> {
  const { rulebook, units, targetsOf } = await provinceTargetsNow(db, provinceId, year, {
    en: "downloading the targets template",
    zh: "下载目标任务模板",
  });
  return targetsTemplate(provinceId, year, rulebook.rulebook, units, targetsOf);
}

export interface ImportInput {
  grid: Grid;
  dryRun: boolean;
  actor: Actor;
}

export async function importTargets(
  db: Db,
  input: ImportInput & { provinceId: string; year: number },
): Promise<ImportResult> {
  const { provinceId, year } = input;
  return withRetry(async () => {
    const { rulebook, units, current, targetsOf } = await provinceTargetsNow(db, provinceId, year, {
      en: "importing targets",
      zh: "导入目标任务",
    });
    const read = readTargetsImport(input.grid, rulebook.rulebook, units, targetsOf);
    // the PUT's own rule on every row read, so an import can never accept what a PUT refuses
    for (const write of read.writes) {
      const ruleErrors = checkTargets(rulebook.rulebook, write.targets);
      if (ruleErrors.length > 0)
        throw new Error(`import of ${write.tenantId} passed a targets rule: ${ruleErrors[0]?.message}`);
    }
    const result = summarizeRows(input.dryRun, read.rows);
    if (input.dryRun) return result;
    if (result.summary.errors > 0) throw importRefused(result);
    if (read.writes.length > MAX_TARGETS_PER_TRANSACTION)
      throw new BusinessRuleError(
        {
          en: `the file changes the targets of ${read.writes.length} units; one import changes at most ${MAX_TARGETS_PER_TRANSACTION} (one transaction): split the file`,
          zh: `文件修改了 ${read.writes.length} 个单位的目标任务，一次导入最多修改 ${MAX_TARGETS_PER_TRANSACTION} 个单位：请分成几个文件导入。`,
        },
        {
          errors: [
            {
              path: "body",
              message: `at most ${MAX_TARGETS_PER_TRANSACTION} changed units per import`,
              zh: `每次导入最多修改 ${MAX_TARGETS_PER_TRANSACTION} 个单位`,
            },
          ],
        },
      );
    await putTargetsBatch(db, {
      provinceId,
      year,
      writes: read.writes.map((w) => ({ ...w, knownVersion: current.get(w.tenantId)?.version ?? null })),
      at: nowIso(),
      by: input.actor.sub,
      conditions: [rulebookStillCurrent(db, rulebook)],
      onStale: () =>
        new StaleError({
          en: `the ${year} targets changed meanwhile; retry`,
          zh: `${year}年度目标任务刚被修改，请重试。`,
        }),
    });
    return result;
  });
}

/** The previous month of the same year, or null for January. */
function previousPeriod(period: string): string | null {
  const { year, month } = parsePeriod(period);
  return month === 1 ? null : formatPeriod(year, month - 1);
}

/** A city's report template of one period: target, previous period's value, the current value if reported. */
export async function getReportTemplate(
  db: Db,
  tenantId: string,
  year: number,
  period: string,
): Promise<Workbook> {
  const tenant = await getTenant(db, tenantId);
  const rulebook = await requireRulebook(db, tenant.provinceId, year, {
    en: "downloading the report template",
    zh: "下载定期调度报表模板",
  });
  const [targets, { reports }] = await Promise.all([
    findTargets(db, tenantId, year),
    tenantYear(db, tenantId, year),
  ]);
  const before = previousPeriod(period);
  const previous = reports.find((r) => r.period === before);
  const current = reports.find((r) => r.period === period);
  return reportTemplate(
    { tenantId, name: tenant.name },
    period,
    rulebook.rulebook,
    targets?.targets,
    previous?.values,
    current ? { values: current.values, source: current.source } : undefined,
  );
}

/** `body.values.x` / `body.reason` / `body.source` of a PUT error, as the import's cell. */
function cellOfError(
  path: string,
  read: ReturnType<typeof readReportImport>,
  names: Map<string, string>,
): { row: number; error: ImportRowError } | undefined {
  const value = /^body\.values\.(.+)$/.exec(path);
  if (value?.[1] !== undefined) {
    const code = value[1];
    const row = read.rowOf.get(code);
    if (row === undefined) return undefined;
    const cell = reportValueCell(row);
    return {
      row,
      error: {
        path: `${cell}:values.${code}`,
        cell,
        field: `values.${code}`,
        message: `${cell} ${names.get(code) ?? code} (${code})`,
        zh: `${cell}：${names.get(code) ?? code}`,
      },
    };
  }
  const text = /^body\.(reason|source)$/.exec(path)?.[1];
  if (text) {
    const row = text === "reason" ? read.reasonRow : read.sourceRow;
    const cell = reportTextCell(row);
    return {
      row,
      error: {
        path: `${cell}:${text}`,
        cell,
        field: text,
        message: `${cell} ${text === "reason" ? "修改原因" : "来源"} (${text})`,
        zh: `${cell}：${text === "reason" ? "修改原因" : "来源"}`,
      },
    };
  }
  return undefined;
}

export async function importReport(
  db: Db,
  input: ImportInput & { tenantId: string; year: number; period: string; ifMatch: IfMatch | undefined },
): Promise<ImportResult> {
  const { tenantId, year, period } = input;
  const tenant = await getTenant(db, tenantId);
  const rulebook = await requireRulebook(db, tenant.provinceId, year, {
    en: "importing a report",
    zh: "导入月度数据",
  });
  const read = readReportImport(input.grid, rulebook.rulebook, period);
  const names = new Map(rulebook.rulebook.indicators.map((i) => [i.code, i.name]));
  const current = (await tenantYear(db, tenantId, year, { consistent: true })).reports.find(
    (r) => r.period === period,
  );

  const rowErrors = new Map<number, ImportRowError[]>();
  const addError = (row: number, error: ImportRowError) =>
    rowErrors.set(row, [...(rowErrors.get(row) ?? []), error]);
  for (const e of read.errors) addError(Number(/\d+$/.exec(e.cell)?.[0]), e);

  if (read.errors.length === 0) {
    try {
      await submitReport(db, {
        tenantId,
        year,
        period,
        report: {
          values: read.values,
          source: read.source,
          ...(read.reason !== undefined ? { reason: read.reason } : {}),
        },
        ifMatch: input.ifMatch,
        actor: input.actor,
        dryRun: input.dryRun,
      });
    } catch (error) {
      // a rule on the values or the reason: the cells that break it; anything else (423, 428, 412) as the PUT answers
      const cells =
        error instanceof AppError && (error.status === 422 || error.status === 400)
          ? (error.errors ?? []).map((e) => ({ e, at: cellOfError(e.path, read, names) }))
          : [];
      if (cells.length === 0 || cells.some((c) => c.at === undefined)) throw error;
      for (const { e, at } of cells)
        if (at)
          addError(at.row, {
            ...at.error,
            message: `${at.error.message}: ${e.message}`,
            zh: `${at.error.zh}：${e.zh}`,
          });
    }
  }

  const rows: ImportRow[] = rulebook.rulebook.indicators.map((ind) => {
    const row = read.rowOf.get(ind.code) ?? 0;
    const errors = rowErrors.get(row);
    if (errors) return { row, key: ind.code, status: "error", errors };
    const from =
      current && Object.hasOwn(current.values, ind.code) ? (current.values[ind.code] ?? null) : null;
    const to = Object.hasOwn(read.values, ind.code) ? (read.values[ind.code] ?? null) : null;
    if (from === to) return { row, key: ind.code, status: "unchanged" };
    return {
      row,
      key: ind.code,
      status: from === null && !current ? "created" : "updated",
      changes: [{ field: `values.${ind.code}`, from, to }],
    };
  });
  for (const [key, row, from, to] of [
    ["source", read.sourceRow, current?.source ?? null, read.source],
    ["reason", read.reasonRow, null, read.reason ?? null],
  ] as const) {
    const errors = rowErrors.get(row);
    if (errors) rows.push({ row, key, status: "error", errors });
    else if (key === "source" || to !== null)
      rows.push(
        from === to
          ? { row, key, status: "unchanged" }
          : { row, key, status: current ? "updated" : "created", changes: [{ field: key, from, to }] },
      );
  }
  const result = summarizeRows(input.dryRun, rows);
  // a commit with errors never reached the write (the errors are the PUT's own refusals, or parse errors)
  if (!input.dryRun && result.summary.errors > 0) throw importRefused(result);
  return result;
}
