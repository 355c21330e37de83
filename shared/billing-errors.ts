/** Stable codes of what licences, packages and metering can refuse. */
export const billingErrorCodes = [
  /** Not a licence file, or its signature does not verify with this build's public key. */
  'LicenceInvalid',
  /** The licence's validity ended before it was imported. */
  'LicenceExpired',
  /** The licence is bound to another machine. */
  'LicenceForeignMachine',
  /** A licence with this id was imported before. */
  'LicenceAlreadyImported',
  /** This machine's id cannot be read (no /etc/machine-id or equivalent). */
  'MachineIdUnavailable',
  'PackageNotFound',
  /** Refunds are for prepaid packages with no call used, within 7 days of activation. */
  'RefundNotAllowed',
  /** A service can be disabled only when it has no paid calls left. */
  'DisableNotAllowed',
  /** The service is disabled for this deployment. Cloud: FailedOperation.UnOpenError. */
  'ServiceDisabled',
  /** No package has calls left and pay-as-you-go is off. Cloud: ResourceUnavailable.ResourcePackageRunOut. */
  'ResourcePackageRunOut',
  /** The caller may not do this. Cloud: UnauthorizedOperation. */
  'NotAllowed',
  /** An unknown service id. */
  'UnknownService',
  /** A request id that was reserved or settled before, for another request. */
  'DuplicateRequest',
  /** A setting with a value it cannot take (e.g. a time zone no one has heard of). */
  'InvalidSetting',
] as const;

export type BillingErrorCode = (typeof billingErrorCodes)[number];
