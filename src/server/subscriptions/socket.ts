/**
 * What both protocols need of a `ws` socket: sending JSON only while it is
 * open (a result computed while the client left is dropped, not an error),
 * closing with a reason that fits the close frame, and keep-alive pings: a
 * ping frame every interval, and a peer that has not answered the previous
 * one by then is cut off, so dead connections do not hold subscriptions.
 */
import type { WebSocket } from 'ws';
import { stringifyExact } from '../exact-json.js';

/** RFC 6455 allows 123 bytes of reason in a close frame. */
const MAX_REASON_BYTES = 123;

export function send(socket: WebSocket, message: unknown): Promise<void> {
  if (socket.readyState !== socket.OPEN) return Promise.resolve();
  return new Promise((resolve) => socket.send(stringifyExact(message), () => resolve()));
}

export function closeWith(socket: WebSocket, code: number, reason: string): void {
  socket.close(code, fitReason(reason));
}

export function fitReason(reason: string): string {
  if (Buffer.byteLength(reason) <= MAX_REASON_BYTES) return reason;
  let cut = reason.slice(0, MAX_REASON_BYTES - 1);
  while (Buffer.byteLength(`${cut}…`) > MAX_REASON_BYTES) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Pings every `intervalMs`; `onTick` runs too (the legacy protocol sends its `ka` then). Returns the stopper. */
export function keepAlive(socket: WebSocket, intervalMs: number, onTick?: () => void): () => void {
  let answered = true;
  const onPong = () => (answered = true);
  socket.on('pong', onPong);
  const timer = setInterval(() => {
    if (!answered) {
      socket.terminate();
      return;
    }
    answered = false;
    socket.ping();
    onTick?.();
  }, intervalMs);
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    socket.off('pong', onPong);
  };
  socket.once('close', stop);
  return stop;
}
