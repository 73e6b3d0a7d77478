import { connect } from 'node:net';

export interface RawReply {
  status: number;
  headers: Record<string, string[]>;
  body: string;
  /** Everything received, for checks on what must never appear. */
  raw: string;
}

/**
 * Sends bytes exactly as given (fetch would refuse or fix them: repeated headers, control
 * characters, conflicting lengths) and reads the reply until the server closes or the deadline.
 * A server that neither answers nor closes in time fails the caller: a hang is a finding.
 */
export function rawRequest(baseUrl: string, request: string | Buffer, timeoutMs = 10_000): Promise<RawReply> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      const received = Buffer.concat(chunks).toString('latin1');
      // A complete reply on a kept-alive connection is an answer, not a hang.
      if (isComplete(received)) resolve(parse(received));
      else reject(new Error(`no complete answer in ${timeoutMs} ms to ${JSON.stringify(request.toString().slice(0, 120))}; got ${JSON.stringify(received.slice(0, 200))}`));
    }, timeoutMs);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const received = Buffer.concat(chunks).toString('latin1');
      if (isComplete(received)) {
        clearTimeout(timer);
        socket.destroy();
        resolve(parse(received));
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      const received = Buffer.concat(chunks).toString('latin1');
      if (received) resolve(parse(received));
      else reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parse(Buffer.concat(chunks).toString('latin1')));
    });
    socket.write(request);
  });
}

function isComplete(received: string): boolean {
  const end = received.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(received.slice(0, end));
  if (length) return Buffer.byteLength(received.slice(end + 4), 'latin1') >= Number(length[1]);
  return /\r\ntransfer-encoding:\s*chunked/i.test(received.slice(0, end)) ? received.endsWith('0\r\n\r\n') : false;
}

function parse(raw: string): RawReply {
  const end = raw.indexOf('\r\n\r\n');
  const head = end < 0 ? raw : raw.slice(0, end);
  const [statusLine, ...lines] = head.split('\r\n');
  const headers: Record<string, string[]> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    (headers[name] ??= []).push(line.slice(colon + 1).trim());
  }
  const body = end < 0 ? '' : Buffer.from(raw.slice(end + 4), 'latin1').toString('utf8');
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1] ?? 0), headers, body, raw };
}
