/**
 * Characters that change how text is displayed rather than what it says, and the two visible
 * forms the project writes them in. Model text and file names are untrusted: an ESC starts a
 * terminal escape sequence, a CR returns to the start of the line, a newline starts a line of
 * its own (each can forge output in a CI log), and the bidirectional controls reorder text on
 * screen ("Trojan Source", CVE-2021-42574).
 */

/** The bidirectional controls: embeddings, overrides, isolates and the implicit marks. */
const BIDI_CONTROL_CLASS = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';

/** One match per bidirectional control. */
const BIDI_CONTROLS = new RegExp(`[${BIDI_CONTROL_CLASS}]`, 'g');

/** C0 controls, DEL, C1 controls, the line and paragraph separators and the bidi controls. */
const ALL_CONTROLS = new RegExp(`[\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029${BIDI_CONTROL_CLASS}]`, 'g');

/** The same, less the line breaks and tab that reports lay out as line breaks and spacing. */
const CONTROLS_BUT_LAYOUT = new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F${BIDI_CONTROL_CLASS}]`, 'g');

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * The text on one line, safe to print on a terminal or in a log: every control character
 * written as an escape sequence (`\n`, `\r`, `\t`, `\x1b`, `\u202e`). Text without control
 * characters is returned as it is.
 */
export function escapeControlCharacters(text: string): string {
    return text.replace(ALL_CONTROLS, character => SHORT_ESCAPES[character] ?? hexEscape(character));
}

/**
 * The text for a human-readable report: every control character other than tab, CR and LF
 * (which reports lay out) shown as its code point, such as `<U+202E>`, so that a reader sees
 * that it is there and it cannot reorder or hide the text around it.
 */
export function showControlCharacters(text: string): string {
    return text.replace(CONTROLS_BUT_LAYOUT, codePointLabel);
}

/**
 * The first control character of `text` that a report or a terminal must not carry raw (any
 * but tab, CR and LF), or undefined.
 */
export function firstRawControlCharacter(text: string): string | undefined {
    CONTROLS_BUT_LAYOUT.lastIndex = 0;
    return CONTROLS_BUT_LAYOUT.exec(text)?.[0];
}

/** What JSON.stringify leaves raw but a terminal or viewer acts on: DEL, C1, separators, bidi. */
const RAW_IN_JSON = new RegExp(`[\\u007F-\\u009F\\u2028\\u2029${BIDI_CONTROL_CLASS}]`, 'g');

/**
 * JSON text (from JSON.stringify) with the control characters that JSON.stringify leaves raw
 * written as `\u` escapes: the value it parses to is the same, and printing it is harmless.
 */
export function escapeJsonControlCharacters(json: string): string {
    return json.replace(RAW_IN_JSON, unicodeEscape);
}

/** The offset of every bidirectional control in `text`, in order. */
export function bidiControlOffsets(text: string): number[] {
    return Array.from(text.matchAll(BIDI_CONTROLS), match => match.index);
}

/** `U+202E` for the character U+202E. */
export function codePoint(character: string): string {
    return `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function codePointLabel(character: string): string {
    return `<${codePoint(character)}>`;
}

function hexEscape(character: string): string {
    const code = character.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : unicodeEscape(character);
}

function unicodeEscape(character: string): string {
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
