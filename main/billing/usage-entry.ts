import type { ServiceId } from '../../shared/services.js';
import type { Draw } from './deduction.js';

/** What a request costs and who makes it, as the caller asks to reserve it. */
export interface ReserveRequest {
  readonly requestId: string;
  readonly account: string;
  readonly secretId: string | null;
  readonly service: ServiceId;
  readonly calls: number;
}

/** Calls held for a request, in the packages they will be drawn from. */
export interface Reservation extends ReserveRequest {
  readonly id: string;
  readonly draws: readonly Draw[];
}

/** One metered call, as the usage ledger keeps it. */
export interface UsageEntry extends ReserveRequest {
  /** Calls charged: 0 for a call that failed and is not billed. */
  readonly calls: number;
  readonly draws: readonly Draw[];
  /** `ok`, or the error code the call ended with. */
  readonly result: string;
}
