/**
 * The services billed separately, with these ids everywhere: CLI, licence files, API, UI. A
 * package for one never pays for another; old and new API versions of one service share its id.
 */
export const serviceIds = ['general-basic', 'general-accurate', 'general-fast', 'handwriting', 'idcard', 'table', 'table-accurate'] as const;

export type ServiceId = (typeof serviceIds)[number];

export function isServiceId(value: string): value is ServiceId {
  return (serviceIds as readonly string[]).includes(value);
}

/** The services that read tables rather than lines (RecognizeTableOCR V2 and V3). */
export const tableServiceIds = ['table', 'table-accurate'] as const satisfies readonly ServiceId[];
export type TableServiceId = (typeof tableServiceIds)[number];

export function isTableService(service: ServiceId): service is TableServiceId {
  return (tableServiceIds as readonly ServiceId[]).includes(service);
}
