import { readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { networkInterfaces } from 'node:os';

/**
 * Where a local TCP port listens, from the kernel's own socket tables (Linux /proc/net/tcp and tcp6):
 * the addresses of every LISTEN socket on it, as `127.0.0.1`, `0.0.0.0`, `::`, `::ffff:127.0.0.1`, ….
 */
export function listeningAddresses(port: number): string[] {
  const addresses: string[] = [];
  for (const [file, v6] of [
    ['/proc/net/tcp', false],
    ['/proc/net/tcp6', true],
  ] as const) {
    let table: string;
    try {
      table = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of table.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== '0A' || !local) continue; // 0A: LISTEN
      const [hex, portHex] = local.split(':');
      if (!hex || Number.parseInt(portHex ?? '', 16) !== port) continue;
      addresses.push(v6 ? ipv6(hex) : ipv4(hex));
    }
  }
  return addresses;
}

// The kernel prints each 32-bit word in host (little-endian) byte order.
const word = (hex: string) => (hex.match(/../g) ?? []).reverse();
const ipv4 = (hex: string) =>
  word(hex)
    .map((byte) => Number.parseInt(byte, 16))
    .join('.');
function ipv6(hex: string): string {
  const bytes = (hex.match(/.{8}/g) ?? []).flatMap(word);
  if (bytes.slice(0, 10).every((b) => b === '00') && bytes[10] === 'FF' && bytes[11] === 'FF')
    return `::ffff:${bytes
      .slice(12)
      .map((b) => Number.parseInt(b, 16))
      .join('.')}`;
  if (bytes.every((b) => b === '00')) return '::';
  if (bytes.slice(0, 15).every((b) => b === '00') && bytes[15] === '01') return '::1';
  return (bytes.join('').match(/.{4}/g) ?? []).join(':').toLowerCase();
}

export const isLoopback = (address: string) =>
  address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.');

/** This machine's addresses other than loopback (the ones a neighbour on the network would use). */
export const networkAddresses = (): string[] =>
  Object.values(networkInterfaces())
    .flat()
    .filter((info) => info !== undefined && !info.internal && info.family === 'IPv4')
    .map((info) => info!.address);

/** Whether a TCP connection to address:port is accepted. */
export const accepts = (address: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createConnection({ host: address, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
