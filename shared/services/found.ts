/** How a service read that must find something says so: 404 with the read's own text. */
import { type Bilingual, NotFoundError } from "../lib/errors";

/** What a read found, or 404 with `notFound`. */
export function found<T>(value: T | undefined, notFound: Bilingual): T {
  if (value === undefined) throw new NotFoundError(notFound);
  return value;
}

/** Every version of one entity, oldest first; 404 with `notFound` when it has none. */
export function history<T>(versions: T[], notFound: Bilingual): T[] {
  if (versions.length === 0) throw new NotFoundError(notFound);
  return versions;
}
