/**
 * Programs and top-ups as written and as stored: a program as sent, each stored version with its
 * meta (`writtenBy` shown only to whom it may be), and a `{code, versions}` history.
 */
import * as z from "zod/mini";
import { codeSchema, programShapes } from "../../../shared/domain/subsidies/program";
import { topUpShape } from "../../../shared/domain/subsidies/top-up";
import { versionMetaShape } from "../../../shared/domain/subsidies/versions";
import { lazySchema } from "../../http/route";

// Every schema is built on first use (`lazySchema`): a cold start builds only its route's schemas.

/**
 * The domain's program union (`programSchema`'s fixed / tiered / per_unit options), each strict
 * object extended with `extra`; called inside lazy builders (the options must be object schemas).
 */
function programUnion<E extends z.core.$ZodLooseShape>(extra: E) {
  const [fixed, tiered, perUnit] = programShapes();
  return z.discriminatedUnion("kind", [
    z.extend(z.strictObject(fixed), extra),
    z.extend(z.strictObject(tiered), extra),
    z.extend(z.strictObject(perUnit), extra),
  ]);
}

/**
 * A program as sent: the program of `shared/domain/subsidies/subsidies.md`; `code` comes from the path and may be left
 * out of the body (when sent it must equal the path's code, else 400 `body.code`).
 */
export const programRequest = lazySchema(() => programUnion({ code: z.optional(codeSchema) }));

/** A city top-up as sent: the program code comes from the path. */
export const topUpRequest = lazySchema(() => {
  const topUp = topUpShape();
  return z.strictObject({
    overrides: topUp.overrides,
    basis: topUp.basis,
    effectiveFrom: topUp.effectiveFrom,
    effectiveTo: topUp.effectiveTo,
  });
});

/** `writtenBy` is shown to province roles for provincial programs, and to the tenant's and province's users for city data. */
function storedMetaShape() {
  return { ...versionMetaShape(), writtenBy: z.optional(z.string()) };
}
export const storedProgram = lazySchema(() => programUnion(storedMetaShape()));
export const storedTopUp = lazySchema(() => z.strictObject({ ...topUpShape(), ...storedMetaShape() }));

/** `{code, versions}`: every version of one program or top-up, oldest first. */
function versionsOf<T extends z.ZodMiniType>(stored: T) {
  return lazySchema(() => z.strictObject({ code: z.string(), versions: z.array(stored) }));
}
export const programVersions = versionsOf(storedProgram);
export const topUpVersions = versionsOf(storedTopUp);
