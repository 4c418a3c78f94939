import type { ValidationAcceptor } from 'langium';
import { CstUtils, isLeafCstNode } from 'langium';
import type { Model } from '../generated/ast.js';
import { isRealDate } from '../config/calendar.js';

/** The DATE token accepts any YYYY-MM-DD; only dates that exist are dates. */
export function checkDatesExist(model: Model, accept: ValidationAcceptor): void {
    if (!model.$cstNode) return;
    for (const node of CstUtils.streamCst(model.$cstNode)) {
        if (isLeafCstNode(node) && node.tokenType.name === 'DATE' && !isRealDate(node.text)) {
            accept('error', `${node.text} is not a date in the calendar. Write a real date as YYYY-MM-DD.`, {
                node: node.astNode, range: node.range, code: 'invalid-date'
            });
        }
    }
}
