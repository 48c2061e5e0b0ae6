import type { Db } from "../../../shared/data/client";
import type { DemoData, SeedLog } from "./index";

/** (being built) */
export async function seedAssessment(_db: Db, _demo: DemoData, _log: SeedLog): Promise<void> {}
