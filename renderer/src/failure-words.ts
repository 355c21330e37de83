import type { CardSide } from '../../shared/idcard-result.js';
import type { Failure } from '../../shared/result.js';
import { fill, type Messages } from './i18n.js';

/**
 * A failed reading in the UI's language. The server's messages are English; the refusals a card
 * reading can meet (not a card, the other side, two cards) are said here in both languages. Other
 * failures keep the server's words, which name what went wrong precisely.
 */
export function failureText(t: Messages, error: Failure, cardSide: CardSide | null): string {
  switch (error.code) {
    case 'NoIdCard':
      return t.errorNoIdCard;
    case 'CardSideMismatch':
      return cardSide ? fill(t.errorCardSideMismatch, { side: cardSide === 'FRONT' ? t.sideFront : t.sideBack }) : error.message;
    case 'MultipleCards':
      return t.errorMultipleCards;
    default:
      return error.message;
  }
}
