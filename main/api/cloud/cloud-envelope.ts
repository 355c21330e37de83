/**
 * The cloud's response envelope (`tencent-ocr-api.md` 2): HTTP 200 for every processed request,
 * `{"Response": {..., "RequestId"}}` or `{"Response": {"Error": {Code, Message}, "RequestId"}}`,
 * Content-Type exactly `application/json` (the Python SDK reads Error only then).
 */
export const cloudContentType = 'application/json';

export function successBody(requestId: string, fields: Record<string, unknown>): string {
  return JSON.stringify({ Response: { ...fields, RequestId: requestId } });
}

export function errorBody(requestId: string, code: string, message: string): string {
  return JSON.stringify({ Response: { Error: { Code: code, Message: message }, RequestId: requestId } });
}
