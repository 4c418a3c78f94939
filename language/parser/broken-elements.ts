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
        const offsets = errorOffsets(document).sort((a, b) => a - b);
        if (offsets.length === 0) return [];
        const root = document.parseResult.value;
        const topLevel = AstUtils.streamContents(root).filter(node => node.$cstNode !== undefined).toArray();
        const offsetsByElement = new Map<number, number[]>();
        for (const offset of offsets) {
            const index = lastStartingBefore(topLevel, offset);
            if (index < 0) continue;
            const inElement = offsetsByElement.get(index);
            if (inElement) inElement.push(offset);
            else offsetsByElement.set(index, [offset]);
        }
        const spans = [...offsetsByElement].flatMap(([index, inElement]) => this.brokenIn(topLevel[index], inElement)
            .map((span, i) => ({ start: span.start, end: Math.max(span.end, inElement[i] + 1) })));
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
     * For each error offset (ascending) after the start of `element`, the element it is in: the
     * smallest element whose text contains it, or `element` itself when the error is after it
     * (between elements: `exclude A.7.4 {`). An error at an element's first token is not in that
     * element: the parser expected more of the element before it (`}` before `risk`). One pass
     * over the nested elements, whose spans nest, serves all offsets: a broken file can hold
     * thousands of both.
     */
    private brokenIn(element: AstNode, offsets: readonly number[]): Span[] {
        const outer = rangeOf(element);
        const nested = AstUtils.streamAllContents(element)
            .filter(node => node.$cstNode !== undefined && this.blocks.isElement(node.$type)).map(rangeOf).toArray();
        // The nested spans that start before the current offset and may still contain it, innermost last.
        const open: Span[] = [];
        let next = 0;
        return offsets.map(offset => {
            if (offset >= outer.end) return outer;
            for (; next < nested.length && nested[next].start < offset; next++) {
                while (open.length > 0 && open[open.length - 1].end <= nested[next].start) open.pop();
                open.push(nested[next]);
            }
            while (open.length > 0 && open[open.length - 1].end <= offset) open.pop();
            return open[open.length - 1] ?? outer;
        });
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
