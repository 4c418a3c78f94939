import type { AstNode, CstNode, LangiumDocument } from 'langium';
import { CstUtils, GrammarAST, isCompositeCstNode, isLeafCstNode } from 'langium';
import type { FormattingAction, FormattingActionOptions, FormattingContext, FormattingMove } from 'langium/lsp';
import { AbstractFormatter, Formatting } from 'langium/lsp';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import type { Model } from '../generated/ast.js';
import { isModel } from '../generated/ast.js';

/**
 * Document formatting for `.isms` files: one layout, chosen for readability and stable diffs.
 *
 * - Top-level elements start at column 0, each on its own line. The author's blank lines
 *   between them are kept, at most one; two elements that both span several lines always get
 *   one blank line between them (before any comment that introduces the second).
 * - Blocks: `{` one space after the header; each property (each control of a framework, each
 *   level of `levels { … }`) on its own line, indented one level (the editor's tab size, 4
 *   spaces) per block; `}` on its own line. Blank lines between properties are kept, at most
 *   one; none after `{` or before `}`.
 * - Short blocks: a block stays on one line, `{ person "Jane Doe" }`, when it holds at most
 *   one property, no comment and no nested block, and the author wrote it on one line. An
 *   empty block is `{}`. Every other block is laid out as above: the formatter never joins a
 *   block onto one line, and never keeps two properties on one line.
 * - Within a property, one space between words: `residual likelihood 2  impact 4` becomes
 *   `residual likelihood 2 impact 4`; `1..4` and `CSF2::PR.AA-01` take no spaces; a comma none
 *   before, one after.
 * - Lists (`a, b, c`, and the values of a scale `1 "Rare" 2 "Unlikely"`) stay on one line or,
 *   where the author broke the line after an item, go on on the next line, aligned with the
 *   list's first item. In a one-line block they are on one line.
 * - Comments stay where they are. One at the end of a line keeps its line and the spaces
 *   before it (at least one); one on its own line is indented to its block's level, unless it
 *   continues, further right, the end-of-line comment above it: then it keeps its column.
 *   Lines inside a block comment move with its first line. Trailing spaces after `//` comments
 *   go, and the document ends with exactly one line break (in its own line ending style).
 *
 * Only whitespace between tokens changes, so the tokens are the same before and after, and
 * formatting a formatted document changes nothing. A document with syntax errors is left alone
 * (Langium's default).
 *
 * Implementation: every token gets one formatting for the whitespace before it (`prepend`).
 * Indentation is absolute: a line's level is the number of blocks open at its first token,
 * computed once per document, and line moves carry `tabs: level`; no composite node gets an
 * indenting move, so Langium's running indentation stays 0. Comments, which Langium's
 * AbstractFormatter only re-indents, are handled in createHiddenTextEdits.
 */
export class IsmsFormatter extends AbstractFormatter {

    /** Per-run state, set when the root is formatted (the root is always formatted first). */
    private depths = new Map<CstNode, number>();
    private comments: CstNode[] = [];
    private braces: CstNode[] = [];
    private continuedComments = new Set<CstNode>();
    private eol = '\n';
    private options: FormattingOptions = { tabSize: 4, insertSpaces: true };

    protected override doDocumentFormat(document: LangiumDocument, options: FormattingOptions, range?: Range): TextEdit[] {
        const text = document.textDocument.getText();
        this.eol = text.includes('\r\n') ? '\r\n' : '\n';
        this.options = options;
        const edits = super.doDocumentFormat(document, options, range);
        const ending = this.documentEnding(document, text, range);
        if (ending) {
            edits.push(ending);
        }
        this.depths = new Map();
        this.comments = [];
        this.braces = [];
        this.continuedComments = new Set();
        return edits;
    }

    protected override format(node: AstNode): void {
        if (isModel(node)) {
            this.formatModel(node);
        } else {
            this.formatElement(node);
        }
    }

    // ------------------------------------------------------------------ the document

