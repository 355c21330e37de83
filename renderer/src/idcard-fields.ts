import type { CardSide, IdCardFieldName, IdCardReading } from '../../shared/idcard-result.js';

/**
 * The fields of each side in the order the card prints them, and the labels it prints: the form
 * follows the card so a person can check one against the other. Kept free of React (pure), so the
 * queue's text export and the form share it.
 */
export const cardFieldOrder: Readonly<Record<CardSide, readonly IdCardFieldName[]>> = {
  FRONT: ['name', 'sex', 'nation', 'birth', 'address', 'idNum'],
  BACK: ['authority', 'validDate'],
};

/** The labels as printed on the card: the same in either UI language, since they are the card's. */
export const printedLabel: Readonly<Record<IdCardFieldName, string>> = {
  name: '姓名',
  sex: '性别',
  nation: '民族',
  birth: '出生',
  address: '住址',
  idNum: '公民身份号码',
  authority: '签发机关',
  validDate: '有效期限',
};

/** Below this a field is marked as doubtful (the same threshold as a text line's). */
export const lowFieldConfidence = 60;

/** The side's fields as "label: value" lines, for "export all as text" (language-independent, like the card). */
export const cardText = (reading: Pick<IdCardReading, 'side' | 'fields'>): string => cardFieldOrder[reading.side].map((field) => `${printedLabel[field]}: ${reading.fields[field]}`).join('\n');
