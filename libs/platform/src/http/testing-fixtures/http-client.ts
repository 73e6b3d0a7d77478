import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export interface SentRequest {
  readonly method: string;
  /** Path and query, sent as written (no URL normalization, so malformed URLs reach the server). */
  readonly url: string;
  readonly headers?: Record<string, string>;
  /** An object is sent as JSON with its content type; a string or Buffer is sent as is. */
  readonly payload?: unknown;
}

export interface ReceivedReply {
  readonly statusCode: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  json(): any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary reply shapes
}

/**
 * A minimal HTTP client over a loopback port, with full control of the request: the headers are
 * exactly those given (no default Content-Type), which the body-parsing tests depend on.
 */
export function sendTo(baseUrl: string, sent: SentRequest): Promise<ReceivedReply> {
  const { hostname, port } = new URL(baseUrl);
  const headers: Record<string, string> = { ...sent.headers };
  let body: Buffer | undefined;
  if (Buffer.isBuffer(sent.payload)) body = sent.payload;
  else if (typeof sent.payload === 'string') body = Buffer.from(sent.payload);
  else if (sent.payload !== undefined) {
    body = Buffer.from(JSON.stringify(sent.payload));
    headers['content-type'] ??= 'application/json';
  }
  if (body) headers['content-length'] = String(body.length);

  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ hostname, port, method: sent.method, path: sent.url, headers, agent: false }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ statusCode: incoming.statusCode ?? 0, headers: incoming.headers, body: text, json: () => JSON.parse(text) });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
