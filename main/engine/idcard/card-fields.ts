import type { Box } from '../../../shared/ocr-result.js';
import type { CardSide, IdCardFieldName } from '../../../shared/idcard-result.js';
import { joinWords } from '../recognize/join-words.js';
import { textRows } from '../table/aligned-grid.js';
import { backLayout, frontLayout, type Region } from './card-layout.js';
import { isNationality, nationalityOf } from './nations.js';
import { parseBirth } from './valid-date.js';

/** A word of the straightened card's reading, in card pixels (856 x 540). */
export interface CardWord {
  readonly text: string;
  readonly confidence: number;
  readonly box: Box;
}

/** The printed labels of each side, which say which side this is and where its layout sits. */
const labels = {
  FRONT: [
    { text: '姓名', region: frontLayout.nameLabel },
    { text: '性别', region: frontLayout.sexLabel },
    { text: '民族', region: frontLayout.nationLabel },
    { text: '出生', region: frontLayout.birthLabel },
    { text: '住址', region: frontLayout.addressLabel },
    { text: '公民身份号码', region: frontLayout.idNumLabel },
  ],
  BACK: [
    { text: '中华人民共和国', region: { ...backLayout.title, height: backLayout.title.height / 2 } },
    { text: '居民身份证', region: { ...backLayout.title, y: backLayout.title.y + backLayout.title.height / 2, height: backLayout.title.height / 2 } },
    { text: '签发机关', region: backLayout.authorityLabel },
    { text: '有效期限', region: backLayout.validDateLabel },
  ],
} as const;

