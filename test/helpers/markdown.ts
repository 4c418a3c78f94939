// A small reader of Markdown for the tests that check documentation: fenced blocks and link
// targets, with code left out.

/** A fenced code block: its info string, its content and the 1-based line of its opening fence. */
export interface FencedBlock {
    readonly info: string;
    readonly text: string;
    readonly line: number;
}

/** A link target and the 1-based line it is written on. */
export interface Link {
    readonly target: string;
    readonly line: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * The fenced code blocks of a CommonMark document. A block closes at a fence of the same
 * character, at least as long as the opening one, with nothing after it; an unclosed block runs
 * to the end of the document. Backtick fences cannot have a backtick in their info string.
 */
export function fencedBlocks(markdown: string): FencedBlock[] {
    const lines = markdown.split(/\r?\n/);
    const blocks: FencedBlock[] = [];
    for (let i = 0; i < lines.length; i++) {
        const open = FENCE.exec(lines[i]);
        if (!open) continue;
        const fence = open[1];
        const info = open[2].trim();
        if (fence[0] === '`' && info.includes('`')) continue;
        const content: string[] = [];
        let j = i + 1;
        for (; j < lines.length; j++) {
            const close = FENCE.exec(lines[j]);
            if (close && close[1][0] === fence[0] && close[1].length >= fence.length && close[2].trim() === '') break;
            content.push(lines[j]);
        }
        blocks.push({ info, text: content.join('\n'), line: i + 1 });
        i = j;
    }
    return blocks;
}

/**
 * The link targets of a Markdown document: inline links and images `[text](target "title")`,
 * reference definitions `[label]: target`, and `href`/`src` attributes of inline HTML. Code
 * blocks and code spans are left out: what they show is text, not a link.
 */
export function linkTargets(markdown: string): Link[] {
    const lines = markdown.split(/\r?\n/);
    const inBlock = new Set<number>();
    for (const block of fencedBlocks(markdown)) {
        const count = block.text === '' ? 0 : block.text.split('\n').length;
        for (let k = 0; k <= count + 1; k++) inBlock.add(block.line - 1 + k);
    }
    const links: Link[] = [];
    lines.forEach((raw, index) => {
        if (inBlock.has(index)) return;
        const line = raw.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, match => ' '.repeat(match.length));
        const add = (target: string) => links.push({ target, line: index + 1 });
        for (const match of line.matchAll(/\]\(\s*(<[^>]*>|[^\s)]+)/g)) {
            add(match[1].startsWith('<') ? match[1].slice(1, -1) : match[1]);
        }
        const definition = /^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/.exec(line);
        if (definition) add(definition[1].startsWith('<') ? definition[1].slice(1, -1) : definition[1]);
        for (const match of line.matchAll(/\b(?:href|src)\s*=\s*"([^"]*)"/g)) {
            add(match[1]);
        }
    });
    return links;
}
