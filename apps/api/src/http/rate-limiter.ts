import { Injectable } from '@nestjs/common';

import { AppConfig } from '@madoguchi/config';

/**
 * A fixed-window counter per key (client address): `limit` hits per `windowMs`. Kept in this
 * process's memory, so with several API processes each enforces its own share.
 */
export class FixedWindowRateLimiter {
  private readonly windows = new Map<string, { startedAt: number; hits: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts a hit; returns 0 when allowed, else the seconds until the window resets. */
  hit(key: string, now = Date.now()): number {
    const window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      if (this.windows.size > 10_000) this.forgetExpired(now);
      this.windows.set(key, { startedAt: now, hits: 1 });
      return 0;
    }
    window.hits += 1;
    return window.hits <= this.limit ? 0 : Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000));
  }

  private forgetExpired(now: number): void {
    for (const [key, window] of this.windows) if (now - window.startedAt >= this.windowMs) this.windows.delete(key);
  }
}

/** The one per-address limit on inquiries, shared by the API and the web form. */
@Injectable()
export class InquiryRateLimiter extends FixedWindowRateLimiter {
  constructor(config: AppConfig) {
    super(config.INQUIRY_RATE_LIMIT_PER_MINUTE, 60_000);
  }
}

/**
 * Requests for a password-reset mail per address and minute: the mails themselves are limited per
 * account and address by the service; this keeps a script from filling the audit log.
 */
export const PASSWORD_RESET_REQUESTS_PER_MINUTE = 10;

@Injectable()
export class PasswordResetRateLimiter extends FixedWindowRateLimiter {
  constructor() {
    super(PASSWORD_RESET_REQUESTS_PER_MINUTE, 60_000);
  }
}

/**
 * Status subscription requests per client address and minute: each may mail a confirmation link
 * (the service sends one per address per 10 minutes at most); this keeps a script from cycling addresses.
 */
export const SUBSCRIPTION_REQUESTS_PER_MINUTE = 10;

@Injectable()
export class SubscriptionRateLimiter extends FixedWindowRateLimiter {
  constructor() {
    super(SUBSCRIPTION_REQUESTS_PER_MINUTE, 60_000);
  }
}
