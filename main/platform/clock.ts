/** The time, injectable: billing's months, refund windows and ledger times are tested across dates. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
