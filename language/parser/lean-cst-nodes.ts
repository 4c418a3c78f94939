import type { AstNode, CompositeCstNode, GrammarAST, LeafCstNode, LeafCstNodeImpl, RootCstNode } from 'langium';
import { CstNodeBuilder } from 'langium';
import type { Position, Range } from 'vscode-languageserver-types';

// Chevrotain's types, as Langium's own signatures name them.
type IToken = Parameters<CstNodeBuilder['createLeafNode']>[0];
type TokenType = LeafCstNode['tokenType'];

/**
 * Langium's builder of the concrete syntax tree, making leaves of 56 bytes where Langium's take
 * 104. Leaves are the largest part of a built workspace's heap (about 45 per risk, kept for as
 * long as the document is), so each field counts:
 * - a leaf's grammar element and token type come in few combinations, shared by all leaves of
 *   one (`LeafKind`); a leaf is hidden exactly when it has no grammar element, which is how the
 *   builder marks hidden tokens;
 * - a leaf stores its offset, not its line and column: those are looked up in the line starts of
 *   its tree's text when its range is asked for. A token on one line ends on that line, `length`
 *   characters after its start; only tokens that span lines (comments, long strings) keep their
 *   end.
 */
export class LeanCstNodeBuilder extends CstNodeBuilder {

    private readonly kinds = new Map<GrammarAST.AbstractElement | undefined, Map<TokenType, LeafKind>>();

    override buildLeafNode(token: IToken, feature: GrammarAST.AbstractElement): LeafCstNodeImpl {
        const leaf = this.leaf(token, feature);
        this.appendChild(this.current, leaf);
        return leaf;
    }

    /** Langium's builder uses this for hidden tokens. */
    override createLeafNode(token: IToken, _hidden: boolean): LeafCstNodeImpl {
        return this.leaf(token, undefined);
    }

    private leaf(token: IToken, feature: GrammarAST.AbstractElement | undefined): LeafCstNodeImpl {
        const kind = this.kindOf(feature, token.tokenType);
        const leaf = token.endLine === token.startLine
            ? new OneLineLeafCstNode(kind, token.startOffset, token.image.length)
            : new ManyLinesLeafCstNode(kind, token.startOffset, token.image.length, token.endLine! - 1, token.endColumn!);
        // The signatures name Langium's class; the builder and everything after it use the interface.
        return leaf as unknown as LeafCstNodeImpl;
    }

    private kindOf(grammarSource: GrammarAST.AbstractElement | undefined, tokenType: TokenType): LeafKind {
        let byTokenType = this.kinds.get(grammarSource);
        if (!byTokenType) this.kinds.set(grammarSource, byTokenType = new Map());
        let kind = byTokenType.get(tokenType);
        if (!kind) byTokenType.set(tokenType, kind = { grammarSource, tokenType });
        return kind;
    }
}

/** What all leaves of one grammar element and token type have in common. */
interface LeafKind {
    readonly grammarSource: GrammarAST.AbstractElement | undefined;
    readonly tokenType: TokenType;
}

class OneLineLeafCstNode implements LeafCstNode {

    container: CompositeCstNode | undefined = undefined;
    readonly offset: number;
    readonly length: number;

    constructor(private readonly kind: LeafKind, offset: number, length: number) {
        // `| 0` keeps the numbers small integers stored in the object: Chevrotain's token
        // positions are boxed doubles, which would cost 16 bytes more each.
        this.offset = offset | 0;
        this.length = length | 0;
    }

    get grammarSource(): GrammarAST.AbstractElement | undefined {
        return this.kind.grammarSource;
    }

    get tokenType(): TokenType {
        return this.kind.tokenType;
    }

    get hidden(): boolean {
        return this.kind.grammarSource === undefined;
    }

    get end(): number {
        return this.offset + this.length;
    }

    get root(): RootCstNode {
        let node: LeafCstNode | CompositeCstNode = this;
        while (node.container) node = node.container;
        return node as RootCstNode;
    }

    get text(): string {
        return this.root.fullText.substring(this.offset, this.end);
    }

    get astNode(): AstNode {
        if (!this.container) throw new Error('This node has no associated AST element');
        return this.container.astNode;
    }

    get range(): Range {
        const start = positionAt(this.root, this.offset);
        return { start, end: { line: start.line, character: start.character + this.length } };
    }
}

class ManyLinesLeafCstNode extends OneLineLeafCstNode {

    private readonly endLine: number;
    private readonly endColumn: number;

    constructor(kind: LeafKind, offset: number, length: number, endLine: number, endColumn: number) {
        super(kind, offset, length);
        this.endLine = endLine | 0;
        this.endColumn = endColumn | 0;
    }

    override get range(): Range {
        return { start: positionAt(this.root, this.offset), end: { line: this.endLine, character: this.endColumn } };
    }
}

/** Per tree, the offsets at which its text's lines start; made when a range is first asked for. */
const lineStartsOfTree = new WeakMap<RootCstNode, Uint32Array>();

/** Line and column of `offset`, with line breaks as the lexer counts them: `\n`, `\r\n` and `\r`. */
function positionAt(root: RootCstNode, offset: number): Position {
    let starts = lineStartsOfTree.get(root);
    if (!starts) lineStartsOfTree.set(root, starts = lineStarts(root.fullText ?? ''));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (starts[middle] <= offset) low = middle;
        else high = middle - 1;
    }
    return { line: low, character: offset - starts[low] };
}

function lineStarts(text: string): Uint32Array {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code === 13 /* \r */ && text.charCodeAt(i + 1) === 10 /* \n */) i++;
        if (code === 10 || code === 13) starts.push(i + 1);
    }
    return Uint32Array.from(starts);
}
