/** The answers of a versioned resource: its body with its version as ETag. */

/** After a write: 201 when it created the resource, 200 when it replaced a version. */
export function writtenVersion<S extends { created: boolean; version: number }, B>(
  result: S,
  toResponse: (stored: S) => B,
): { status: 200 | 201; body: B; version: number } {
  return { status: result.created ? 201 : 200, body: toResponse(result), version: result.version };
}

/** The version read. */
export function currentVersion<S extends { version: number }, B>(
  stored: S,
  toResponse: (stored: S) => B,
): { body: B; version: number } {
  return { body: toResponse(stored), version: stored.version };
}
