/** The local stack's settings (functions/api.md): PORT, DYNAMODB_PORT, DATA_DIR, SEED_DEMO, LOCAL_NOW. */
import * as z from "zod/mini";
import { issuesToFieldErrors } from "../../functions/http/validation";

const port = (fallback: string) =>
  z.pipe(
    z._default(z.string().check(z.regex(/^\d{1,5}$/, "must be a port number")), fallback),
    z.pipe(
      z.transform((v: string) => Number(v)),
      z.int().check(z.gte(1), z.lte(65535)),
    ),
  );

const settingsSchema = z.object({
  PORT: port("3000"),
  DYNAMODB_PORT: port("8000"),
  DATA_DIR: z._default(z.string().check(z.minLength(1)), ".data"),
  SEED_DEMO: z.pipe(
    z._default(z.enum(["true", "false", "1", "0", "yes", "no"]), "true"),
    z.transform((v: "true" | "false" | "1" | "0" | "yes" | "no") => v === "true" || v === "1" || v === "yes"),
  ),
  LOCAL_NOW: z.optional(z.iso.datetime({ offset: true })),
  API_KEY_RATE_PER_MINUTE: z.pipe(
    z._default(z.string().check(z.regex(/^\d+$/)), "600"),
    z.transform((v: string) => Number(v)),
  ),
  CORS_ORIGINS: z.optional(z.string()),
});

export type LocalSettings = z.output<typeof settingsSchema>;

export function readSettings(env: NodeJS.ProcessEnv): LocalSettings {
  const picked = Object.fromEntries(
    Object.keys(settingsSchema.def.shape)
      .map((k) => [k, env[k] === "" ? undefined : env[k]])
      .filter(([, v]) => v !== undefined),
  );
  const parsed = settingsSchema.safeParse(picked);
  if (!parsed.success) {
    const errors = issuesToFieldErrors("", parsed.error.issues);
    throw new Error(errors.map((e) => `${e.path}: ${e.message}`).join("; "));
  }
  return parsed.data;
}
