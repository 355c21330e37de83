export interface RateLimiter {
  /** True when the request may go ahead (and counts it); false when over the limit. */
  take(key: string, perSecond: number): boolean;
}

/** Buckets kept at most; beyond it the one touched longest ago goes (a full bucket loses nothing). */
const maxBuckets = 10_000;

/**
 * Requests per second per key, as token buckets: a bucket holds up to `perSecond` requests and
 * refills at that rate, so a burst of the limit is allowed once a second and the average never
 * exceeds it (the cloud's QPS). Bounded: idle buckets are dropped first.
 */
export function createRateLimiter(now: () => number): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key, perSecond) {
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: perSecond, at: time };
      buckets.delete(key); // re-inserted last: Map order is then least recently used first
      bucket.tokens = Math.min(perSecond, bucket.tokens + ((time - bucket.at) / 1000) * perSecond);
      bucket.at = time;
      const allowed = bucket.tokens >= 1;
      if (allowed) bucket.tokens -= 1;
      buckets.set(key, bucket);
      if (buckets.size > maxBuckets) buckets.delete(buckets.keys().next().value!);
      return allowed;
    },
  };
}
