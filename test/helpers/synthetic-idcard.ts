import sharp from 'sharp';
import { backLayout, cardHeight, cardWidth, frontLayout, type Region } from '../../main/engine/idcard/card-layout.js';
import type { CardSide, IdCardFieldName, IdCardFields } from '../../shared/idcard-result.js';
import type { Point } from '../../shared/ocr-result.js';

/**
 * SYNTHETIC resident identity cards of the Chinese mainland: fictional people, drawn at test time
 * with an SVG and Noto Sans CJK / DejaVu Sans Mono (Debian's fonts-noto-cjk, fonts-dejavu), because
 * ../shared/corpus/idcard (real specimens) is not on these machines. Every card carries the words
 * "SYNTHETIC SPECIMEN 样本" in its bottom-left corner, away from every field; the portrait is a
 * drawn silhouette and the emblem a red disc with five stars, neither the real thing. No image is
 * committed: cards, photos of them and their variants are made when a test asks.
 *
 * The people are fictional, but their numbers follow GB 11643 (a real county-level division code
 * of the address's province, the birth date, a sequence whose last digit's parity is the sex, the
 * ISO 7064 MOD 11-2 check character) and their validity the issuing rules.
 */

// ---------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------

export interface SimpleDate {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

export interface SyntheticPerson {
  readonly name: string;
  readonly sex: '男' | '女';
  /** One of the 56 official names, without 族. */
  readonly nation: string;
  readonly birth: { readonly year: number; readonly month: number; readonly day: number };
  readonly address: string;
  readonly idNum: string;
  readonly authority: string;
  readonly validFrom: SimpleDate;
  readonly validTo: SimpleDate | 'long';
}

/** A deterministic PRNG (mulberry32): never Math.random, so a seed always gives the same cards. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const mixSeed = (seed: number, index: number) => {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  return (h ^ (h >>> 15)) >>> 0;
};

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (random: () => number, low: number, high: number) => low + Math.floor(random() * (high - low + 1));

const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const givenMale = [...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳洋建国志文海峰亮晨博远'];
const givenFemale = [...'芳娜敏静丽艳娟霞秀燕玲桂丹萍红玉兰琳雪梅婷慧莉颖倩佳欣悦晶洁璐月蓉薇岚'];

/** The 56 officially recognised nationalities, as the card prints them (without 族). */
export const nations: readonly string[] = [
  '汉', '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼', '哈萨克', '傣', '黎', '傈僳',
  '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土', '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯',
  '阿昌', '普米', '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔', '独龙', '鄂伦春', '赫哲', '门巴',
  '珞巴', '基诺',
];

export interface Division {
  readonly code: string;
  /** '' for the four municipalities (the address starts with the city). */
  readonly province: string;
  readonly city: string;
  readonly district: string;
}

/** Real county-level divisions (GB/T 2260), a few per province, for region codes that match the address. */
export const divisions: readonly Division[] = [
  { code: '110101', province: '', city: '北京市', district: '东城区' },
  { code: '110102', province: '', city: '北京市', district: '西城区' },
  { code: '110105', province: '', city: '北京市', district: '朝阳区' },
  { code: '110108', province: '', city: '北京市', district: '海淀区' },
  { code: '120101', province: '', city: '天津市', district: '和平区' },
  { code: '120103', province: '', city: '天津市', district: '河西区' },
  { code: '310101', province: '', city: '上海市', district: '黄浦区' },
  { code: '310104', province: '', city: '上海市', district: '徐汇区' },
  { code: '310105', province: '', city: '上海市', district: '长宁区' },
  { code: '310115', province: '', city: '上海市', district: '浦东新区' },
  { code: '500103', province: '', city: '重庆市', district: '渝中区' },
  { code: '130102', province: '河北省', city: '石家庄市', district: '长安区' },
  { code: '140105', province: '山西省', city: '太原市', district: '小店区' },
  { code: '150102', province: '内蒙古自治区', city: '呼和浩特市', district: '新城区' },
  { code: '210102', province: '辽宁省', city: '沈阳市', district: '和平区' },
  { code: '220102', province: '吉林省', city: '长春市', district: '南关区' },
  { code: '230102', province: '黑龙江省', city: '哈尔滨市', district: '道里区' },
  { code: '320102', province: '江苏省', city: '南京市', district: '玄武区' },
  { code: '320106', province: '江苏省', city: '南京市', district: '鼓楼区' },
  { code: '320508', province: '江苏省', city: '苏州市', district: '姑苏区' },
  { code: '330102', province: '浙江省', city: '杭州市', district: '上城区' },
  { code: '330106', province: '浙江省', city: '杭州市', district: '西湖区' },
  { code: '340102', province: '安徽省', city: '合肥市', district: '瑶海区' },
  { code: '350102', province: '福建省', city: '福州市', district: '鼓楼区' },
  { code: '350203', province: '福建省', city: '厦门市', district: '思明区' },
  { code: '360102', province: '江西省', city: '南昌市', district: '东湖区' },
  { code: '370102', province: '山东省', city: '济南市', district: '历下区' },
  { code: '370202', province: '山东省', city: '青岛市', district: '市南区' },
  { code: '410105', province: '河南省', city: '郑州市', district: '金水区' },
  { code: '420102', province: '湖北省', city: '武汉市', district: '江岸区' },
  { code: '420106', province: '湖北省', city: '武汉市', district: '武昌区' },
  { code: '430102', province: '湖南省', city: '长沙市', district: '芙蓉区' },
  { code: '430104', province: '湖南省', city: '长沙市', district: '岳麓区' },
  { code: '440103', province: '广东省', city: '广州市', district: '荔湾区' },
  { code: '440104', province: '广东省', city: '广州市', district: '越秀区' },
  { code: '440106', province: '广东省', city: '广州市', district: '天河区' },
  { code: '440303', province: '广东省', city: '深圳市', district: '罗湖区' },
  { code: '440304', province: '广东省', city: '深圳市', district: '福田区' },
  { code: '440305', province: '广东省', city: '深圳市', district: '南山区' },
  { code: '450103', province: '广西壮族自治区', city: '南宁市', district: '青秀区' },
  { code: '460105', province: '海南省', city: '海口市', district: '秀英区' },
  { code: '510104', province: '四川省', city: '成都市', district: '锦江区' },
  { code: '510107', province: '四川省', city: '成都市', district: '武侯区' },
  { code: '520102', province: '贵州省', city: '贵阳市', district: '南明区' },
  { code: '530102', province: '云南省', city: '昆明市', district: '五华区' },
  { code: '540102', province: '西藏自治区', city: '拉萨市', district: '城关区' },
  { code: '610102', province: '陕西省', city: '西安市', district: '新城区' },
  { code: '610113', province: '陕西省', city: '西安市', district: '雁塔区' },
  { code: '620102', province: '甘肃省', city: '兰州市', district: '城关区' },
  { code: '630102', province: '青海省', city: '西宁市', district: '城东区' },
  { code: '640104', province: '宁夏回族自治区', city: '银川市', district: '兴庆区' },
  { code: '650102', province: '新疆维吾尔自治区', city: '乌鲁木齐市', district: '天山区' },
];

const streets = ['人民路', '解放路', '建设路', '中山路', '和平路', '文化路', '胜利街', '新华路', '光明路', '朝阳路', '幸福街', '青年路', '长江路', '黄河路', '学院路', '东风路', '团结路', '工农路', '健康路', '兴业街', '花园路', '滨江路', '南湖路', '迎宾大道'];
const subdistricts = ['城南街道', '城北街道', '东湖街道', '西园街道', '新桥街道', '中心街道'];
const estates = ['阳光', '和谐', '金色', '翠苑', '锦绣', '丽景', '东方', '碧水', '春晖', '明珠'];
const estateKinds = ['小区', '花园', '家园', '新村'];

const checkWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** The 18th character of a number from its first 17 digits (GB 11643, ISO 7064 MOD 11-2). */
export function checkCharacter(first17: string): string {
  if (!/^\d{17}$/u.test(first17)) throw new Error(`not 17 digits: ${first17}`);
  let sum = 0;
  for (let index = 0; index < 17; index += 1) sum += Number(first17[index]) * checkWeights[index]!;
  return '10X98765432'[sum % 11]!;
}

const pad2 = (value: number) => String(value).padStart(2, '0');
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number) => [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
const dateKey = (date: SimpleDate) => date.y * 10000 + date.m * 100 + date.d;
const birthDate = (person: Pick<SyntheticPerson, 'birth'>): SimpleDate => ({ y: person.birth.year, m: person.birth.month, d: person.birth.day });

/** Completed years between a birth and a date. */
function ageAt(birth: SimpleDate, date: SimpleDate): number {
  return date.y - birth.y - (date.m * 100 + date.d < birth.m * 100 + birth.d ? 1 : 0);
}

/** How long a card issued at an age is valid (the Resident Identity Card Law, art. 5). */
export function validitySpan(age: number): 5 | 10 | 20 | 'long' {
  if (age < 16) return 5;
  if (age <= 25) return 10;
  if (age <= 45) return 20;
  return 'long';
}

const addYears = (date: SimpleDate, years: number): SimpleDate => ({ y: date.y + years, m: date.m, d: date.d });

/** A number for this division, birth, sex and sequence, with its check character. */
function numberFor(code: string, birth: SimpleDate, sequence: number, sex: '男' | '女'): string {
  // The sequence's last digit is the sex: odd for men, even for women.
  const last = sequence % 10;
  const sexDigit = sex === '男' ? (last % 2 === 1 ? last : (last + 1) % 10) : last % 2 === 0 ? last : (last + 1) % 10;
  const first17 = `${code}${birth.y}${pad2(birth.m)}${pad2(birth.d)}${String(Math.floor(sequence / 10) % 100).padStart(2, '0')}${sexDigit}`;
  return first17 + checkCharacter(first17);
}

/** The same person born on another day: the number follows (same division, sequence, sex). */
export function withBirth(person: SyntheticPerson, birth: SimpleDate): SyntheticPerson {
  const sequence = Number(person.idNum.slice(14, 17));
  return { ...person, birth: { year: birth.y, month: birth.m, day: birth.d }, idNum: numberFor(person.idNum.slice(0, 6), birth, sequence, person.sex) };
}

function addressFor(random: () => number, division: Division): string {
  const base = `${division.province}${division.city}${division.district}`;
  const target = between(random, 8, 30);
  const street = `${pick(random, streets)}${between(random, 1, 399)}号`;
  let address = `${base}${street}`;
  const subdistrict = pick(random, subdistricts);
  if (address.length + subdistrict.length <= target) address = `${base}${subdistrict}${street}`;
  const extras = [`${pick(random, estates)}${pick(random, estateKinds)}`, `${between(random, 1, 32)}栋`, `${between(random, 1, 6)}单元`, `${between(random, 1, 32)}${pad2(between(random, 1, 8))}室`];
  for (const extra of extras) {
    if (address.length + extra.length > Math.min(target, 30)) break;
    address += extra;
  }
  return address;
}

const authorityFor = (division: Division) => `${division.city}公安局${division.district.replace(/新区$|区$/u, '')}分局`;

/** Last issue day the generator uses, and the first day a current card may end on. */
const latestIssue: SimpleDate = { y: 2026, m: 6, d: 30 };
const validThrough: SimpleDate = { y: 2031, m: 1, d: 1 };

function personFor(seed: number): SyntheticPerson {
  const random = seededRandom(seed);
  const sex = random() < 0.5 ? '男' : '女';
  const surname = pick(random, surnames);
  const given = sex === '男' ? givenMale : givenFemale;
  const name = surname + pick(random, given) + (random() < 0.7 ? pick(random, given) : '');
  const nation = random() < 0.6 ? '汉' : pick(random, nations.slice(1));
  const division = pick(random, divisions);
  const birthYear = between(random, 1942, 2018);
  const birthMonth = between(random, 1, 12);
  const birth: SimpleDate = { y: birthYear, m: birthMonth, d: between(random, 1, daysIn(birthYear, birthMonth)) };
  // The card in hand: issued from 2006 up to mid-2026 (not before the age of 1), by the age rules,
  // and still valid on 2031-01-01 so tests keep passing for years.
  let validFrom: SimpleDate = latestIssue;
  let validTo: SimpleDate | 'long' = 'long';
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const y = between(random, Math.max(2006, birth.y + 1), latestIssue.y);
    const from: SimpleDate = { y, m: between(random, 1, y === latestIssue.y ? latestIssue.m : 12), d: between(random, 1, 28) };
    const span = validitySpan(ageAt(birth, from));
    const to = span === 'long' ? 'long' : addYears(from, span);
    validFrom = from;
    validTo = to;
    if (to === 'long' || dateKey(to) >= dateKey(validThrough)) break;
  }
  if (validTo !== 'long' && dateKey(validTo) < dateKey(validThrough)) {
    // Only a child issued a 5-year card can miss; its card is the latest possible one.
    validFrom = { y: latestIssue.y, m: between(random, 1, latestIssue.m), d: between(random, 1, 28) };
    const span = validitySpan(ageAt(birth, validFrom));
    validTo = span === 'long' ? 'long' : addYears(validFrom, span);
  }
  return {
    name,
    sex,
    nation,
    birth: { year: birth.y, month: birth.m, day: birth.d },
    address: addressFor(random, division),
    idNum: numberFor(division.code, birth, between(random, 0, 999), sex),
    authority: authorityFor(division),
    validFrom,
    validTo,
  };
}

