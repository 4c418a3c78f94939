import type { AstNode, LeafCstNode, LeafCstNodeImpl } from 'langium';
import { AbstractCstNode, CstNodeBuilder } from 'langium';
import type { Range } from 'vscode-languageserver-types';

// Chevrotain's types, as Langium's own signatures name them.
type IToken = Parameters<CstNodeBuilder['createLeafNode']>[0];
type TokenType = LeafCstNode['tokenType'];

/**
 * Langium's builder of the concrete syntax tree, making leaves of 80 bytes where Langium's take
 * 104. Leaves are a quarter of a built workspace's heap (about 50 per risk, kept for as long as
 * the document is), so they are worth the difference: a leaf is hidden exactly when it has no
 * grammar element (that is how the builder marks hidden tokens), and a token on one line ends
 * on its start line, `length` characters after its start. Only tokens that span lines (comments,
 * long strings) keep their end.
 */
export class LeanCstNodeBuilder extends CstNodeBuilder {

    override createLeafNode(token: IToken, _hidden: boolean): LeafCstNodeImpl {
        const startLine = token.startLine! - 1;
        const startColumn = token.startColumn! - 1;
        const endLine = token.endLine! - 1;
        const leaf = endLine === startLine
            ? new OneLineLeafCstNode(token.startOffset, token.image.length, startLine, startColumn, token.tokenType)
            : new ManyLinesLeafCstNode(token.startOffset, token.image.length, startLine, startColumn, token.tokenType, endLine, token.endColumn!);
        // The signature names Langium's class; the builder and everything after it use the interface.
        return leaf as unknown as LeafCstNodeImpl;
    }
}

class OneLineLeafCstNode extends AbstractCstNode implements LeafCstNode {

    // `| 0` keeps the numbers small integers stored in the object: Chevrotain's token positions
    // are boxed doubles, which would cost 16 bytes more each.
    protected readonly startOffset: number;
    protected readonly tokenLength: number;
    protected readonly startLine: number;
    protected readonly startColumn: number;

    constructor(offset: number, length: number, startLine: number, startColumn: number, readonly tokenType: TokenType) {
        super();
        this.startOffset = offset | 0;
        this.tokenLength = length | 0;
        this.startLine = startLine | 0;
        this.startColumn = startColumn | 0;
    }

    get offset(): number {
        return this.startOffset;
    }

    get length(): number {
        return this.tokenLength;
    }

    get end(): number {
        return this.startOffset + this.tokenLength;
    }

    get hidden(): boolean {
        return this.grammarSource === undefined;
    }

    get astNode(): AstNode {
        if (!this.container) throw new Error('This node has no associated AST element');
        return this.container.astNode;
    }

    get range(): Range {
        return {
            start: { line: this.startLine, character: this.startColumn },
            end: { line: this.startLine, character: this.startColumn + this.tokenLength }
        };
    }
}

class ManyLinesLeafCstNode extends OneLineLeafCstNode {

    private readonly endLine: number;
    private readonly endColumn: number;

    constructor(offset: number, length: number, startLine: number, startColumn: number, tokenType: TokenType, endLine: number, endColumn: number) {
        super(offset, length, startLine, startColumn, tokenType);
        this.endLine = endLine | 0;
        this.endColumn = endColumn | 0;
    }

    override get range(): Range {
        return {
            start: { line: this.startLine, character: this.startColumn },
            end: { line: this.endLine, character: this.endColumn }
        };
    }
}
