/**
 * The body as sent: an upload route's file (one of its media types, within its size limit, not
 * empty), or JSON (within the route's limit, as `application/json`, well-formed; none where the
 * route takes none). Base64 bodies (as API Gateway sends binary) are decoded. Any fault here is
 * answered at once (413, 415, 400), before the fields are validated.
 */
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from "../../../shared/lib/errors";
import type { HttpEvent, HttpMiddleware } from "../request-state";
import { routeState } from "../request-state";
import type { RouteSpec, Upload } from "../route";

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export interface ParseBodyOptions {
  /** the largest JSON body of a route without its own `maxBodyBytes` */
  maxBodyBytes: number;
}

export function parseBody(
  options: ParseBodyOptions = { maxBodyBytes: DEFAULT_MAX_BODY_BYTES },
): HttpMiddleware {
  return {
    before: (request) => {
      const state = routeState(request.context);
      const { route } = state;
      if (route.upload) state.upload = readUpload(route.upload, request.event);
      else state.sentBody = readJson(route, request.event, route.maxBodyBytes ?? options.maxBodyBytes);
    },
  };
}

/** 400 for a body that is not JSON (the local gateway's own routes answer it too). */
export function malformedJsonError(): ValidationError {
  return ValidationError.about(
    "body",
    { en: "the body is not valid JSON", zh: "请求体不是有效的 JSON。" },
    { en: "malformed JSON", zh: "JSON 格式有误" },
  );
}

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

function readJson(route: RouteSpec, event: HttpEvent, limit: number): unknown {
  const raw = event.body;
  const text =
    raw === undefined || raw === null
      ? ""
      : event.isBase64Encoded
        ? Buffer.from(raw, "base64").toString("utf8")
        : raw;
  if (Buffer.byteLength(text, "utf8") > limit) {
    throw new PayloadTooLargeError({
      en: `the body is larger than ${limit} bytes`,
      zh: `请求体超过${limit}字节（${Math.round(limit / 1024)} KB）的上限。`,
    });
  }
  if (!route.body) {
    if (text.trim() === "" || text.trim() === "{}") return undefined;
    throw ValidationError.about(
      "body",
      { en: "this route takes no request body", zh: "此接口不接受请求体。" },
      { en: "no body expected", zh: "不应有请求体" },
    );
  }
  if (text.trim() === "") return undefined;
  const contentType = event.headers?.["content-type"] ?? "";
  if (!JSON_TYPE.test(contentType)) {
    throw UnsupportedMediaTypeError.about(
      "headers.content-type",
      { en: "send the body as application/json", zh: "请求体须以 application/json 格式发送。" },
      { en: "must be application/json", zh: "Content-Type 须为 application/json" },
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw malformedJsonError();
  }
}

function readUpload(spec: NonNullable<RouteSpec["upload"]>, event: HttpEvent): Upload {
  const raw = event.body ?? "";
  const bytes = event.isBase64Encoded ? Buffer.from(raw, "base64") : Buffer.from(raw, "utf8");
  if (bytes.length > spec.maxBytes) {
    throw new PayloadTooLargeError(
      {
        en: `the file is larger than ${spec.maxBytes} bytes (${bytes.length})`,
        zh: `文件大小为 ${bytes.length} 字节，超过了 ${spec.maxBytes} 字节的上限。`,
      },
      {
        errors: [
          { path: "body", message: `at most ${spec.maxBytes} bytes`, zh: `不能超过 ${spec.maxBytes} 字节` },
        ],
      },
    );
  }
  const mediaType = (event.headers?.["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (!spec.types.includes(mediaType)) {
    throw new UnsupportedMediaTypeError(
      {
        en: `send the file as one of: ${spec.types.join(", ")}`,
        zh: `请以下列类型之一上传文件：${spec.types.join("、")}。`,
      },
      {
        errors: [
          {
            path: "headers.content-type",
            message: `must be one of ${spec.types.join(", ")}`,
            zh: `应为 ${spec.types.join("、")} 之一`,
          },
        ],
      },
    );
  }
  if (bytes.length === 0) {
    throw ValidationError.about(
      "body",
      { en: "the file is empty", zh: "上传的文件是空的。" },
      { en: "empty file", zh: "文件为空" },
    );
  }
  return { mediaType, bytes };
}
