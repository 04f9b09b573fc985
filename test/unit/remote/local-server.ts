// A real HTTP server on 127.0.0.1 for the HTTP-layer tests: each test scripts what it answers and
// reads back what it received. Stops on close(), open sockets included.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Received {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export type Handler = (request: Received, response: ServerResponse, socket: Socket) => void | Promise<void>;

export interface LocalServer {
  /** http://127.0.0.1:PORT/dolphinscheduler */
  baseUrl: string;
  port: number;
  received: Received[];
  close(): Promise<void>;
}

export async function startServer(handler: Handler): Promise<LocalServer> {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: new URL(req.url ?? '/', 'http://local'), headers: req.headers, body: Buffer.concat(chunks) };
      received.push(request);
      void Promise.resolve().then(() => handler(request, res, req.socket)).catch((error: unknown) => {
        res.statusCode = 599;
        res.end(String(error));
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/dolphinscheduler`,
    port,
    received,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

/** Answers a DolphinScheduler result envelope. */
export function reply(res: ServerResponse, code: number, data: unknown = null, msg = code === 0 ? 'success' : 'error'): void {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ code, msg, data, success: code === 0, failed: code !== 0 }));
}

/** A port on which nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