    private formatModel(model: Model): void {
        const root = model.$cstNode;
        if (!root) {
            return;
        }
        const leaves: CstNode[] = CstUtils.streamCst(root).filter(isLeafCstNode).toArray();
        const indexOf = new Map(leaves.map((leaf, index) => [leaf, index]));
        let depth = 0;
        for (const leaf of leaves) {
            if (isToken(leaf, '}')) {
                depth = Math.max(0, depth - 1);
            }
            this.depths.set(leaf, depth);
            if (isToken(leaf, '{')) {
                depth++;
                this.braces.push(leaf);
            }
            if (leaf.hidden) {
                this.comments.push(leaf);
            }
        }

        // A comment that continues the comment at the end of the line above, indented deeper
        // than its level (`appetite 9  // residual scores above …` / `            // … acceptance`),
        // keeps its column.
        leaves.forEach((leaf, index) => {
            const previous = leaves[index - 1];
            if (leaf.hidden && previous?.hidden && previous.text.startsWith('//')
                && leaf.range.start.line === previous.range.end.line + 1
                && leaf.range.start.character > indentation(this.depthOf(leaf), this.options).length
                && (this.continuedComments.has(previous) || previous.text.indexOf('//', 2) > 0
                    || (index > 1 && leaves[index - 2].range.end.line === previous.range.start.line))) {
                this.continuedComments.add(leaf);
            }
        });

        const f = this.getNodeFormatter(model);
        // Comments on their own line: indented to their depth, at most one blank line before
        // them, none right after a `{`. (The document's first comment is handled in
        // createHiddenTextEdits: it has no previous node.)
        leaves.forEach((leaf, index) => {
            if (leaf.hidden && index > 0) {
                const level = this.depthOf(leaf);
                f.cst([leaf]).prepend(isToken(leaves[index - 1], '{') ? lineBreak(level) : lineBreakKeepingBlank(level));
            }
        });

        // Top-level elements.
        const elements = model.elements.filter(element => element.$cstNode);
        elements.forEach((element, index) => {
            const first = firstLeaf(element.$cstNode!);
            if (!first) {
                return;
            }
            const firstIndex = indexOf.get(first) ?? -1;
            f.cst([first]).prepend(firstIndex === 0 ? Formatting.noSpace({ priority: 1 }) : lineBreakKeepingBlank(0));
            const previous = elements[index - 1];
            if (previous && this.isMultiLine(previous) && this.isMultiLine(element)) {
                // Never zero blank lines between two multi-line elements: if the author left
                // none, one goes before the first line that follows the previous element.
                const last = lastLeaf(previous.$cstNode!);
                const from = last ? indexOf.get(last) ?? -1 : -1;
                if (from >= 0) {
                    const between = leaves.slice(from, firstIndex + 1);
                    const hasBlank = between.some((leaf, i) => i > 0 && leaf.range.start.line - between[i - 1].range.end.line >= 2);
                    const opener = between.find((leaf, i) => i > 0 && !this.continuedComments.has(leaf)
                        && (!leaf.hidden || leaf.range.start.line > between[i - 1].range.end.line));
                    if (!hasBlank && opener) {
                        f.cst([opener]).prepend(lineBreaks(2, 0, 2));
                    }
                }
            }
        });
    }

    private isMultiLine(element: AstNode): boolean {
        const outer = this.blocksOf(element)[0];
        return outer !== undefined && !outer.inline;
    }

    // ------------------------------------------------------------------ elements and blocks

    private formatElement(node: AstNode): void {
        const f = this.getNodeFormatter(node);
        const units = unitsOf(node);
        const ownLeaves = units.filter(unit => isLeafCstNode(unit) && !unit.hidden);
        // Default: one space before every token of this node.
        f.cst(ownLeaves).prepend(Formatting.oneSpace({ priority: 0 }));
        f.keywords(',').prepend(Formatting.noSpace({ priority: 1 }));
        // `1..4` and `CSF2::PR.AA-01` are one word each.
        for (const range of [...f.keywords('..').nodes, ...f.keywords('::').nodes]) {
            f.cst([range]).prepend(Formatting.noSpace({ priority: 1 }));
            const next = units.slice(units.indexOf(range) + 1).map(firstLeaf).find(leaf => leaf !== undefined);
            if (next) {
                f.cst([next]).prepend(Formatting.noSpace({ priority: 1 }));
            }
        }

        for (const block of this.blocksOf(node, units)) {
            f.cst([block.open]).prepend(Formatting.oneSpace({ priority: 1 }));
            if (block.inline) {
                f.cst(block.items.map(item => item.first)).prepend(Formatting.oneSpace({ priority: 1 }));
                f.cst([block.close]).prepend(block.items.length === 0 ? Formatting.noSpace({ priority: 1 }) : Formatting.oneSpace({ priority: 1 }));
                continue;
            }
            block.items.forEach((item, index) => {
                const level = this.depthOf(item.first);
                f.cst([item.first]).prepend(index === 0 ? lineBreak(level) : lineBreakKeepingBlank(level));
                for (const continuation of item.continuations) {
                    f.cst([continuation]).prepend(spaceOrAlignedBreak(level, item.keyword ? item.keyword.length + 1 : 0));
                }
            });
            f.cst([block.close]).prepend(lineBreak(this.depthOf(block.close)));
        }
    }

