import type { AstNode, LangiumDocument } from 'langium';
import { AstUtils } from 'langium';
import type { BlockProperties } from './block-properties.js';

/** Offsets in a document's text: `start` inclusive, `end` exclusive. */
export interface Span {
    readonly start: number;
    readonly end: number;
}

/**
 * The elements whose own text holds a syntax error. Parse recovery leaves such an element with
 * whatever it could read, so rules about what the element says or lacks would report what the
 * user did not write; the document validator keeps those off these spans.
 */
export class BrokenElements {

    constructor(private readonly blocks: BlockProperties) { }

    spans(document: LangiumDocument): Span[] {
        const root = document.parseResult.value;
        const elements = AstUtils.streamAst(root).filter(node => node.$container !== undefined && this.isElement(node) && node.$cstNode !== undefined).toArray();
        const topLevel = elements.filter(node => node.$container === root);
        return errorOffsets(document).flatMap(offset => {
            const span = innermost(elements, offset) ?? preceding(topLevel, offset);
            return span ? [{ start: span.start, end: Math.max(span.end, offset + 1) }] : [];
        });
    }

    private isElement(node: AstNode): boolean {
        return this.blocks.isElement(node.$type) || node.$container?.$container === undefined;
    }
}

/** Where each lexing and parsing error of the document is. */
function errorOffsets(document: LangiumDocument): number[] {
    const { lexerErrors, parserErrors } = document.parseResult;
    const offsets = lexerErrors.map(error => error.offset);
    for (const error of parserErrors) {
        if (Number.isFinite(error.token.startOffset) && error.token.startOffset >= 0) {
            offsets.push(error.token.startOffset);
        } else {
            // A token inserted by recovery, or the end of the file: the error is after the token before it.
            const previous = (error as { previousToken?: { endOffset?: number } }).previousToken?.endOffset;
            offsets.push(Number.isFinite(previous) ? previous! : document.textDocument.getText().length);
        }
    }
    return offsets;
}

function rangeOf(node: AstNode): Span {
    const cst = node.$cstNode!;
    return { start: cst.offset, end: cst.end };
}

/**
 * The smallest element whose text contains `offset`. An error at an element's first token is
 * not in that element: the parser expected more of the element before it (`}` before `risk`).
 */
function innermost(elements: readonly AstNode[], offset: number): Span | undefined {
    let best: Span | undefined;
    for (const element of elements) {
        const span = rangeOf(element);
        if (span.start < offset && offset < span.end && (!best || span.end - span.start < best.end - best.start)) best = span;
    }
    return best;
}

/** Text between elements that parses as none belongs to the element before it (`exclude A.7.4 {`). */
function preceding(topLevel: readonly AstNode[], offset: number): Span | undefined {
    let last: Span | undefined;
    for (const element of topLevel) {
        const span = rangeOf(element);
        if (span.end <= offset) last = span;
    }
    return last;
}
