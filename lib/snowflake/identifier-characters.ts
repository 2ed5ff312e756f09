// Explains, in words a brand user understands, why a character cannot be part of a Snowflake account
// identifier. Shared by the identifier parser and the pasted-output parser so both speak the same way.
// Pure (browser-safe).

const bidiControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const zeroWidth = /[\u200B-\u200D\u2060\uFEFF\u00AD\u180E]/;
// C0, DEL and C1 controls, plus line/paragraph separators that render as line breaks.
const controls = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
const fullwidth = /[\uFF01-\uFF5E\u3000]/;
// Scripts whose letters are the usual homoglyphs of Latin (Cyrillic А, Greek Α, Armenian, Cherokee, ...).
const lookAlikeScripts =
  /[\u0370-\u03FF\u0400-\u052F\u0530-\u058F\u13A0-\u13FF\u1D00-\u1D7F\u2100-\u214F\uA640-\uA69F]/;
const quotes = /["'`\u2018\u2019\u201C\u201D\u00B4]/;

function codePoint(ch: string): string {
  return "U+" + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
}

/** Why `ch` (one code point) is not allowed; assumes the caller already knows it is not allowed. */
export function describeBadCharacter(ch: string): string {
  if (ch === "\u0000") return "contains a NUL character (U+0000); type the identifier instead of pasting it";
  if (bidiControls.test(ch))
    return `contains an invisible text-direction character (${codePoint(ch)}); type the identifier instead of pasting it`;
  if (zeroWidth.test(ch))
    return `contains an invisible zero-width character (${codePoint(ch)}); type the identifier instead of pasting it`;
  if (controls.test(ch))
    return `contains an invisible control character (${codePoint(ch)}); type the identifier instead of pasting it`;
  if (/\s/.test(ch)) return "contains a space; an account identifier has no spaces inside it";
  if (fullwidth.test(ch))
    return `contains the full-width character '${ch}' (${codePoint(ch)}); switch your keyboard to standard (half-width) input`;
  if (lookAlikeScripts.test(ch))
    return `contains '${ch}' (${codePoint(ch)}), a non-Latin letter that looks like a Latin one; retype it with a standard Latin keyboard`;
  if (quotes.test(ch)) return "contains a quote; enter the identifier without quotes";
  if (ch === ";") return "contains a semicolon; enter only the account identifier, not SQL";
  if (ch.codePointAt(0)! > 0x7e)
    return `contains '${ch}' (${codePoint(ch)}); only the letters A–Z, digits and _ are allowed`;
  return `contains '${ch}'; only the letters A–Z, digits and _ are allowed`;
}

/** The first character outside `allowed`, described; undefined when every character is allowed. */
export function findBadCharacter(value: string, allowed: RegExp): string | undefined {
  if (value.includes("--") || value.includes("/*") || value.includes("*/") || value.includes("//")) {
    return "contains a SQL comment marker; enter only the account identifier, not SQL";
  }
  for (const ch of value) {
    if (!allowed.test(ch)) return describeBadCharacter(ch);
  }
  return undefined;
}