/**
 * `count` fictional people for a seed: the same seed always gives the same people, and a longer
 * list starts with the shorter one. Every card is current (issued by mid-2026, valid at least to
 * 2031-01-01); see `expiredPerson` and `impossibleValidity` for the others.
 */
export function syntheticPeople(count: number, seed: number): SyntheticPerson[] {
  return Array.from({ length: count }, (_, index) => personFor(mixSeed(seed, index)));
}

/** The same person with a card whose validity ended before 2026 (an InvalidDateWarn case). */
export function expiredPerson(person: SyntheticPerson): SyntheticPerson {
  let current = person;
  for (let round = 0; round < 2; round += 1) {
    const birth = birthDate(current);
    for (let year = 2020; year >= 2004; year -= 1) {
      const from: SimpleDate = { y: year, m: current.validFrom.m, d: Math.min(current.validFrom.d, 28) };
      if (dateKey(from) <= dateKey(birth)) continue;
      const span = validitySpan(ageAt(birth, from));
      if (span !== 'long' && year + span <= 2025) return { ...current, validFrom: from, validTo: addYears(from, span) };
    }
    // Too old for any card that ends (46 and over in 2004 get 长期): made younger, born in 1975.
    current = withBirth(current, { y: 1975, m: birth.m, d: Math.min(birth.d, 28) });
  }
  throw new Error('no expired card found');
}

export type ImpossibleValidity = 'end-before-start' | 'no-such-date' | 'wrong-span' | 'long-too-young';

/**
 * The same person with a validity no card can have: ending before it starts, on 30 February, a
 * 7-year span, or 长期 for someone under 46 (made younger, born 1990, when needed).
 */
export function impossibleValidity(person: SyntheticPerson, kind: ImpossibleValidity = 'end-before-start'): SyntheticPerson {
  const from = person.validFrom;
  switch (kind) {
    case 'end-before-start':
      return { ...person, validFrom: person.validTo === 'long' ? addYears(from, 20) : person.validTo, validTo: from };
    case 'no-such-date':
      return { ...person, validFrom: { ...from, m: 2, d: 30 }, validTo: person.validTo === 'long' ? 'long' : { ...person.validTo, m: 2, d: 30 } };
    case 'wrong-span':
      return { ...person, validTo: addYears(from, 7) };
    case 'long-too-young': {
      const younger = ageAt(birthDate(person), from) >= 46 ? withBirth(person, { y: 1990, m: person.birth.month, d: Math.min(person.birth.day, 28) }) : person;
      return { ...younger, validTo: 'long' };
    }
  }
}

