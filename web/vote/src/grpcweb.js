// gRPC-Web (binary) over fetch: one length-prefixed request frame; the answer is data frames then a trailer frame.
// A refusal names its row of docs/spec/errors.md in the voting-refusal trailer: the row, not the status code, says
// which rule refused (V5 and V9 are both ALREADY_EXISTS but mean different things to a member).
export class GrpcError extends Error {
  constructor(code, message, row = null) { super(message); this.code = code; this.row = row; }
}

export const CODE = { 0: "OK", 3: "INVALID_ARGUMENT", 4: "DEADLINE_EXCEEDED", 5: "NOT_FOUND", 6: "ALREADY_EXISTS", 7: "PERMISSION_DENIED", 9: "FAILED_PRECONDITION", 13: "INTERNAL", 14: "UNAVAILABLE" };

export async function unary(path, message, timeoutSeconds = 30) {
  const body = new Uint8Array(5 + message.length);
  new DataView(body.buffer).setUint32(1, message.length);
  body.set(message, 5);
  let response;
  try {
    response = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/grpc-web+proto", "x-grpc-web": "1", "grpc-timeout": `${timeoutSeconds}S` },
      body,
    });
  } catch (e) {
    throw new GrpcError(14, `the ballot server cannot be reached (${e.message})`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  // A call refused before any answer is "trailers-only": its trailers come as HTTP headers instead of a trailer frame.
  let data = null, status = response.headers.get("grpc-status"), text = response.headers.get("grpc-message"), row = response.headers.get("voting-refusal");
  for (let i = 0; i + 5 <= bytes.length;) {
    const flag = bytes[i], n = new DataView(bytes.buffer, bytes.byteOffset + i + 1, 4).getUint32(0);
    const frame = bytes.subarray(i + 5, i + 5 + n);
    i += 5 + n;
    if (flag & 0x80) {
      for (const line of new TextDecoder().decode(frame).split("\r\n")) {
        const colon = line.indexOf(":");
        if (colon < 0) continue;
        const key = line.slice(0, colon).trim().toLowerCase(), value = line.slice(colon + 1).trim();
        if (key === "grpc-status") status = value;
        if (key === "grpc-message") text = value;
        if (key === "voting-refusal") row = value;
      }
    } else data = frame;
  }
  if (status === null) throw new GrpcError(13, `HTTP ${response.status} without a gRPC status`);
  if (status !== "0") throw new GrpcError(Number(status), decodeURIComponent(text ?? ""), row);
  return data ?? new Uint8Array();
}
