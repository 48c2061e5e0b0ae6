/** The answers of a versioned resource: its body with its version as ETag. */
import { type Db, dbFromEnv } from "../../shared/data/client";
import type { Principal } from "../../shared/domain/principal";
import type { IfMatch } from "../../shared/lib/if-match";
import type { Actor } from "../../shared/services/actor";

/** After a write: 201 when it created the resource, 200 when it replaced a version. */
export function writtenVersion<S extends { version: number }, B>(
  result: S & { created: boolean },
  toResponse: (stored: S) => B,
): { status: 200 | 201; body: B; version: number } {
  const { created, ...stored } = result;
  return { status: created ? 201 : 200, body: toResponse(stored as unknown as S), version: result.version };
}

/** A stored entity as its response shows it: every attribute but the `hidden` ones. */
export function withoutFields<T extends object, K extends keyof T>(stored: T, ...hidden: K[]): Omit<T, K> {
  const shown: Partial<T> = { ...stored };
  for (const key of hidden) delete shown[key];
  return shown as Omit<T, K>;
}

/** The version read. */
export function currentVersion<S extends { version: number }, B>(
  stored: S,
  toResponse: (stored: S) => B,
): { body: B; version: number } {
  return { body: toResponse(stored), version: stored.version };
}

/** What a write of a version takes besides the resource's key and the body: If-Match and who writes. */
export interface VersionPut {
  ifMatch: IfMatch | undefined;
  actor: Actor;
}

/**
 * A versioned resource as its service has it: `key` names it from the path, `write` puts a new
 * version, `get` reads the current one (404 when there is none), `versions` every version, oldest
 * first (where the API lists them); `toResponse` is a version's body.
 */
interface VersionedResource<P, K, Body, S extends { version: number }, B> {
  key: (params: P) => K;
  write: (db: Db, key: K, body: Body, put: VersionPut) => Promise<S & { created: boolean }>;
  get: (db: Db, key: K) => Promise<S>;
  versions?: (db: Db, key: K) => Promise<S[]>;
  toResponse: (stored: S) => B;
}

type VersionsRead<K, S> = (db: Db, key: K) => Promise<S[]>;

interface VersionedHandlers<P, Body, B> {
  put: (input: {
    params: P;
    body: Body;
    ifMatch: IfMatch | undefined;
    principal: Principal;
  }) => Promise<{ status: 200 | 201; body: B; version: number }>;
  get: (input: { params: P }) => Promise<{ body: B; version: number }>;
}

type VersionsHandler<P, B> = (input: { params: P }) => Promise<{ body: { versions: B[] } }>;

/**
 * The PUT, GET and list-versions handlers of one versioned resource, each the same for every such
 * resource: the write answered with `writtenVersion`, the read with `currentVersion`, the
 * versions as `{ versions }`.
 */
export function versionedResource<P, K, Body, S extends { version: number }, B>(
  resource: VersionedResource<P, K, Body, S, B> & { versions: VersionsRead<K, S> },
): VersionedHandlers<P, Body, B> & { listVersions: VersionsHandler<P, B> };
export function versionedResource<P, K, Body, S extends { version: number }, B>(
  resource: VersionedResource<P, K, Body, S, B>,
): VersionedHandlers<P, Body, B>;
export function versionedResource<P, K, Body, S extends { version: number }, B>(
  resource: VersionedResource<P, K, Body, S, B>,
): VersionedHandlers<P, Body, B> & { listVersions?: VersionsHandler<P, B> } {
  const { key, write, get, versions, toResponse } = resource;
  const handlers: VersionedHandlers<P, Body, B> = {
    put: async ({ params, body, ifMatch, principal }) =>
      writtenVersion(await write(dbFromEnv(), key(params), body, { ifMatch, actor: principal }), toResponse),
    get: async ({ params }) => currentVersion(await get(dbFromEnv(), key(params)), toResponse),
  };
  if (!versions) return handlers;
  return {
    ...handlers,
    listVersions: async ({ params }) => ({
      body: { versions: (await versions(dbFromEnv(), key(params))).map(toResponse) },
    }),
  };
}
