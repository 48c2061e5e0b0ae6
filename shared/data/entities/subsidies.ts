/**
 * Subsidy programs of a province (`PROGRAM#<code>#<v>`), city top-ups (`TOPUP#<programCode>#<v>`)
 * and local programs of a tenant (`LOCALPROG#<code>#<v>`): append-only histories, one immutable
 * item per version holding the whole record, and a head item per code holding only the latest
 * version number (`PROGRAMHEAD#<code>` …, the optimistic lock). A version reads as its record
 * with the version's audit: `version`, `writtenAt`, `writtenBy`.
 */
import * as z from "zod/mini";
import type { Program, TopUp } from "../../domain/subsidies";
import { asStored, itemParser } from "./stored";

/** Who wrote a version (a principal's `sub`, or `demo-seed`). Shown to authenticated callers only. */
export function versionAuditShape() {
  return { version: z.int(), writtenAt: z.string(), writtenBy: z.string() };
}

/** A version item whose record is in `attribute`, read as the record with its audit. */
function historyVersion<R extends object>(attribute: string) {
  const record = asStored<R>();
  return z.pipe(
    z.looseObject(versionAuditShape()),
    z.transform((item) => ({
      ...record.parse(item[attribute]),
      version: item.version,
      writtenAt: item.writtenAt,
      writtenBy: item.writtenBy,
    })),
  );
}

/** A version of a provincial or local program. */
export const programVersionEntity = /* @__PURE__ */ z.lazy(() => historyVersion<Program>("program"));
/** A version of a city's top-up of a provincial program. */
export const topUpVersionEntity = /* @__PURE__ */ z.lazy(() => historyVersion<TopUp>("topUp"));
/** A head item: the latest version of one code. */
export const historyHeadEntity = /* @__PURE__ */ z.lazy(() => z.object({ version: z.int() }));

export type StoredProgram = z.infer<typeof programVersionEntity>;
export type StoredTopUp = z.infer<typeof topUpVersionEntity>;

export const parseProgramVersion = /* @__PURE__ */ itemParser(programVersionEntity);
export const parseTopUpVersion = /* @__PURE__ */ itemParser(topUpVersionEntity);
export const parseHistoryHead = /* @__PURE__ */ itemParser(historyHeadEntity);
