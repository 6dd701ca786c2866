/**
 * A TCP relay on 127.0.0.1 in front of the test PostgreSQL server that can
 * be frozen: while frozen it still accepts connections (as the kernel does
 * for a SIGSTOPped postmaster) but passes no byte either way, so the server
 * behind it looks frozen to a client without the shared test server being
 * disturbed. Thawed, the bytes held back flow on.
 */
import { once } from 'node:events';
import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface FreezableProxy {
  /** `target` with its host and port replaced by the proxy's. */
  readonly url: string;
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
}

export async function startFreezableProxy(target: string): Promise<FreezableProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  let frozen = false;
  const held: Socket[] = [];

  const relay = (client: Socket): void => {
    const server = createConnection({ host: upstream.hostname, port: Number(upstream.port || 5432) });
    for (const [from, to] of [[client, server], [server, client]] as const) {
      sockets.add(from);
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        sockets.delete(from);
        to.destroy();
      });
      if (frozen) from.pause();
    }
  };

  const proxy = createServer((client) => {
    if (frozen) {
      client.pause();
      held.push(client);
      sockets.add(client);
      client.on('error', () => {});
      client.on('close', () => sockets.delete(client));
    } else {
      relay(client);
    }
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String((proxy.address() as AddressInfo).port);

  return {
    url: url.toString(),
    freeze() {
      frozen = true;
      for (const socket of sockets) socket.pause();
    },
    thaw() {
      frozen = false;
      for (const socket of sockets) socket.resume();
      for (const client of held.splice(0)) {
        sockets.delete(client);
        if (!client.destroyed) relay(client);
        client.resume();
      }
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