const dotted = (date: SimpleDate) => `${date.y}.${pad2(date.m)}.${pad2(date.d)}`;

/** What a reading of the person's card should give, in the cloud's forms (both sides' fields). */
export function fieldsOf(person: SyntheticPerson): IdCardFields {
  return {
    name: person.name,
    sex: person.sex,
    nation: person.nation,
    birth: `${person.birth.year}/${person.birth.month}/${person.birth.day}`,
    address: person.address,
    idNum: person.idNum,
    authority: person.authority,
    validDate: `${dotted(person.validFrom)}-${person.validTo === 'long' ? '长期' : dotted(person.validTo)}`,
  };
}

/** The fields printed on a side. */
export const fieldsOnSide: Readonly<Record<CardSide, readonly IdCardFieldName[]>> = {
  FRONT: ['name', 'sex', 'nation', 'birth', 'address', 'idNum'],
  BACK: ['authority', 'validDate'],
};

// ---------------------------------------------------------------------------------------------
// The straightened card
// ---------------------------------------------------------------------------------------------

const sans = 'Noto Sans CJK SC';
const mono = 'DejaVu Sans Mono';
const labelColour = '#4d6f8f';
const valueColour = '#141414';
/** The card's corner radius (3.18 mm at 10 px a millimetre). */
const cornerRadius = 32;
/** Written on every card, in the bottom-left corner: below the number's label (front), the validity's label (back). */
export const specimenMark = 'SYNTHETIC SPECIMEN 样本';
export const specimenMarkRegion: Region = { x: 24, y: 514, width: 200, height: 20 };

const escapeXml = (text: string) => text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

/** One piece of print: its text, where its baseline starts (or is centred), its font. */
export interface TextRun {
  readonly text: string;
  readonly x: number;
  /** The baseline. */
  readonly y: number;
  readonly size: number;
  readonly family: string;
  readonly fill: string;
  readonly anchor?: 'start' | 'middle';
  readonly bold?: boolean;
  readonly spacing?: number;
}

const runSvg = (run: TextRun) =>
  `<text x="${run.x}" y="${run.y}" font-family="${run.family}" font-size="${run.size}" fill="${run.fill}"${run.anchor === 'middle' ? ' text-anchor="middle"' : ''}${run.bold ? ' font-weight="bold"' : ''}${run.spacing ? ` letter-spacing="${run.spacing}"` : ''}>${escapeXml(run.text)}</text>`;

/** An estimate of a run's width: CJK characters are square, the rest about half as wide. */
function runWidth(run: TextRun): number {
  let width = 0;
  for (const char of run.text) width += run.family === mono ? run.size * 0.61 : char.codePointAt(0)! >= 0x2e80 ? run.size : run.size * 0.56;
  return width + (run.spacing ?? 0) * Math.max(0, [...run.text].length - 1);
}

/** The box a run's ink lies in (estimated). */
export function runBox(run: TextRun): Region {
  const width = runWidth(run);
  const x = run.anchor === 'middle' ? run.x - width / 2 : run.x;
  return { x, y: run.y - run.size * 0.9, width, height: run.size * 1.1 };
}

const addressSize = 27;
const addressWrap = 300;
const addressPitch = 38;

