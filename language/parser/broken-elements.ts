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

    /** The spans, sorted and merged, so that a diagnostic is looked up by binary search. */
    spans(document: LangiumDocument): Span[] {
        const offsets = errorOffsets(document);
        if (offsets.length === 0) return [];
        const root = document.parseResult.value;
        const topLevel = AstUtils.streamContents(root).filter(node => node.$cstNode !== undefined).toArray();
        const spans = offsets.flatMap(offset => {
            const span = this.brokenAt(topLevel, offset);
            return span ? [{ start: span.start, end: Math.max(span.end, offset + 1) }] : [];
        });
        return merged(spans);
    }

    /** Whether `start`..`end` lies within one of `spans` (as returned by `spans`). */
    static within(spans: readonly Span[], start: number, end: number): boolean {
        let low = 0;
        let high = spans.length - 1;
        while (low <= high) {
            const middle = (low + high) >> 1;
            if (spans[middle].end < end) low = middle + 1;
            else high = middle - 1;
        }
        return low < spans.length && spans[low].start <= start;
    }

    /**
     * The element an error at `offset` is in: the smallest element whose text contains it, or the
     * top-level element before it when it is between elements (`exclude A.7.4 {`). An error at an
     * element's first token is not in that element: the parser expected more of the element
     * before it (`}` before `risk`).
     */
    private brokenAt(topLevel: readonly AstNode[], offset: number): Span | undefined {
        const index = lastStartingBefore(topLevel, offset);
        if (index < 0) return undefined;
        const element = topLevel[index];
        const span = rangeOf(element);
        if (offset >= span.end) return span;
        let best = span;
        for (const nested of AstUtils.streamAllContents(element)) {
            if (!nested.$cstNode || !this.blocks.isElement(nested.$type)) continue;
            const candidate = rangeOf(nested);
            if (candidate.start < offset && offset < candidate.end && candidate.end - candidate.start < best.end - best.start) best = candidate;
        }
        return best;
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

/** The index of the last element that starts before `offset`, or -1. */
function lastStartingBefore(elements: readonly AstNode[], offset: number): number {
    let low = 0;
    let high = elements.length - 1;
    while (low <= high) {
        const middle = (low + high) >> 1;
        if (elements[middle].$cstNode!.offset < offset) low = middle + 1;
        else high = middle - 1;
    }
    return high;
}

function merged(spans: Span[]): Span[] {
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    const result: Span[] = [];
    for (const span of sorted) {
        const last = result[result.length - 1];
        if (last && span.start <= last.end) result[result.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
        else result.push(span);
    }
    return result;
}
