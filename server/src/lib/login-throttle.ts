import { HttpError } from './http-errors.ts';

export interface LoginThrottleOptions {
  /** Failed logins allowed for one email from one address within the window. */
  maxPerAccount: number;
  /** Failed logins allowed from one address, any email, within the window. */
  maxPerAddress: number;
  windowMs: number;
  /** Bound on the addresses and accounts remembered; the oldest are forgotten first. */
  maxEntries: number;
  now: () => number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = {
  maxPerAccount: 5,
  maxPerAddress: 20,
  windowMs: 15 * 60 * 1000,
  maxEntries: 10_000,
  now: () => Date.now(),
};

/** "45 seconds", "1 minute", "15 minutes". */
function humanDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * Slows password guessing: after too many failed logins for an email from one address (or from
 * one address overall) within a sliding window, further attempts get 429 with Retry-After until
 * the oldest failure leaves the window. A successful login clears that email's failures from that
 * address. In memory: a restart forgets, which is fine for slowing guessing down.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly options: LoginThrottleOptions;

  constructor(options: Partial<LoginThrottleOptions> = {}) {
    this.options = { ...DEFAULT_LOGIN_THROTTLE, ...options };
  }

  /** Throws 429 when this email or address must wait before trying again. */
  check(email: string, address: string): void {
    const now = this.options.now();
    const waits = [
      this.waitMs(this.accountKey(email, address), this.options.maxPerAccount, now),
      this.waitMs(this.addressKey(address), this.options.maxPerAddress, now),
    ];
    const wait = Math.max(...waits);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      throw new HttpError(
        429,
        `Too many failed login attempts. Try again in ${humanDuration(seconds)}.`,
        { 'retry-after': String(seconds) },
      );
    }
  }

  recordFailure(email: string, address: string): void {
    const now = this.options.now();
    this.push(this.accountKey(email, address), this.options.maxPerAccount, now);
    this.push(this.addressKey(address), this.options.maxPerAddress, now);
  }

  recordSuccess(email: string, address: string): void {
    this.failures.delete(this.accountKey(email, address));
  }

  private accountKey(email: string, address: string): string {
    return `account:${address}:${email.toLowerCase()}`;
  }

  private addressKey(address: string): string {
    return `address:${address}`;
  }

  /** Failures still inside the window, oldest first (forgets the key when none are). */
  private recent(key: string, now: number): number[] {
    const times = this.failures.get(key);
    if (!times) return [];
    const recent = times.filter((time) => now - time < this.options.windowMs);
    if (recent.length === 0) this.failures.delete(key);
    else if (recent.length !== times.length) this.failures.set(key, recent);
    return recent;
  }

  private waitMs(key: string, max: number, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < max) return 0;
    // The attempt is allowed again once enough failures have left the window.
    const oldestThatMustExpire = recent[recent.length - max] ?? now;
    return oldestThatMustExpire + this.options.windowMs - now;
  }

  private push(key: string, max: number, now: number): void {
    const recent = this.recent(key, now);
    recent.push(now);
    // Only the newest `max` failures decide anything.
    this.failures.delete(key);
    this.failures.set(key, recent.slice(-max));
    while (this.failures.size > this.options.maxEntries) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }
}