/** The address as the card wraps it: at most 11 characters a line (more when some are digits). */
export function addressLines(address: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of address) {
    const next = line + char;
    if (line !== '' && runWidth({ text: next, x: 0, y: 0, size: addressSize, family: sans, fill: '' }) > addressWrap) {
      lines.push(line);
      line = char;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}

const value = (text: string, x: number, y: number, size: number, extra: Partial<TextRun> = {}): TextRun => ({ text, x, y, size, family: sans, fill: valueColour, ...extra });
const label = (text: string, x: number, y: number, size = 22): TextRun => ({ text, x, y, size, family: sans, fill: labelColour });

/** Where each value of a side is printed (the runs the reader should find in the layout's regions). */
export function valueRuns(person: SyntheticPerson, side: CardSide): Partial<Record<IdCardFieldName, TextRun[]>> {
  if (side === 'BACK') {
    const fields = fieldsOf(person);
    return { authority: [value(fields.authority, 300, 424, 26)], validDate: [value(fields.validDate, 300, 484, 26)] };
  }
  const idPitch = 29.5;
  return {
    name: [value(person.name, 140, 89, 32)],
    sex: [value(person.sex, 140, 148, 28)],
    nation: [value(person.nation, 325, 148, 28)],
    birth: [value(String(person.birth.year), 140, 208, 28), value(String(person.birth.month), 262, 208, 28, { anchor: 'middle' }), value(String(person.birth.day), 336, 208, 28, { anchor: 'middle' })],
    address: addressLines(person.address).map((line, index) => value(line, 140, 262 + index * addressPitch, addressSize)),
    idNum: [...person.idNum].map((char, index) => value(char, 283 + idPitch * index + idPitch / 2, 483, 36, { family: mono, anchor: 'middle' })),
  };
}

/** Labels and other print that every card of a side has. */
function templateRuns(side: CardSide, temporary: boolean): TextRun[] {
  if (side === 'FRONT') {
    const spaced = (text: string, x: number, y: number) => [...text].map((char, index) => label(char, x + index * 34, y));
    const runs = [
      ...spaced('姓名', 52, 89), ...spaced('性别', 52, 148), ...spaced('民族', 245, 148), ...spaced('出生', 52, 208), ...spaced('住址', 52, 262),
      label('年', 212, 208), label('月', 287, 208), label('日', 361, 208),
      label('公民身份号码', 52, 482),
    ];
    if (temporary) runs.push({ text: '临时居民身份证', x: 428, y: 40, size: 26, family: sans, fill: '#8a3b12', anchor: 'middle', bold: true, spacing: 10 });
    return runs;
  }
  const title1 = [...'中华人民共和国'].map((char, index): TextRun => ({ text: char, x: 300 + index * 70, y: 108, size: 36, family: sans, fill: '#1d1d1d', anchor: 'middle', bold: true }));
  const title2Text = temporary ? '临时居民身份证' : '居民身份证';
  const pitch = temporary ? 74 : 112;
  const size = temporary ? 50 : 58;
  const title2 = [...title2Text].map((char, index): TextRun => ({ text: char, x: (temporary ? 306 : 320) + index * pitch, y: 188, size, family: sans, fill: '#1d1d1d', anchor: 'middle', bold: true }));
  return [...title1, ...title2, label('签发机关', 160, 424), label('有效期限', 160, 484)];
}

interface Tint {
  readonly from: string;
  readonly to: string;
  readonly line1: string;
  readonly line2: string;
}

const tints: Record<'front' | 'back' | 'temporary', Tint> = {
  front: { from: '#e7f1f3', to: '#d9e9e3', line1: '#b8d2d6', line2: '#c3dccb' },
  back: { from: '#e9f0f4', to: '#dbe8e9', line1: '#bfd3dc', line2: '#c9dcd2' },
  temporary: { from: '#f5eddb', to: '#eedfc3', line1: '#dcc7a0', line2: '#e3cfae' },
};

/** Fine interleaved sine waves and a rosette: a stand-in for the card's guilloche background. */
function guilloche(tint: Tint, side: CardSide): string {
  const parts: string[] = [];
  const wave = (offset: number, phase: number, amplitude: number) => {
    const points: string[] = [];
    for (let x = -8; x <= cardWidth + 8; x += 8) {
      const y = offset + amplitude * Math.sin((2 * Math.PI * x) / 170 + phase) + 2.5 * Math.sin((2 * Math.PI * x) / 53 + phase * 1.7);
      points.push(`${x},${y.toFixed(1)}`);
    }
    return `M${points.join('L')}`;
  };
  const a: string[] = [];
  const b: string[] = [];
  for (let k = -3; k < cardHeight / 11 + 3; k += 1) {
    a.push(wave(k * 11, k * 0.33, 7));
    b.push(wave(k * 11 + 5, k * 0.33 + Math.PI, 7));
  }
  parts.push(`<path d="${a.join('')}" fill="none" stroke="${tint.line1}" stroke-width="0.9" stroke-opacity="0.75"/>`);
  parts.push(`<path d="${b.join('')}" fill="none" stroke="${tint.line2}" stroke-width="0.9" stroke-opacity="0.75"/>`);
  // A rosette: a few rings whose radius ripples with the angle.
  const [cx, cy] = side === 'FRONT' ? [360, 300] : [520, 300];
  const rings: string[] = [];
  for (let ring = 0; ring < 6; ring += 1) {
    const points: string[] = [];
    for (let step = 0; step <= 360; step += 1) {
      const theta = (step * Math.PI) / 180;
      const r = 70 + ring * 22 + 9 * Math.sin(18 * theta + ring * 0.6);
      points.push(`${(cx + r * Math.cos(theta)).toFixed(1)},${(cy + r * 0.62 * Math.sin(theta)).toFixed(1)}`);
    }
    rings.push(`M${points.join('L')}Z`);
  }
  parts.push(`<path d="${rings.join('')}" fill="none" stroke="${tint.line1}" stroke-width="1" stroke-opacity="0.6"/>`);
  return parts.join('');
}

/** A grey-blue head-and-shoulders silhouette on a light ground: a drawn stand-in, no one's photo. */
function portraitSvg(): string {
  const { x, y, width, height } = frontLayout.portrait;
  const cx = x + width / 2;
  return [
    `<defs><filter id="feather" x="-10%" y="-10%" width="120%" height="120%"><feGaussianBlur stdDeviation="5"/></filter></defs>`,
    `<rect x="${x + 22}" y="${y + 12}" width="${width - 44}" height="${height - 14}" rx="8" fill="#f1f5f7" filter="url(#feather)"/>`,
    `<path d="M${cx - 112} ${y + height} C${cx - 108} ${y + 282} ${cx - 72} ${y + 246} ${cx - 28} ${y + 236} L${cx + 28} ${y + 236} C${cx + 72} ${y + 246} ${cx + 108} ${y + 282} ${cx + 112} ${y + height} Z" fill="#8494a7"/>`,
    `<rect x="${cx - 23}" y="${y + 180}" width="46" height="66" rx="12" fill="#92a1b2"/>`,
    `<ellipse cx="${cx}" cy="${y + 128}" rx="56" ry="70" fill="#9eacbb"/>`,
    `<path d="M${cx - 57} ${y + 126} C${cx - 60} ${y + 70} ${cx - 28} ${y + 50} ${cx} ${y + 50} C${cx + 30} ${y + 50} ${cx + 60} ${y + 68} ${cx + 57} ${y + 126} C${cx + 44} ${y + 94} ${cx + 16} ${y + 84} ${cx} ${y + 86} C${cx - 18} ${y + 84} ${cx - 44} ${y + 94} ${cx - 57} ${y + 126} Z" fill="#5b6776"/>`,
  ].join('');
}

/** A red disc in a gold ring with five equal yellow stars in a circle: plainly not the national emblem. */
function emblemSvg(): string {
  const { x, y, width, height } = backLayout.emblem;
  const [cx, cy] = [x + width / 2, y + height / 2];
  const star = (sx: number, sy: number, r: number) => {
    const points: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const angle = -Math.PI / 2 + (i * Math.PI) / 5;
      const radius = i % 2 === 0 ? r : r * 0.4;
      points.push(`${(sx + radius * Math.cos(angle)).toFixed(1)},${(sy + radius * Math.sin(angle)).toFixed(1)}`);
    }
    return `<polygon points="${points.join(' ')}" fill="#ffd43b"/>`;
  };
  const stars = Array.from({ length: 5 }, (_, i) => {
    const angle = -Math.PI / 2 + (i * 2 * Math.PI) / 5;
    return star(cx + 33 * Math.cos(angle), cy + 33 * Math.sin(angle), 14);
  });
  return `<circle cx="${cx}" cy="${cy}" r="70" fill="#d8a62c"/><circle cx="${cx}" cy="${cy}" r="62" fill="#f3d27a"/><circle cx="${cx}" cy="${cy}" r="58" fill="#c62a32"/>${stars.join('')}<circle cx="${cx}" cy="${cy}" r="9" fill="#d8a62c"/>`;
}

export interface RenderOptions {
  /** A temporary card: 临时居民身份证 at the top of the front (and as the back's title), a sand tint. */
  readonly temporary?: boolean;
}

/** The card's SVG; runs replaced or added by the caller (tampering) go on top. */
function cardSvg(person: SyntheticPerson, side: CardSide, options: RenderOptions, overlay = ''): string {
  const temporary = options.temporary ?? false;
  const tint = temporary ? tints.temporary : side === 'FRONT' ? tints.front : tints.back;
  const runs = [...templateRuns(side, temporary), ...Object.values(valueRuns(person, side)).flat()];
  const mark = `<text x="${specimenMarkRegion.x + 4}" y="${specimenMarkRegion.y + 15}" font-family="${sans}" font-size="13" fill="#506070" fill-opacity="0.75">${specimenMark}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${cardWidth}" height="${cardHeight}">`,
    `<defs><linearGradient id="tint" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${tint.from}"/><stop offset="1" stop-color="${tint.to}"/></linearGradient>`,
    `<clipPath id="card"><rect width="${cardWidth}" height="${cardHeight}" rx="${cornerRadius}"/></clipPath></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<g clip-path="url(#card)"><rect width="100%" height="100%" fill="url(#tint)"/>${guilloche(tint, side)}</g>`,
    `<rect x="0.5" y="0.5" width="${cardWidth - 1}" height="${cardHeight - 1}" rx="${cornerRadius}" fill="none" stroke="#b9c4c8" stroke-width="1"/>`,
    side === 'FRONT' ? portraitSvg() : emblemSvg(),
    runs.map(runSvg).join(''),
    mark,
    overlay,
    '</svg>',
  ].join('');
}

/**
 * The straightened card (856 x 540, as `card-layout.ts` has it) as a PNG: the side's print, the
 * person's values, a drawn portrait or emblem stand-in, and the specimen mark. Outside the rounded
 * corners is white, as on a scanner.
 */
export async function renderCard(person: SyntheticPerson, side: CardSide, options: RenderOptions = {}): Promise<Buffer> {
  return sharp(Buffer.from(cardSvg(person, side, options))).flatten({ background: '#ffffff' }).png().toBuffer();
}

// ---------------------------------------------------------------------------------------------
// Geometry
// ---------------------------------------------------------------------------------------------

export type Quad = readonly [Point, Point, Point, Point];
type Homography = readonly number[];

