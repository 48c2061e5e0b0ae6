/** Who reads the subsidies area's data, and the tag of its routes. */
import { CITY_ROLES, PROVINCE_ROLES } from "../../../shared/domain/principal";

/** Subsidy rules are read by the province, its cities and integrations ("read subsidy rules over the HTTP API"). */
export const PROGRAM_READERS = [...PROVINCE_ROLES, ...CITY_ROLES, "integration"] as const;
/** A tenant's top-ups and local programs: its city roles and keys, and its province's roles. */
export const CITY_DATA_READERS = [...CITY_ROLES, "integration", ...PROVINCE_ROLES] as const;

export const TAGS = ["subsidies"] as const;