const middleOf = (box: Box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

/** A label's characters found on the card: each character once, where the reading put it. */
function labelHits(words: readonly CardWord[], side: CardSide) {
  const hits: Array<{ expected: { x: number; y: number }; found: { x: number; y: number } }> = [];
  let characters = 0;
  for (const label of labels[side]) {
    const glyphs = [...label.text];
    characters += glyphs.length;
    glyphs.forEach((glyph, index) => {
      // Where this character of the label is printed: the label's region cut evenly.
      const expected = { x: label.region.x + ((index + 0.5) * label.region.width) / glyphs.length, y: label.region.y + label.region.height / 2 };
      const candidates = words.flatMap((word) => {
        const at = [...word.text].indexOf(glyph);
        if (at < 0) return [];
        const length = [...word.text].length;
        const found = { x: word.box.x + ((at + 0.5) * word.box.width) / length, y: word.box.y + word.box.height / 2 };
        return Math.hypot(found.x - expected.x, found.y - expected.y) < 120 ? [found] : [];
      });
      const nearest = candidates.sort((a, b) => Math.hypot(a.x - expected.x, a.y - expected.y) - Math.hypot(b.x - expected.x, b.y - expected.y))[0];
      if (nearest) hits.push({ expected, found: nearest });
    });
  }
  return { hits, share: hits.length / characters };
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Which side of a card the reading shows, by the share of that side's printed labels found where
 * the layout prints them: a card upside down, another document or another region's card finds few.
 * The values a side alone carries count too (0.3 each): the 18-character number on the front, the
 * validity's two dates on the back, as small pale labels are the first text a blurred or re-shot
 * card loses.
 */
export function sideOf(words: readonly CardWord[]): { side: CardSide; share: number } {
  const text = words.map((word) => word.text).join('').replace(/\s/gu, '');
  const front = labelHits(words, 'FRONT').share + (/\d{17}[\dXx]/u.test(text) ? 0.3 : 0);
  const back = labelHits(words, 'BACK').share + (/\d{4}\.?\d{2}\.?\d{2}[-—一~]+(\d{4}\.?\d{2}\.?\d{2}|长期)/u.test(text) ? 0.3 : 0);
  return front >= back ? { side: 'FRONT', share: front } : { side: 'BACK', share: back };
}

export interface FieldText {
  readonly text: string;
  readonly confidence: number;
  /** The words as rows, top to bottom (an address runs over several). */
  readonly rows: readonly string[];
}

/**
 * The words of each field of a side: those whose middles fall in the field's region, the layout
 * moved by how far the printed labels were found from where it puts them (a card cut out a few
 * pixels off). Words of the labels themselves are left out.
 */
export function fieldTexts(words: readonly CardWord[], side: CardSide): { texts: Partial<Record<IdCardFieldName, FieldText>>; shift: { dx: number; dy: number } } {
  const { hits } = labelHits(words, side);
  const dx = hits.length >= 3 ? median(hits.map((hit) => hit.found.x - hit.expected.x)) : 0;
  const dy = hits.length >= 3 ? median(hits.map((hit) => hit.found.y - hit.expected.y)) : 0;
  const shifted = (region: Region): Region => ({ ...region, x: region.x + dx, y: region.y + dy });
  const inRegion = (word: CardWord, region: Region) => {
    const { x, y } = middleOf(word.box);
    return x >= region.x && x < region.x + region.width && y >= region.y && y < region.y + region.height;
  };
  // A label's own characters, where the label is printed, are no part of a value beside it.
  const isLabel = (word: CardWord) => labels[side].some((label) => inRegion(word, shifted(label.region)) && [...word.text].every((glyph) => label.text.includes(glyph)));
  const within = (region: Region) => words.filter((word) => inRegion(word, shifted(region)) && !isLabel(word));
  const read = (region: Region): FieldText => {
    const inside = within(region);
    const characters = inside.reduce((sum, word) => sum + word.text.length, 0);
    const rows = inside.length === 0 ? [] : textRows(inside.map((word, line) => ({ ...word, line }))).map((row) => joinWords(row.words, Math.max(...row.words.map((word) => word.box.height))));
    return {
      text: rows.join(''),
      rows,
      confidence: characters ? Math.round(inside.reduce((sum, word) => sum + word.confidence * word.text.length, 0) / characters) : 0,
    };
  };
  const texts = Object.fromEntries(Object.entries(fieldRegions[side]).map(([name, region]) => [name, read(region)]));
  return { texts, shift: { dx, dy } };
}

/** Each side's fields and where they are printed. */
export const fieldRegions: Record<CardSide, Partial<Record<IdCardFieldName, Region>>> = {
  FRONT: { name: frontLayout.name, sex: frontLayout.sex, nation: frontLayout.nation, birth: frontLayout.birth, address: frontLayout.address, idNum: frontLayout.idNum },
  BACK: { authority: backLayout.authority, validDate: backLayout.validDate },
};

/**
 * Whether a field's text looks like what the card prints there; one that does not is read again
 * on its own (a lone 男 beside its label is easily missed in the whole card's reading).
 */
export const plausible: Record<IdCardFieldName, (text: string) => boolean> = {
  name: (text) => /^[\p{Script=Han}·]{2,}$/u.test(text),
  sex: (text) => /[男女]/u.test(text),
  nation: (text) => isNationality(nationalityOf(text)),
  // A real date of the last and this century: an extra digit read into the year (19909) is not one.
  birth: (text) => {
    const year = parseBirth(birthOf(text))?.year ?? 0;
    return year >= 1900 && year < 2100;
  },
  address: (text) => [...text].length >= 6,
  idNum: (text) => text.replace(/[^0-9Xx]/gu, '').length === 18,
  authority: (text) => /\p{Script=Han}{4,}/u.test(text),
  validDate: (text) => text.replace(/\D/gu, '').length >= 8,
};

/** Marks the reading picked up at a field's ends (a quote from the label's edge, a stray dash). */
export const trimmed = (text: string): string => text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

/**
 * Birth as the cloud gives it (`1987/1/1`) from the card's `1987 年 1 月 1 日` (or its digits
 * alone, as groups apart), or '' when no date is there.
 */
export function birthOf(text: string): string {
  const groups = /(\d{4})\D+(\d{1,2})\D+(\d{1,2})/u.exec(text) ?? /(\d{4})(\d{1,2})(\d{2})/u.exec(text.replace(/\s/gu, ''));
  return groups ? `${Number(groups[1])}/${Number(groups[2])}/${Number(groups[3])}` : '';
}

/** Sex as printed: the first 男 or 女 of the field. */
export const sexOf = (text: string): string => /[男女]/u.exec(text)?.[0] ?? '';

/** Nation without 族 (the cloud gives 汉, not 汉族), as one of the 56. */
export const nationOf = (text: string): string => nationalityOf(text);