/** The projective map taking the four `from` points to the four `to` points. */
export function homography(from: Quad, to: Quad): Homography {
  const rows: number[][] = [];
  for (let i = 0; i < 4; i += 1) {
    const { x, y } = from[i]!;
    const { x: u, y: v } = to[i]!;
    rows.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    rows.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gaussian elimination with partial pivoting on the 8 x 9 augmented matrix.
  for (let col = 0; col < 8; col += 1) {
    let best = col;
    for (let row = col + 1; row < 8; row += 1) if (Math.abs(rows[row]![col]!) > Math.abs(rows[best]![col]!)) best = row;
    [rows[col], rows[best]] = [rows[best]!, rows[col]!];
    const pivot = rows[col]![col]!;
    if (Math.abs(pivot) < 1e-12) throw new Error('degenerate quadrilateral');
    for (let row = 0; row < 8; row += 1) {
      if (row === col) continue;
      const factor = rows[row]![col]! / pivot;
      for (let k = col; k < 9; k += 1) rows[row]![k]! -= factor * rows[col]![k]!;
    }
  }
  const h = rows.map((row, i) => row[8]! / row[i]!);
  return [...h, 1];
}

export function applyHomography(h: Homography, point: Point): Point {
  const w = h[6]! * point.x + h[7]! * point.y + h[8]!;
  return { x: (h[0]! * point.x + h[1]! * point.y + h[2]!) / w, y: (h[3]! * point.x + h[4]! * point.y + h[5]!) / w };
}

const cardQuad: Quad = [
  { x: 0, y: 0 },
  { x: cardWidth, y: 0 },
  { x: cardWidth, y: cardHeight },
  { x: 0, y: cardHeight },
];

/** A photo (or any image) holding a card, with the card's corners in it: clockwise from the card's own top-left. */
export interface CardPhoto {
  readonly image: Buffer;
  readonly width: number;
  readonly height: number;
  readonly corners: Quad;
  readonly format: 'png' | 'jpeg';
}

/** A straightened card as a CardPhoto (its corners are the image's). */
export function asPhoto(card: Buffer): CardPhoto {
  return { image: card, width: cardWidth, height: cardHeight, corners: cardQuad, format: 'png' };
}

/** Where a point of the straightened card (856 x 540 coordinates) lies in the photo. */
export function cardToPhoto(photo: Pick<CardPhoto, 'corners'>, point: Point): Point {
  return applyHomography(homography(cardQuad, photo.corners), point);
}

const centreOf = (region: Region): Point => ({ x: region.x + region.width / 2, y: region.y + region.height / 2 });

/** The card's rounded outline in the photo, as a polygon. */
function outlineInPhoto(photo: Pick<CardPhoto, 'corners'>): Point[] {
  const h = homography(cardQuad, photo.corners);
  const r = cornerRadius;
  const centres: Array<[number, number, number]> = [
    [cardWidth - r, r, -90],
    [cardWidth - r, cardHeight - r, 0],
    [r, cardHeight - r, 90],
    [r, r, 180],
  ];
  const points: Point[] = [];
  for (const [cx, cy, start] of centres) {
    for (let step = 0; step <= 8; step += 1) {
      const angle = ((start + step * (90 / 8)) * Math.PI) / 180;
      points.push(applyHomography(h, { x: cx + r * Math.cos(angle), y: cy + r * Math.sin(angle) }));
    }
  }
  return points;
}

const pointsAttr = (points: readonly Point[]) => points.map((p) => `${p.x.toFixed(2)},${p.y.toFixed(2)}`).join(' ');

// ---------------------------------------------------------------------------------------------
// Pixels
// ---------------------------------------------------------------------------------------------

interface Pixels {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
}

async function rgbOf(image: Buffer): Promise<Pixels> {
  const { data, info } = await sharp(image).flatten({ background: '#ffffff' }).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

async function encode(pixels: Pixels, format: 'png' | 'jpeg', options: { blur?: number; quality?: number } = {}): Promise<Buffer> {
  let image = sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 3 } });
  if (options.blur && options.blur >= 0.3) image = image.blur(options.blur);
  return format === 'jpeg' ? image.jpeg({ quality: options.quality ?? 90 }).toBuffer() : image.png().toBuffer();
}