    /**
     * The blocks a node writes itself, outermost first: usually one, two for a methodology
     * with `levels { … }`.
     */
    private blocksOf(node: AstNode, units = unitsOf(node)): Block[] {
        const blocks: Block[] = [];
        const open: Array<Omit<Block, 'close' | 'inline'>> = [];
        let item: Item | undefined;
        let previous: CstNode | undefined;
        for (const unit of units) {
            if (isLeafCstNode(unit) && unit.hidden) {
                continue;
            }
            if (isToken(unit, '{')) {
                open.push({ open: unit, items: [] });
                item = undefined;
            } else if (isToken(unit, '}')) {
                const block = open.pop();
                if (block) {
                    const inline = block.items.length <= 1
                        && (block.items.length === 0 || unit.range.start.line === block.open.range.start.line)
                        && !anyBetween(this.comments, block.open.offset, unit.offset)
                        && !anyBetween(this.braces, block.open.offset, unit.offset);
                    blocks.push({ ...block, close: unit, inline });
                }
                item = undefined;
            } else if (open.length > 0 && isItemStart(unit)) {
                const first = firstLeaf(unit) ?? unit;
                item = { first, keyword: isLeafCstNode(unit) ? unit.text : undefined, continuations: [] };
                open[open.length - 1].items.push(item);
            } else if (item && previous && (isToken(previous, ',') || isRepeatedValue(previous, unit))) {
                item.continuations.push(firstLeaf(unit) ?? unit);
            }
            previous = unit;
        }
        return blocks.sort((a, b) => a.open.offset - b.open.offset);
    }

    /**
     * The depth of a token. Langium may hand over a composite node instead of its first token
     * (they share their range, hence their formatting, when the composite holds just it).
     */
    private depthOf(node: CstNode): number {
        return this.depths.get(isLeafCstNode(node) ? node : firstLeaf(node) ?? node) ?? 0;
    }

    // ------------------------------------------------------------------ Langium hooks

    /**
     * Comments. One at the end of a line keeps its place and the spacing before it (at least
     * one space); one on its own line gets the line breaks and indentation of its formatting.
     * The lines inside a block comment move with its first line.
     */
    protected override createHiddenTextEdits(previous: CstNode | undefined, hidden: CstNode, formatting: FormattingAction | undefined, context: FormattingContext): TextEdit[] {
        const document = context.document;
        const start = hidden.range.start;
        const edits: TextEdit[] = [];
        // How many columns the comment's first line moves right (or left, if negative).
        let shift = 0;
        const column = width(document.getText({ start: { line: start.line, character: 0 }, end: start }), context.options);
        if (!previous) {
            edits.push({ range: { start: { line: 0, character: 0 }, end: start }, newText: '' });
            shift = -column;
        } else if (this.continuedComments.has(hidden)) {
            // keeps its place
        } else if (previous.range.end.line === start.line) {
            if (previous.end === hidden.offset) {
                edits.push({ range: { start, end: start }, newText: ' ' });
            }
        } else {
            const gap: Range = { start: previous.range.end, end: start };
            const move: FormattingMove = this.findFittingMove(gap, formatting?.moves ?? [], context)
                ?? { lines: 1, tabs: this.depthOf(hidden) };
            const indent = indentation(move.tabs ?? 0, context.options);
            edits.push({ range: gap, newText: this.eol.repeat(Math.max(1, move.lines ?? 1)) + indent });
            shift = width(indent, context.options) - column;
        }
        if (shift !== 0) {
            // The other lines of a block comment keep their place relative to the first.
            hidden.text.split('\n').slice(1).forEach((text, i) => {
                const leading = /^[ \t]*/.exec(text)![0];
                if (text.trim().length > 0) {
                    const line = start.line + 1 + i;
                    const target = Math.max(0, width(leading, context.options) + shift);
                    edits.push({ range: { start: { line, character: 0 }, end: { line, character: leading.length } }, newText: whitespace(target, context.options) });
                }
            });
        }
        const trailing = /[ \t]+$/.exec(hidden.text);
        if (trailing && hidden.text.startsWith('//')) {
            edits.push({ range: { start: document.positionAt(hidden.end - trailing[0].length), end: hidden.range.end }, newText: '' });
        }
        return edits;
    }

