/**
 * For `auto`: the language set to read a page with, from the script OSD detected. OSD cannot tell
 * Simplified from Traditional Chinese; Simplified is the more common in our market. Until the other
 * models arrive, and when the script is unknown (a small crop), read Chinese with English, which
 * also reads plain English.
 */
export function languagesForScript(script: string | null): readonly string[] {
  switch (script) {
    case 'Latin':
      return ['eng'];
    default:
      return ['chi_sim', 'eng'];
  }
}
