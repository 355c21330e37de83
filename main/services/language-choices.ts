import type { LanguageChoice } from '../../shared/console-api.js';
import { listLanguageModels } from '../engine/languages/language-registry.js';

/**
 * What a language menu offers: the cloud's combined LanguageTypes first (auto, zh, zh_rare, mix),
 * then every language alone, by its cloud code where it has one, else its model name (English,
 * the two Chinese scripts, the vertical models).
 */
export function languageChoices(): LanguageChoice[] {
  const combined: LanguageChoice[] = [
    { code: 'auto', englishName: 'Automatic (by script)', vertical: false },
    { code: 'zh', englishName: 'Chinese and English', vertical: false },
    { code: 'zh_rare', englishName: 'Chinese (rare characters) and English', vertical: false },
    { code: 'mix', englishName: 'Chinese, Japanese, Korean and English', vertical: false },
  ];
  const single = listLanguageModels().map((model) => ({ code: model.cloudCode ?? model.name, englishName: model.displayName, vertical: model.vertical === true }));
  return [...combined, ...single];
}