/** An antialiased mask (0-255, one byte a pixel) of SVG shapes drawn white on black. */
async function maskOf(width: number, height: number, shapes: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="black"/>${shapes}</svg>`;
  return sharp(Buffer.from(svg)).removeAlpha().extractChannel(0).raw().toBuffer();
}

const clampByte = (value: number) => (value < 0 ? 0 : value > 255 ? 255 : Math.round(value));

/** Smooth value noise on an integer lattice (hashed, so nothing is stored): 0-1. */
function latticeNoise(seed: number): (x: number, y: number) => number {
  const at = (i: number, j: number) => {
    let h = Math.imul(i, 0x27d4eb2d) ^ Math.imul(j, 0x165667b1) ^ seed;
    h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
    h ^= h >>> 13;
    return (h & 0xffff) / 65535;
  };
  return (x, y) => {
    const [i, j] = [Math.floor(x), Math.floor(y)];
    const [fx, fy] = [x - i, y - j];
    const [sx, sy] = [fx * fx * (3 - 2 * fx), fy * fy * (3 - 2 * fy)];
    const top = at(i, j) + (at(i + 1, j) - at(i, j)) * sx;
    const bottom = at(i, j + 1) + (at(i + 1, j + 1) - at(i, j + 1)) * sx;
    return top + (bottom - top) * sy;
  };
}

/** Desk-like ground: a lit gradient of a mid-grey or brown, soft blotches, streaks along a grain, noise. */
function deskPixels(width: number, height: number, seed: number): Pixels {
  const random = seededRandom(mixSeed(seed, 7001));
  const palette: Array<[number, number, number]> = [
    [128, 122, 112],
    [124, 96, 72],
    [98, 76, 60],
    [110, 114, 120],
    [136, 126, 108],
  ];
  const base = pick(random, palette);
  const grainAngle = random() * Math.PI;
  const [gc, gs] = [Math.cos(grainAngle), Math.sin(grainAngle)];
  const lightAngle = random() * 2 * Math.PI;
  const [lc, ls] = [Math.cos(lightAngle), Math.sin(lightAngle)];
  const grainAmount = 0.04 + random() * 0.08;
  const blotches = latticeNoise(mixSeed(seed, 7003));
  const streaks = latticeNoise(mixSeed(seed, 7004));
  const diagonal = Math.hypot(width, height);
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const along = x * gc + y * gs;
      const across = -x * gs + y * gc;
      const light = 0.86 + 0.28 * (((x - width / 2) * lc + (y - height / 2) * ls) / diagonal);
      const blotch = 0.6 * blotches(x / 110, y / 110) + 0.4 * blotches(x / 27 + 500, y / 27 + 500) - 0.5;
      const grain = 0.7 * streaks(along / 170, across / 2.4) + 0.3 * streaks(along / 40 + 900, across / 1.2) - 0.5;
      const noise = (random() - 0.5) * 16;
      const shade = light * (1 + 0.1 * blotch + 2 * grainAmount * grain);
      const offset = (y * width + x) * 3;
      data[offset] = clampByte(base[0] * shade + noise);
      data[offset + 1] = clampByte(base[1] * shade + noise);
      data[offset + 2] = clampByte(base[2] * shade + noise);
    }
  }
  return { data, width, height };
}

// ---------------------------------------------------------------------------------------------
// A photo of a card
// ---------------------------------------------------------------------------------------------

export interface PhotoOptions {
  /** The photo's size (default 1280 x 960). */
  readonly width?: number;
  readonly height?: number;
  /** How long the card's top edge is in the photo, before perspective (default 700 px). */
  readonly cardWidth?: number;
  /** Where the card's centre lies (default the photo's centre). */
  readonly centre?: Point;
  /** Clockwise rotation in degrees, any (90 and 180 included). */
  readonly angle?: number;
  /** Offsets added to the card's corners (clockwise from its top-left) after rotation: perspective. */
  readonly perspective?: Quad;
  /** Gaussian blur sigma over the whole photo (out of focus). */
  readonly blur?: number;
  readonly format?: 'png' | 'jpeg';
  /** JPEG quality (default 90). */
  readonly quality?: number;
  /** The desk's colour and grain (default 1). */
  readonly seed?: number;
  /** Round the card's corners (default true; false for an image that is not a bare card). */
  readonly rounded?: boolean;
  /** A soft shadow under the card (default true). */
  readonly shadow?: boolean;
}

/**
 * The card (a straightened card image, any size: its corners are the image's) photographed on a
 * desk: placed, rotated, seen in perspective, lit, optionally blurred and JPEG-compressed. The
 * card is warped with an exact projective map (bilinear sampling, premultiplied alpha) in plain
 * TypeScript, so no OpenCV is needed; the corners reported are those of the map.
 */
export async function photoOfCard(card: Buffer, options: PhotoOptions = {}): Promise<CardPhoto> {
  const width = options.width ?? 1280;
  const height = options.height ?? 960;
  const meta = await sharp(card).metadata();
  const [inWidth, inHeight] = [meta.width ?? cardWidth, meta.height ?? cardHeight];
  const length = options.cardWidth ?? 700;
  const centre = options.centre ?? { x: width / 2, y: height / 2 };
  const angle = ((options.angle ?? 0) * Math.PI) / 180;
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const [hw, hh] = [length / 2, (length * inHeight) / inWidth / 2];
  const offsets = options.perspective ?? [{ x: 0, y: 0 }, { x: 0, y: 0 }, { x: 0, y: 0 }, { x: 0, y: 0 }];
  const corners = ([[-hw, -hh], [hw, -hh], [hw, hh], [-hw, hh]] as const).map(([dx, dy], i) => ({
    x: centre.x + dx * cos - dy * sin + offsets[i]!.x,
    y: centre.y + dx * sin + dy * cos + offsets[i]!.y,
  })) as unknown as Quad;

  // The card resampled to about its size in the photo first (Lanczos), so the warp never aliases.
  const edge = Math.max(...corners.map((p, i) => Math.hypot(p.x - corners[(i + 1) % 4]!.x, p.y - corners[(i + 1) % 4]!.y)));
  const scale = Math.min(1.5, edge / Math.max(inWidth, inHeight) * 1.05);
  const [sw, sh] = [Math.max(8, Math.round(inWidth * scale)), Math.max(8, Math.round(inHeight * scale))];
  const source = await sharp(card).resize(sw, sh, { fit: 'fill' }).flatten({ background: '#ffffff' }).removeAlpha().toColourspace('srgb').raw().toBuffer();
  const alpha = new Float32Array(sw * sh).fill(1);
  if (options.rounded ?? true) {
    const r = (cornerRadius / cardWidth) * sw;
    for (let y = 0; y < sh; y += 1) {
      for (let x = 0; x < sw; x += 1) {
        const [px, py] = [x + 0.5, y + 0.5];
        const cx = px < r ? r : px > sw - r ? sw - r : px;
        const cy = py < r ? r : py > sh - r ? sh - r : py;
        const d = Math.hypot(px - cx, py - cy);
        if (d > r - 1) alpha[y * sw + x] = Math.max(0, Math.min(1, r - d + 0.5));
      }
    }
  }
  const toSource = homography(corners, [
    { x: 0, y: 0 },
    { x: sw, y: 0 },
    { x: sw, y: sh },
    { x: 0, y: sh },
  ]);

  const desk = deskPixels(width, height, options.seed ?? 1);
  const cover = new Float32Array(width * height);
  const colour = new Float32Array(width * height * 3);
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  const [x0, x1] = [Math.max(0, Math.floor(Math.min(...xs)) - 1), Math.min(width - 1, Math.ceil(Math.max(...xs)) + 1)];
  const [y0, y1] = [Math.max(0, Math.floor(Math.min(...ys)) - 1), Math.min(height - 1, Math.ceil(Math.max(...ys)) + 1)];
  for (let y = y0; y <= y1; y += 1) {
    for (let x = x0; x <= x1; x += 1) {
      const s = applyHomography(toSource, { x: x + 0.5, y: y + 0.5 });
      const [u, v] = [s.x - 0.5, s.y - 0.5];
      if (u < -1 || v < -1 || u > sw || v > sh) continue;
      const [iu, iv] = [Math.floor(u), Math.floor(v)];
      const [fu, fv] = [u - iu, v - iv];
      let a = 0;
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy, w] of [
        [0, 0, (1 - fu) * (1 - fv)],
        [1, 0, fu * (1 - fv)],
        [0, 1, (1 - fu) * fv],
        [1, 1, fu * fv],
      ] as const) {
        const [sx, sy] = [iu + dx, iv + dy];
        if (sx < 0 || sy < 0 || sx >= sw || sy >= sh || w === 0) continue;
        const k = sy * sw + sx;
        const wa = w * alpha[k]!;
        a += wa;
        r += wa * source[k * 3]!;
        g += wa * source[k * 3 + 1]!;
        b += wa * source[k * 3 + 2]!;
      }
      const index = y * width + x;
      cover[index] = a;
      colour[index * 3] = r;
      colour[index * 3 + 1] = g;
      colour[index * 3 + 2] = b;
    }
  }

  // The card's shadow on the desk: its coverage, blurred and shifted down-right.
  let shadow: Buffer | null = null;
  if (options.shadow ?? true) {
    const shift = Math.round(length * 0.008);
    const coverBytes = Buffer.alloc(width * height);
    for (let y = shift; y < height; y += 1) for (let x = shift; x < width; x += 1) coverBytes[y * width + x] = clampByte(cover[(y - shift) * width + x - shift]! * 255);
    shadow = await sharp(coverBytes, { raw: { width, height, channels: 1 } }).blur(Math.max(1, length * 0.012)).extractChannel(0).raw().toBuffer();
  }

  const random = seededRandom(mixSeed(options.seed ?? 1, 7002));
  const out = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i += 1) {
    const a = cover[i]!;
    const dark = shadow ? 1 - 0.45 * (shadow[i]! / 255) : 1;
    const noise = (random() - 0.5) * 6;
    for (let c = 0; c < 3; c += 1) out[i * 3 + c] = clampByte(desk.data[i * 3 + c]! * dark * (1 - a) + colour[i * 3 + c]! + noise);
  }
  const format = options.format ?? 'png';
  const image = await encode({ data: out, width, height }, format, { blur: options.blur ?? 0, quality: options.quality ?? 90 });
  return { image, width, height, corners, format };
}

// ---------------------------------------------------------------------------------------------
// Variants
// ---------------------------------------------------------------------------------------------

/** The card's coverage of the photo (0-255 a pixel), rounded corners included. */
const cardMask = (photo: CardPhoto) => maskOf(photo.width, photo.height, `<polygon points="${pointsAttr(outlineInPhoto(photo))}" fill="white"/>`);

/** Paper on the copier's output, as photographed: near white, gently lit, a little noise. */
function paperAt(x: number, y: number, width: number, height: number, noise: number, warm: boolean): [number, number, number] {
  const light = 0.95 + 0.05 * (1 - Math.hypot(x / width - 0.45, y / height - 0.4));
  const value = 246 * light + noise;
  return warm ? [value, value - 2, value - 7] : [value, value, value];
}

/** A thin grey line where the copier saw the card's edge. */
async function withEdge(pixels: Pixels, photo: CardPhoto, colour: string): Promise<Pixels> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${photo.width}" height="${photo.height}"><polygon points="${pointsAttr(outlineInPhoto(photo))}" fill="none" stroke="${colour}" stroke-width="1.6" stroke-opacity="0.7"/></svg>`;
  const data = await sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 3 } })
    .composite([{ input: Buffer.from(svg) }])
    .removeAlpha()
    .raw()
    .toBuffer();
  return { ...pixels, data };
}

/**
 * A black-and-white photocopy of the card, photographed: the sheet of paper fills the photo, the
 * card is grey with its contrast raised (its light tint washes out), toner speckle over all and a
 * slight blur. Same size and corners.
 */
export async function greyPhotocopy(photo: CardPhoto, seed = 1): Promise<CardPhoto> {
  const { data, width, height } = await rgbOf(photo.image);
  const mask = await cardMask(photo);
  const random = seededRandom(mixSeed(seed, 8001));
  const out = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = y * width + x;
      const lum = 0.299 * data[i * 3]! + 0.587 * data[i * 3 + 1]! + 0.114 * data[i * 3 + 2]!;
      const copied = ((lum - 70) / (232 - 70)) * 255 + (random() - 0.5) * 10;
      const [paper] = paperAt(x, y, width, height, (random() - 0.5) * 5, false);
      const m = mask[i]! / 255;
      let grey = m * Math.min(250, copied) + (1 - m) * paper;
      if (random() < 0.0018) grey -= 60 + random() * 110; // toner speckle
      out[i * 3] = out[i * 3 + 1] = out[i * 3 + 2] = clampByte(grey);
    }
  }
  const edged = await withEdge({ data: out, width, height }, photo, '#6a6a6a');
  return { ...photo, image: await encode(edged, photo.format, { blur: 0.7 }) };
}

