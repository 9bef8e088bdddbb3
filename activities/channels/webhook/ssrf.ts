import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import ipaddr from 'ipaddr.js';

/**
 * Which destinations webhooks may reach besides the public internet: exact host names and
 * CIDR ranges (`WEBHOOK_ALLOWED_HOSTS`, e.g. `127.0.0.1/32,hooks.internal`). Everything
 * private, loopback, link-local (cloud metadata at 169.254.169.254), unique-local, CGNAT or
 * reserved is refused unless listed.
 */
export interface AllowList {
  hosts: ReadonlySet<string>;
  ranges: readonly [ipaddr.IPv4 | ipaddr.IPv6, number][];
}

export class BlockedDestinationError extends Error {
  override readonly name = 'BlockedDestinationError';
}

export function parseAllowList(entries: readonly string[]): AllowList {
  const hosts = new Set<string>();
  const ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  for (const raw of entries.map((entry) => entry.trim()).filter(Boolean)) {
    if (raw.includes('/')) ranges.push(ipaddr.parseCIDR(raw));
    else if (ipaddr.isValid(raw)) ranges.push([ipaddr.process(raw), ipaddr.process(raw).kind() === 'ipv4' ? 32 : 128]);
    else hosts.add(raw.toLowerCase());
  }
  return { hosts, ranges };
}

/** True when the address is public unicast, or the allow-list names it. */
export function addressAllowed(address: string, allow: AllowList): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address); // ::ffff:10.0.0.1 is judged as 10.0.0.1
  if (allow.ranges.some(([network, bits]) => network.kind() === parsed.kind() && parsed.match(network, bits))) return true;
  return parsed.range() === 'unicast';
}

/** Checks a URL's host before connecting: allowed host names pass, IP literals are judged. */
export function checkHost(hostname: string, allow: AllowList): void {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (allow.hosts.has(host)) return;
  if (ipaddr.isValid(host) && !addressAllowed(host, allow)) throw new BlockedDestinationError(`${host} is a private or reserved address; webhooks may not reach it`);
  if (host === 'localhost' || host.endsWith('.localhost')) throw new BlockedDestinationError(`${host} is this machine; webhooks may not reach it`);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A DNS lookup for the HTTP client's connect step: every resolved address is checked, and the
 * connection goes to the address that was checked, so a name that resolves to a public
 * address once and a private one later (DNS rebinding) cannot slip through.
 */
export function guardedLookup(allow: AllowList) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    dnsLookup(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const allowedByName = allow.hosts.has(hostname.toLowerCase());
      const blocked = addresses.find((entry) => !allowedByName && !addressAllowed(entry.address, allow));
      if (blocked) return callback(new BlockedDestinationError(`${hostname} resolves to ${blocked.address}, a private or reserved address; webhooks may not reach it`), []);
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      if (!first) return callback(new BlockedDestinationError(`${hostname} has no address`), []);
      return callback(null, first.address, first.family);
    });
  };
}
