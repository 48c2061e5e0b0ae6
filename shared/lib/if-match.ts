/** `If-Match` as sent: a version number, or `*` (any current version). */
export type IfMatch = { kind: "version"; version: number } | { kind: "any" };