/**
 * A colour photocopy of the card, photographed: the paper fills the photo, the card's colours
 * washed out (half the saturation) and shifted warm, a rotated halftone dot screen, noise.
 */
export async function colourPhotocopy(photo: CardPhoto, seed = 1): Promise<CardPhoto> {
  const { data, width, height } = await rgbOf(photo.image);
  const mask = await cardMask(photo);
  const random = seededRandom(mixSeed(seed, 8002));
  const out = Buffer.alloc(width * height * 3);
  const period = 4.2;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = y * width + x;
      const [r, g, b] = [data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!];
      const lum = 0.299 * r + 0.587 * g + 0.114 * b;
      const dots = Math.cos((2 * Math.PI * (x + y)) / (period * Math.SQRT2)) * Math.cos((2 * Math.PI * (x - y)) / (period * Math.SQRT2));
      const ink = 1 - lum / 255;
      const screen = 1 - (0.1 + 0.25 * ink) * (0.5 + 0.5 * dots);
      const noise = (random() - 0.5) * 14;
      const copy = [r, g, b].map((c, k) => {
        const washed = lum + 0.5 * (c - lum);
        const shifted = washed * [1.03, 1.0, 0.92][k]! + [4, 1, -2][k]!;
        return ((shifted - 128) * 1.15 + 140) * screen + noise;
      });
      const paper = paperAt(x, y, width, height, (random() - 0.5) * 5, true);
      const m = mask[i]! / 255;
      for (let c = 0; c < 3; c += 1) out[i * 3 + c] = clampByte(m * copy[c]! + (1 - m) * paper[c]!);
    }
  }
  const edged = await withEdge({ data: out, width, height }, photo, '#857f70');
  return { ...photo, image: await encode(edged, photo.format, { blur: 0.5 }) };
}

export interface ReshootOptions {
  /** Angle of the screen's pixel grid to the camera's, in degrees (default 1.5). */
  readonly angle?: number;
  /** Screen pixels per photo pixel, near 1 for broad moire bands (default 1.025). */
  readonly pitch?: number;
  readonly seed?: number;
}

/**
 * The photo shown on a screen and photographed again: the screen's RGB stripes and black matrix,
 * slightly rotated, a little bent, and at nearly the camera's pixel pitch, sampled at the camera's
 * pixels (so they alias into broad, curved, coloured moire bands); a fine rotated grating (3.5 px)
 * over it; raised blacks, a blue cast, and a blur. Same size and corners.
 */
export async function screenReshoot(photo: CardPhoto, options: ReshootOptions = {}): Promise<CardPhoto> {
  const { data, width, height } = await rgbOf(photo.image);
  const theta = ((options.angle ?? 1.5) * Math.PI) / 180;
  const f = options.pitch ?? 1.025;
  // The lens bends the grid a little: the pitch drifts across the photo, so the bands curve.
  const bend = 1.2e-5;
  const [mx, my] = [width / 2, height / 2];
  const [c, s] = [Math.cos(theta), Math.sin(theta)];
  const grating = ((30 * Math.PI) / 180);
  const [gc, gs] = [Math.cos(grating), Math.sin(grating)];
  const random = seededRandom(mixSeed(options.seed ?? 1, 8003));
  const out = Buffer.alloc(width * height * 3);
  const a = 0.11;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = y * width + x;
      const curve = bend * ((x - mx) ** 2 + (y - my) ** 2);
      const u = f * (x * c - y * s) + curve;
      const v = f * 0.985 * (x * s + y * c) + curve;
      const row = 1 - 0.08 + 0.16 * (0.5 + 0.5 * Math.cos(2 * Math.PI * v));
      const fine = 1 - 0.08 * (0.5 + 0.5 * Math.sin((2 * Math.PI * (x * gc + y * gs)) / 3.5));
      const noise = (random() - 0.5) * 6;
      for (let k = 0; k < 3; k += 1) {
        const stripe = 0.5 + 0.5 * Math.cos(2 * Math.PI * (u - k / 3));
        const screen = (data[i * 3 + k]! / 255) * 0.82 + 0.1 + [0, 0.01, 0.04][k]!;
        out[i * 3 + k] = clampByte(255 * screen * (1 - a + 2 * a * stripe) * row * fine + noise);
      }
    }
  }
  return { ...photo, image: await encode({ data: out, width, height }, photo.format, { blur: 0.6 }) };
}

export interface CropOptions {
  /** The side of the photo cut (default 'right'). */
  readonly side?: 'left' | 'right' | 'top' | 'bottom';
  /** How much of the card's extent on that axis falls outside (default 0.15; 0.1-0.2 intended). */
  readonly fraction?: number;
}

/**
 * The photo cut so part of the card is outside it (BorderCheckWarn). The corners move with the
 * cut, some outside the image.
 */
export async function croppedBorder(photo: CardPhoto, options: CropOptions = {}): Promise<CardPhoto> {
  const side = options.side ?? 'right';
  const fraction = options.fraction ?? 0.15;
  const horizontal = side === 'left' || side === 'right';
  const values = photo.corners.map((p) => (horizontal ? p.x : p.y));
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const extent = high - low;
  const keep =
    side === 'left' ? { left: Math.round(low + fraction * extent), top: 0 } : side === 'top' ? { left: 0, top: Math.round(low + fraction * extent) } : { left: 0, top: 0 };
  const width = side === 'right' ? Math.round(high - fraction * extent) : photo.width - keep.left;
  const height = side === 'bottom' ? Math.round(high - fraction * extent) : photo.height - keep.top;
  let image = sharp(photo.image).extract({ left: keep.left, top: keep.top, width, height });
  image = photo.format === 'jpeg' ? image.jpeg({ quality: 92 }) : image.png();
  const corners = photo.corners.map((p) => ({ x: p.x - keep.left, y: p.y - keep.top })) as unknown as Quad;
  return { ...photo, image: await image.toBuffer(), width, height, corners };
}

export interface GlareOptions {
  /** Over the portrait (front), the emblem (back), a field (front: birth and address; back: validity), or a card region. */
  readonly where: 'portrait' | 'emblem' | 'field' | Region;
  /** For 'field' (default FRONT). */
  readonly side?: CardSide;
  /** Half-axes on the card in card pixels (default 150 x 85). */
  readonly radii?: { readonly x: number; readonly y: number };
}

/** The point of the card a glare is centred on (card coordinates). */
export function glareCentre(options: GlareOptions): Point {
  if (typeof options.where === 'object') return centreOf(options.where);
  if (options.where === 'portrait') return centreOf(frontLayout.portrait);
  if (options.where === 'emblem') return centreOf(backLayout.emblem);
  return options.side === 'BACK' ? { x: 560, y: 460 } : { x: 335, y: 235 };
}

/** A bright white elliptical highlight with a soft edge over part of the card (ReflectWarn). */
export async function glare(photo: CardPhoto, options: GlareOptions): Promise<CardPhoto> {
  const centre = cardToPhoto(photo, glareCentre(options));
  const [tl, tr] = [photo.corners[0], photo.corners[1]];
  const scale = Math.hypot(tr.x - tl.x, tr.y - tl.y) / cardWidth;
  const angle = (Math.atan2(tr.y - tl.y, tr.x - tl.x) * 180) / Math.PI - 18;
  const radii = options.radii ?? { x: 150, y: 85 };
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${photo.width}" height="${photo.height}">`,
    `<defs><radialGradient id="glare"><stop offset="0" stop-color="#fff" stop-opacity="1"/><stop offset="0.45" stop-color="#fff" stop-opacity="0.97"/><stop offset="0.75" stop-color="#fff" stop-opacity="0.55"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs>`,
    `<ellipse cx="0" cy="0" rx="${radii.x * scale}" ry="${radii.y * scale}" fill="url(#glare)" transform="translate(${centre.x.toFixed(1)} ${centre.y.toFixed(1)}) rotate(${angle.toFixed(1)})"/>`,
    '</svg>',
  ].join('');
  let image = sharp(photo.image).composite([{ input: Buffer.from(svg) }]);
  image = photo.format === 'jpeg' ? image.jpeg({ quality: 92 }) : image.png();
  return { ...photo, image: await image.toBuffer() };
}