    /**
     * Langium leaves the space after a comment alone. Here a token that follows a comment on the
     * same line gets its spacing, and one that must follow a `//` comment on the next line, where
     * it wanted a space, is indented one level deeper than its line, as a continuation.
     */
    protected override createTextEdit(a: CstNode | undefined, b: CstNode, formatting: FormattingAction, context: FormattingContext): TextEdit[] {
        if (a?.hidden && !b.hidden) {
            const gap: Range = { start: a.range.end, end: b.range.start };
            const move = this.findFittingMove(gap, formatting.moves, context);
            if (move?.characters !== undefined) {
                if (gap.start.line === gap.end.line) {
                    return [this.createSpaceTextEdit(gap, move.characters, formatting.options)];
                }
                return [{ range: gap, newText: this.eol + indentation(this.depthOf(b) + 1, context.options) }];
            }
        }
        return super.createTextEdit(a, b, formatting, context);
    }

    /** Line breaks in the document's own line ending, plus the alignment of a list's continuation. */
    protected override createLineTextEdit(range: Range, lines: number, context: FormattingContext, options: FormattingActionOptions): TextEdit {
        const count = this.fitIntoOptions(lines, range.end.line - range.start.line, options);
        const align = (options as AlignedOptions).align ?? 0;
        return { range, newText: this.eol.repeat(count) + indentation(context.indentation, context.options) + ' '.repeat(align) };
    }

    /** Compares exactly, so that `\r\n` documents are not edited again and again. */
    protected override isNecessary(edit: TextEdit, document: LangiumDocument['textDocument']): boolean {
        return edit.newText !== document.getText(edit.range);
    }

    /** The document ends with exactly one line break (none when it holds nothing). */
    private documentEnding(document: LangiumDocument, text: string, range?: Range): TextEdit | undefined {
        const textDocument = document.textDocument;
        const end = textDocument.positionAt(text.length);
        if (range && range.end.line < end.line) {
            return undefined;
        }
        const root = document.parseResult.value.$cstNode;
        const last = root ? CstUtils.streamCst(root).filter(isLeafCstNode).reduce<CstNode | undefined>((_, leaf) => leaf, undefined) : undefined;
        const from = last ? last.end : 0;
        // Only whitespace may follow the last token; anything else is the user's text the
        // parser could not read, and formatting never deletes text.
        if (text.slice(from).trim() !== '') return undefined;
        const newText = last ? this.eol : '';
        const edit = { range: { start: textDocument.positionAt(from), end }, newText };
        return this.isNecessary(edit, textDocument) ? edit : undefined;
    }
}

// ---------------------------------------------------------------------- helpers

interface Item {
    /** The first token of the property (or of the control, level). */
    first: CstNode;
    /** The property's keyword, when it starts with one: lists continue aligned after it. */
    keyword?: string;
    /** First tokens of list items after the first: each may start a new, aligned line. */
    continuations: CstNode[];
}

interface Block {
    open: CstNode;
    close: CstNode;
    items: Item[];
    inline: boolean;
}

interface AlignedOptions extends FormattingActionOptions {
    /** Spaces after the indentation, so that a continued list lines up with its first item. */
    align?: number;
}

function isToken(node: CstNode | undefined, keyword: '{' | '}' | ','): boolean {
    return node !== undefined && isLeafCstNode(node) && !node.hidden && GrammarAST.isKeyword(node.grammarSource) && node.text === keyword;
}

/**
 * The CST nodes that make up a node at its own level, in order: its tokens (including comments)
 * and the composite nodes of the nodes it contains. Composite nodes of its own (data type rules,
 * cross-references, unassigned rule calls) are looked through.
 */
function unitsOf(node: AstNode): CstNode[] {
    const units: CstNode[] = [];
    const visit = (cst: CstNode): void => {
        if (isCompositeCstNode(cst) && cst.astNode === node) {
            cst.content.forEach(visit);
        } else {
            units.push(cst);
        }
    };
    if (node.$cstNode) {
        visit(node.$cstNode);
    }
    return units;
}

