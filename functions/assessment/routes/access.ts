/** Who may read what the assessment area holds, beyond the single roles its routes name. */
import { PROVINCE_ROLES, TENANT_ROLES } from "../../../shared/domain/principal";

/** Province roles first: the province's own reads that its tenants may also make. */
export const EVERY_PROVINCE_ROLE = [...PROVINCE_ROLES, ...TENANT_ROLES] as const;
/** Tenant roles first: a tenant's own reads that its province may also make. */
export const TENANT_AND_PROVINCE = [...TENANT_ROLES, ...PROVINCE_ROLES] as const;
