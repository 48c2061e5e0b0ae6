/**
 * Circular (通报) routes: draft from a scoring run, prose edits while draft (If-Match), four-eyes
 * approval, publishing (hash and freeze), and the public reads of published circulars as JSON,
 * plain text and print-ready HTML.
 */
import * as z from "zod/mini";
import { circularProseEditsSchema, circularProseShape } from "../../shared/domain/circular";
import { PROVINCE_ROLES } from "../../shared/domain/principal";
import { defineRoutes, lazySchema } from "../http/route";
import {
  circularIdSchema,
  idSchema,
  listOf,
  optionalStamp,
  pageOf,
  pageQuery,
  provinceParams,
  runIdSchema,
  sha256Hex,
  stamp,
  yearParam,
} from "../http/schemas";

// Every schema is built on first use (`lazySchema`): a cold start builds only its route's schemas.

const status = lazySchema(() => z.enum(["draft", "approved", "published"]));

/** A circular's fields without its document (a shape, so that `circular` can extend it lazily). */
function circularFieldsShape() {
  return {
    circularId: z.string(),
    provinceId: z.string(),
    year: z.int(),
    status,
    version: z.int().check(z.gte(1)),
    runId: z.string(),
    rulebookVersion: z.int(),
    documentNo: z.string(),
    supersedes: z.nullable(z.string()),
    supersededBy: z.nullable(z.string()),
    supersededByDocumentNo: z.optional(z.string()),
    supersededAt: z.optional(z.string()),
    ...stamp("created"),
    ...stamp("updated"),
    ...optionalStamp("approved"),
    ...optionalStamp("published"),
    /** set when published: SHA-256 (hex) of the document's canonical JSON */
    sha256: z.nullable(sha256Hex),
  };
}

/** The canonical document (`circularDocumentSchema`); described loosely here, validated by the domain. */
const document = lazySchema(() =>
  z.looseObject({
    schemaVersion: z.int(),
    circularId: z.string(),
    documentNo: z.string(),
    results: z.array(z.looseObject({ grade: z.string() })),
  }),
);

const circular = lazySchema(() => z.object({ ...circularFieldsShape(), document }));

const formatQuery = lazySchema(() =>
  z.strictObject({ format: z.optional(z.enum(["json", "txt", "html", "docx"])) }),
);
export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const RENDERED = ["text/plain; charset=utf-8", "text/html; charset=utf-8", DOCX_TYPE] as const;

/** `{p}` and `{y}` (a shape of schemas that are themselves built on first use). */
const provinceYear = { p: idSchema, y: yearParam };
const oneCircular = lazySchema(() => z.strictObject({ ...provinceYear, c: circularIdSchema }));

export const createCircularRequest = lazySchema(() =>
  z.strictObject({
    ...circularProseShape(),
    runId: runIdSchema,
    supersedes: z.optional(z.nullable(circularIdSchema)),
  }),
);

/** OpenAPI link parameters: the circular a draft's creation answered, in the year of its path. */
const theNewCircular = { p: "$request.path.p", y: "$request.path.y", c: "$response.body#/circularId" };

export const circularsRoutes = defineRoutes("circulars", {
  createCircular: {
    method: "POST",
    path: "/v1/provinces/{p}/years/{y}/circulars",
    summary: "Draft a circular from a scoring run, snapshotting its results and the cities' highlights",
    description:
      "422 when runId names no stored run of this province-year, when supersedes is not a published, " +
      "not yet superseded circular of the same year, or when the prose breaks a rule of the document.",
    tags: ["circulars"],
    access: { roles: ["province-admin"] },
    params: lazySchema(() => z.strictObject(provinceYear)),
    body: createCircularRequest,
    response: circular,
    status: 201,
    links: {
      getCircular: theNewCircular,
      updateCircular: theNewCircular,
      approveCircular: theNewCircular,
      publishCircular: theNewCircular,
    },
  },
  listCirculars: {
    method: "GET",
    path: "/v1/provinces/{p}/years/{y}/circulars",
    summary: "The year's circulars of every status, oldest first (no documents)",
    tags: ["circulars"],
    access: { roles: PROVINCE_ROLES },
    params: lazySchema(() => z.strictObject(provinceYear)),
    response: listOf(
      "circulars",
      lazySchema(() => z.object(circularFieldsShape())),
    ),
  },
  getCircular: {
    method: "GET",
    path: "/v1/provinces/{p}/years/{y}/circulars/{c}",
    summary:
      "A circular of any status with its document (?format=txt|html|docx previews the rendered forms, marked 草稿 until published)",
    tags: ["circulars"],
    access: { roles: PROVINCE_ROLES },
    params: oneCircular,
    query: formatQuery,
    response: circular,
    produces: RENDERED,
  },
  updateCircular: {
    method: "PATCH",
    path: "/v1/provinces/{p}/years/{y}/circulars/{c}",
    summary: "Edit a draft's prose (If-Match required): 409 unless draft",
    tags: ["circulars"],
    access: { roles: ["province-admin"] },
    params: oneCircular,
    body: circularProseEditsSchema,
    response: circular,
    versioned: true,
  },
  approveCircular: {
    method: "POST",
    path: "/v1/provinces/{p}/years/{y}/circulars/{c}/approve",
    summary: "Approve a draft: a province admin other than its creator (409 otherwise); If-Match optional",
    tags: ["circulars"],
    access: { roles: ["province-admin"] },
    params: oneCircular,
    response: circular,
    versioned: true,
  },
  publishCircular: {
    method: "POST",
    path: "/v1/provinces/{p}/years/{y}/circulars/{c}/publish",
    summary:
      "Publish an approved circular: hash and freeze it, freeze the year's rulebook (409 unless approved)",
    tags: ["circulars"],
    access: { roles: ["province-admin"] },
    params: oneCircular,
    response: circular,
    versioned: true,
    links: { getPublicCircular: { p: "$request.path.p", c: "$response.body#/circularId" } },
  },
  listPublicCirculars: {
    method: "GET",
    path: "/v1/public/provinces/{p}/circulars",
    summary: "A province's published circulars, newest first (no credentials)",
    tags: ["public"],
    access: "public",
    params: provinceParams,
    query: pageQuery,
    response: pageOf(
      "circulars",
      lazySchema(() =>
        z.object({
          circularId: z.string(),
          year: z.int(),
          documentNo: z.string(),
          sha256: sha256Hex,
          publishedAt: z.string(),
          supersedes: z.nullable(z.string()),
          supersededBy: z.nullable(z.string()),
        }),
      ),
    ),
    links: { getPublicCircular: { p: "$request.path.p", c: "$response.body#/circulars/0/circularId" } },
  },
  getPublicCircular: {
    method: "GET",
    path: "/v1/public/provinces/{p}/circulars/{c}",
    summary:
      "A published circular (drafts 404) as canonical JSON, plain text, print-ready HTML or a Word document (docx); ETag is its SHA-256",
    tags: ["public"],
    access: "public",
    params: lazySchema(() => z.strictObject({ p: idSchema, c: circularIdSchema })),
    query: formatQuery,
    response: lazySchema(() =>
      z.object({
        circularId: z.string(),
        provinceId: z.string(),
        year: z.int(),
        status: z.literal("published"),
        sha256: sha256Hex,
        publishedAt: z.string(),
        supersedes: z.nullable(z.string()),
        supersededBy: z.nullable(z.string()),
        document,
      }),
    ),
    produces: RENDERED,
  },
});
