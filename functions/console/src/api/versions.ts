/** A record's version history as the version tables show it: newest first, and none (not an error) while there is none (404). */
import { ApiProblem } from "./client";

export async function findVersionsNewestFirst<T>(
  read: Promise<{ data: { versions: readonly T[] } }>,
): Promise<T[]> {
  try {
    const { data } = await read;
    return [...data.versions].reverse();
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 404) return [];
    throw e;
  }
}
