import type { ServiceId } from './services.js';

/**
 * What billing shows its doors (CLI, console API, UI): packages, usage rows, bills, alerts. Kept
 * here so the renderer reads the same types the server writes.
 */
export interface PackageView {
  readonly id: string;
  readonly service: ServiceId;
  readonly kind: 'free' | 'prepaid';
  readonly total: number;
  readonly used: number;
  readonly remaining: number;
  readonly activatedAt: string;
  readonly expiresAt: string;
  /** `other-machine`: bound to another machine (a data directory restored elsewhere); the vendor re-issues it. */
  readonly status: 'active' | 'exhausted' | 'expired' | 'not-yet-valid' | 'refunded' | 'other-machine';
}

export interface UsageRow {
  /** `YYYY-MM-DD` or `YYYY-MM`. */
  readonly period: string;
  readonly service: ServiceId;
  readonly account: string;
  /** Requests metered, successful or not. */
  readonly requests: number;
  /** Calls charged. */
  readonly calls: number;
  /** Requests that ended with an error. */
  readonly failures: number;
}

export interface BillLine {
  readonly service: ServiceId;
  readonly calls: number;
  /** How the calls fell into the price tiers. */
  readonly tiers: ReadonlyArray<{ readonly calls: number; readonly milliPerCall: number; readonly milliAmount: number }>;
  readonly milliAmount: number;
}

export interface MonthlyBill {
  readonly month: string;
  readonly currency: string;
  readonly lines: readonly BillLine[];
  readonly milliTotal: number;
  /** The total in the currency, two decimals (rounded half up from thousandths). */
  readonly total: string;
}

/** An in-app notification: a package of a service running low or out. */
export interface NotificationRecord {
  readonly id: string;
  readonly at: string;
  readonly kind: 'package-low' | 'package-exhausted';
  readonly service: ServiceId;
  readonly packageId: string;
  readonly remaining: number;
  readonly total: number;
  read: boolean;
}
