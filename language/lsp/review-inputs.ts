import type { GrammarAST } from 'langium';
import { AstUtils, GrammarAST as Ast } from 'langium';

/** The ten inputs of a management review (9.3.2), in the grammar's order: the words of its `ReviewInput` rule. */
export function reviewInputsOf(grammar: GrammarAST.Grammar): string[] {
    const rule = grammar.rules.find(candidate => candidate.name === 'ReviewInput');
    return rule ? AstUtils.streamAllContents(rule).filter(Ast.isKeyword).map(keyword => keyword.value).toArray() : [];
}