export interface OcclusionOptions {
  /** The card edge the finger comes in from (default 'bottom'). */
  readonly edge?: 'top' | 'right' | 'bottom' | 'left';
  /** Where along that edge, 0-1 (default 0.3). */
  readonly at?: number;
  /** How far in the fingertip reaches, as a part of the card's extent across that edge (default 0.32). */
  readonly depth?: number;
}

/** The finger's geometry on the card (card coordinates): its axis from the edge inwards and its width. */
export function fingerOnCard(options: OcclusionOptions = {}): { base: Point; direction: Point; reach: number; width: number } {
  const edge = options.edge ?? 'bottom';
  const at = options.at ?? 0.3;
  const tilt = (14 * Math.PI) / 180;
  const inward = { top: { x: 0, y: 1 }, bottom: { x: 0, y: -1 }, left: { x: 1, y: 0 }, right: { x: -1, y: 0 } }[edge];
  const direction = { x: inward.x * Math.cos(tilt) - inward.y * Math.sin(tilt), y: inward.x * Math.sin(tilt) + inward.y * Math.cos(tilt) };
  const base = { top: { x: at * cardWidth, y: 0 }, bottom: { x: at * cardWidth, y: cardHeight }, left: { x: 0, y: at * cardHeight }, right: { x: cardWidth, y: at * cardHeight } }[edge];
  const across = edge === 'top' || edge === 'bottom' ? cardHeight : cardWidth;
  return { base, direction, reach: (options.depth ?? 0.32) * across, width: 150 };
}

/** A finger-like flesh-coloured blob (with a nail and a soft shadow) over part of the card (occlusion). */
export async function occluded(photo: CardPhoto, options: OcclusionOptions = {}): Promise<CardPhoto> {
  const { base, direction, reach, width } = fingerOnCard(options);
  const h = homography(cardQuad, photo.corners);
  const perp = { x: -direction.y, y: direction.x };
  const at = (t: number, side: number): Point => applyHomography(h, { x: base.x + direction.x * t + perp.x * side, y: base.y + direction.y * t + perp.y * side });
  const half = width / 2;
  const tipCentre = reach - half;
  const outline: Point[] = [];
  for (let t = -900; t <= tipCentre; t += 30) outline.push(at(t, -half));
  // The rounded tip: a half circle from one side of the finger to the other.
  for (let step = 0; step <= 16; step += 1) {
    const angle = (step * Math.PI) / 16;
    outline.push(at(tipCentre + half * Math.sin(angle), -half * Math.cos(angle)));
  }
  for (let t = tipCentre; t >= -900; t -= 30) outline.push(at(t, half));
  const nail: Point[] = [];
  for (let step = 0; step < 24; step += 1) {
    const angle = (step * 2 * Math.PI) / 24;
    nail.push(at(reach - half * 0.62 + half * 0.42 * Math.cos(angle), half * 0.62 * Math.sin(angle)));
  }
  const [g1, g2] = [at(tipCentre, -half), at(tipCentre, half)];
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${photo.width}" height="${photo.height}">`,
    `<defs><filter id="soft" x="-20%" y="-20%" width="140%" height="140%"><feGaussianBlur stdDeviation="9"/></filter>`,
    `<linearGradient id="skin" gradientUnits="userSpaceOnUse" x1="${g1.x}" y1="${g1.y}" x2="${g2.x}" y2="${g2.y}"><stop offset="0" stop-color="#b97e5f"/><stop offset="0.4" stop-color="#e7b796"/><stop offset="0.7" stop-color="#dfa986"/><stop offset="1" stop-color="#b57859"/></linearGradient></defs>`,
    `<polygon points="${pointsAttr(outline.map((p) => ({ x: p.x + 10, y: p.y + 14 })))}" fill="#000" fill-opacity="0.35" filter="url(#soft)"/>`,
    `<polygon points="${pointsAttr(outline)}" fill="url(#skin)"/>`,
    `<polygon points="${pointsAttr(nail)}" fill="#f0cbbb" stroke="#c99a86" stroke-width="1.5"/>`,
    '</svg>',
  ].join('');
  let image = sharp(photo.image).composite([{ input: Buffer.from(svg) }]);
  image = photo.format === 'jpeg' ? image.jpeg({ quality: 92 }) : image.png();
  return { ...photo, image: await image.toBuffer() };
}

/** A plausible altered value for a field (what a forger would paste in). */
function alteredPerson(person: SyntheticPerson, field: IdCardFieldName): Partial<SyntheticPerson> {
  switch (field) {
    case 'name':
      return { name: person.name.slice(0, 1) + (person.sex === '男' ? '志强' : '美玲') };
    case 'sex':
      return { sex: person.sex === '男' ? '女' : '男' };
    case 'nation':
      return { nation: person.nation === '汉' ? '回' : '汉' };
    case 'birth':
      return { birth: { ...person.birth, year: person.birth.year - 10 } };
    case 'address': {
      const moved = person.address.replace(/\d+号/u, '88号');
      return { address: moved === person.address ? person.address.replace(/\d+号/u, '98号') : moved };
    }
    case 'idNum':
      return { idNum: withBirth(person, { y: person.birth.year - 10, m: person.birth.month, d: Math.min(person.birth.day, 28) }).idNum };
    case 'authority':
      return { authority: person.authority.replace(/公安局.*分局$/u, '公安局') };
    case 'validDate':
      return { validTo: person.validTo === 'long' ? addYears(person.validFrom, 20) : addYears(person.validTo, 10) };
  }
}

/**
 * The card (as rendered for this person) with one field's value pasted over (DetectPsWarn): a flat
 * rectangle of roughly the card's colour (the guilloche broken) and the new value, a little larger
 * and greyer than the card's print. Gives the card and the person as it now reads.
 */
export async function tampered(card: Buffer, person: SyntheticPerson, field: IdCardFieldName, changes?: Partial<SyntheticPerson>): Promise<{ card: Buffer; shown: SyntheticPerson }> {
  const side: CardSide = fieldsOnSide.FRONT.includes(field) ? 'FRONT' : 'BACK';
  const shown: SyntheticPerson = { ...person, ...(changes ?? alteredPerson(person, field)) };
  const before = valueRuns(person, side)[field] ?? [];
  const after = (valueRuns(shown, side)[field] ?? []).map((run) => ({ ...run, size: run.size * 1.07, fill: '#3a3530', x: run.x + 1.5, y: run.y - 1 }));
  const boxes = [...before, ...after].map(runBox);
  const left = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.x)) - 5));
  const top = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.y)) - 4));
  const right = Math.min(cardWidth, Math.ceil(Math.max(...boxes.map((b) => b.x + b.width)) + 5));
  const bottom = Math.min(cardHeight, Math.ceil(Math.max(...boxes.map((b) => b.y + b.height)) + 4));
  const stats = await sharp(card).extract({ left, top, width: right - left, height: bottom - top }).stats();
  const mean = stats.channels.slice(0, 3).map((channel, k) => clampByte(channel.mean + [8, 5, -2][k]!));
  const overlay = `<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="rgb(${mean.join(',')})"/>${after.map(runSvg).join('')}`;
  const image = await sharp(card).composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${cardWidth}" height="${cardHeight}">${overlay}</svg>`) }]).png().toBuffer();
  return { card: image, shown };
}