/**
 * Whether a unit starts a property of a block: a keyword that opens one alternative of a
 * block's `( 'kw' … | 'kw' … )*`, or a node of a `list+=Rule*` inside braces (the controls of a
 * framework, the levels of a methodology).
 */
function isItemStart(unit: CstNode): boolean {
    const source = unit.grammarSource;
    if (isLeafCstNode(unit)) {
        const group = source?.$container;
        return GrammarAST.isKeyword(source) && GrammarAST.isGroup(group) && group.elements[0] === source
            && GrammarAST.isAlternatives(group.$container);
    }
    const assignment = source?.$container;
    // `controls+=Control*`, or `edges+=MappingEdge` among the alternatives of a repeated group.
    return GrammarAST.isRuleCall(source) && GrammarAST.isAssignment(assignment) && assignment.operator === '+='
        && (assignment.cardinality === '*' || (GrammarAST.isAlternatives(assignment.$container) && assignment.$container.cardinality === '*'));
}

/** A value that repeats the one before it without a comma: the scale `1 "Rare" 2 "Unlikely"`. */
function isRepeatedValue(previous: CstNode, unit: CstNode): boolean {
    return isCompositeCstNode(previous) && isCompositeCstNode(unit) && previous.grammarSource !== undefined
        && previous.grammarSource === unit.grammarSource && previous.astNode !== unit.astNode;
}

/** Whether one of the nodes, sorted by offset, starts strictly between two offsets. */
function anyBetween(sorted: CstNode[], from: number, to: number): boolean {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
        const middle = (low + high) >> 1;
        if (sorted[middle].offset <= from) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    return low < sorted.length && sorted[low].offset < to;
}

function firstLeaf(node: CstNode): CstNode | undefined {
    if (isLeafCstNode(node)) {
        return node.hidden ? undefined : node;
    }
    if (isCompositeCstNode(node)) {
        for (const child of node.content) {
            const leaf = firstLeaf(child);
            if (leaf) {
                return leaf;
            }
        }
    }
    return undefined;
}

function lastLeaf(node: CstNode): CstNode | undefined {
    if (isLeafCstNode(node)) {
        return node.hidden ? undefined : node;
    }
    if (isCompositeCstNode(node)) {
        for (let i = node.content.length - 1; i >= 0; i--) {
            const leaf = lastLeaf(node.content[i]);
            if (leaf) {
                return leaf;
            }
        }
    }
    return undefined;
}

/** The number of columns a run of spaces and tabs takes. */
function width(text: string, options: FormattingOptions): number {
    let columns = 0;
    for (const char of text) {
        columns = char === '\t' ? columns - columns % options.tabSize + options.tabSize : columns + 1;
    }
    return columns;
}

/** Whitespace `columns` wide, in tabs and spaces or in spaces only, as the options say. */
function whitespace(columns: number, options: FormattingOptions): string {
    return options.insertSpaces ? ' '.repeat(columns)
        : '\t'.repeat(Math.floor(columns / options.tabSize)) + ' '.repeat(columns % options.tabSize);
}

function indentation(level: number, options: FormattingOptions): string {
    return (options.insertSpaces ? ' '.repeat(options.tabSize) : '\t').repeat(Math.max(0, level));
}

/** Exactly `count` line breaks, then the indentation of `level`. */
function lineBreaks(count: number, level: number, priority = 1): FormattingAction {
    return { options: { priority }, moves: [{ lines: count, tabs: level }] };
}

/** One line break, then the indentation of `level`. */
function lineBreak(level: number): FormattingAction {
    return lineBreaks(1, level);
}

/** One or two line breaks, as the author wrote (at most one blank line), then the indentation. */
function lineBreakKeepingBlank(level: number): FormattingAction {
    return { options: { priority: 1 }, moves: [{ lines: 1, tabs: level }, { lines: 2, tabs: level }] };
}

/** One space, or, where the author broke the line, a line break aligned `align` columns in. */
function spaceOrAlignedBreak(level: number, align: number): FormattingAction {
    const options: AlignedOptions = { priority: 1, align };
    return { options, moves: [{ characters: 1 }, { lines: 1, tabs: level }] };
}
