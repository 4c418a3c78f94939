import * as assert from 'node:assert/strict';
import type { CompletionItem } from 'vscode-languageserver';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import { ModelWorkspace } from '../helpers/model-workspace.js';

const MARKER = '<|>';

const base = {
    'roles.isms': 'role CISO "Chief Information Security Officer" { person "Jane Doe" }\nrole CEO "Chief Executive Officer"\n',
    'assets.isms': 'asset DB "Customer database" {\n    owner CISO\n}\n'
};

/**
 * The completion items at the `<|>` marker of `file`, in a workspace of `files` (the base
 * model unless given). The marker is removed from the text first.
 */
async function completeAt(file: string, textWithMarker: string, files: Record<string, string> = base): Promise<CompletionItem[]> {
    const offset = textWithMarker.indexOf(MARKER);
    assert.ok(offset >= 0, 'the text has a <|> marker');
    const text = textWithMarker.replace(MARKER, '');
    const workspace = await ModelWorkspace.create({ ...files, [file]: text });
    const document = workspace.document(file);
    const list = await workspace.services.lsp.CompletionProvider!.getCompletion(document, {
        textDocument: { uri: document.uri.toString() },
        position: document.textDocument.positionAt(offset)
    });
    return list?.items ?? [];
}

function item(items: CompletionItem[], label: string): CompletionItem {
    const found = items.find(candidate => candidate.label === label);
    assert.ok(found, `${label} is offered among ${JSON.stringify(items.map(candidate => candidate.label))}`);
    return found;
}

function newText(completion: CompletionItem): string | undefined {
    return completion.textEdit?.newText ?? completion.insertText;
}

function documentation(completion: CompletionItem): string {
    const value = completion.documentation;
    return typeof value === 'string' ? value : value?.value ?? '';
}

/** Labels in the order an editor lists them: by sortText, then label. */
function sorted(items: CompletionItem[]): string[] {
    return [...items]
        .sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label))
        .map(completion => completion.label);
}

describe('completion', () => {

    describe('control ids', () => {

        it('finds A.8.13 by a word of its title', async () => {
            const items = await completeAt('risks.isms', 'risk R-1 "Loss" {\n    treatment mitigate { controls backup<|> }\n}\n');
            const backup = item(items, 'A.8.13');
            assert.equal(backup.detail, 'Information backup');
            assert.equal(backup.labelDetails?.description, 'Information backup');
            assert.equal(backup.kind, CompletionItemKind.Reference);
            assert.match(backup.filterText ?? '', /A\.8\.13/);
            assert.match(backup.filterText ?? '', /backup/);
            // The typed word is replaced by the id.
            assert.equal(newText(backup), 'A.8.13');
            assert.ok(backup.textEdit && 'range' in backup.textEdit);
            assert.deepEqual(backup.textEdit.range, { start: { line: 1, character: 34 }, end: { line: 1, character: 40 } });
            assert.match(documentation(backup), /SoA: /);
            assert.ok(!items.some(candidate => candidate.label === 'A.5.1'), 'controls whose id and title do not match are left out');
        });

        it('finds A.8.13 by its id typed so far', async () => {
            const items = await completeAt('soa.isms', 'apply A.8.1<|>\n');
            const backup = item(items, 'A.8.13');
            assert.equal(backup.detail, 'Information backup');
            assert.equal(newText(backup), 'A.8.13');
            assert.ok(!items.some(candidate => candidate.label === 'A.5.1'));
            const order = sorted(items);
            assert.ok(order.indexOf('A.8.1') < order.indexOf('A.8.13'));
        });

        it('replaces an id the lexer split while typing (A.8.)', async () => {
            const items = await completeAt('soa.isms', 'exclude A.8.<|>\n');
            const backup = item(items, 'A.8.13');
            assert.ok(backup.textEdit && 'range' in backup.textEdit);
            assert.deepEqual(backup.textEdit.range.start, { line: 0, character: 8 });
            assert.equal(backup.textEdit.newText, 'A.8.13');
        });

        it('lists controls in catalog order: A.5.2 before A.5.10', async () => {
            const items = await completeAt('risks.isms', 'risk R-1 "Loss" { treatment mitigate { controls <|> } }\n');
            const order = sorted(items);
            assert.equal(order[0], 'A.5.1');
            assert.ok(order.indexOf('A.5.2') < order.indexOf('A.5.10'));
            assert.ok(order.indexOf('A.5.37') < order.indexOf('A.6.1'));
            assert.equal(items.filter(candidate => candidate.kind === CompletionItemKind.Reference).length, 93);
        });

        it('shows the SoA decision of each control', async () => {
            const files = {
                ...base,
                'soa.isms': 'exclude A.7.4 because "Fully remote"\napply A.8.13 { status implemented }\n'
            };
            const items = await completeAt('risks.isms', 'risk R-1 "Loss" { treatment mitigate { controls <|> } }\n', files);
            assert.match(documentation(item(items, 'A.7.4')), /excluded — Fully remote/);
            assert.match(documentation(item(items, 'A.8.13')), /applicable/);
            assert.match(documentation(item(items, 'A.5.1')), /undecided/);
        });

        it('does not offer a control the list names already', async () => {
            const next = await completeAt('risks.isms', 'risk R-1 "Loss" { treatment mitigate { controls A.8.13, <|> } }\n');
            const labels = next.map(candidate => candidate.label);
            assert.ok(labels.includes('A.8.12') && labels.includes('A.8.14'));
            assert.ok(!labels.includes('A.8.13'));
            const typed = await completeAt('risks.isms', 'risk R-1 "Loss" { treatment mitigate { controls A.8.13, A.8.1<|> } }\n');
            assert.ok(!typed.some(candidate => candidate.label === 'A.8.13'));
            assert.ok(typed.some(candidate => candidate.label === 'A.8.1'), 'the id being typed is still offered');
        });

        it('completes controls in finding and maps lists, not mapping a control to itself', async () => {
            const findings = await completeAt('audits.isms', 'audit Q1 { finding F1 "Gap" { controls backup<|> } }\n');
            assert.equal(item(findings, 'A.8.13').detail, 'Information backup');
            const maps = await completeAt('catalog.isms', 'framework Mini {\n    control M-1 "First" { maps M-<|> }\n    control M-2 "Second"\n}\n');
            assert.equal(item(maps, 'M-2').detail, 'Second');
            assert.ok(!maps.some(candidate => candidate.label === 'M-1'));
        });
    });

    describe('references', () => {

        it('offers roles with their titles after owner, and no assets', async () => {
            const items = await completeAt('more-assets.isms', 'asset Laptops "Laptops" {\n    owner <|>\n}\n');
            const ciso = item(items, 'CISO');
            assert.equal(ciso.detail, 'Chief Information Security Officer');
            assert.equal(ciso.labelDetails?.description, 'Chief Information Security Officer');
            assert.equal(ciso.kind, CompletionItemKind.Variable);
            assert.match(documentation(ciso), /Jane Doe/);
            assert.equal(item(items, 'CEO').detail, 'Chief Executive Officer');
            assert.deepEqual(items.map(candidate => candidate.label).sort(), ['CEO', 'CISO']);
        });

        it('gives assets their own kind and does not let an asset depend on itself', async () => {
            const items = await completeAt('more-assets.isms', 'asset Laptops "Laptops" {\n    depends-on <|>\n}\n');
            assert.deepEqual(items.map(candidate => candidate.label), ['DB']);
            assert.equal(items[0].detail, 'Customer database');
            assert.equal(items[0].kind, CompletionItemKind.Class);
        });
    });

    describe('scores', () => {

        it('offers the scale of the default methodology after likelihood', async () => {
            const items = await completeAt('risks.isms', 'risk R-1 "Loss" {\n    likelihood <|>\n}\n');
            assert.deepEqual(items.map(candidate => candidate.label), ['1 — Rare', '2 — Unlikely', '3 — Possible', '4 — Likely', '5 — Almost certain']);
            const likely = item(items, '4 — Likely');
            assert.equal(newText(likely), '4');
            assert.equal(likely.kind, CompletionItemKind.Value);
            assert.equal(likely.detail, 'Likelihood: Likely');
        });

        it('offers the scale of the methodology in force after impact in a residual, with the resulting score', async () => {
            const files = {
                ...base,
                'isms.isms': 'isms "Acme" {\n    methodology Three\n}\n',
                'methodology.isms': 'methodology Three {\n    likelihood 1 "Seldom" 2 "Sometimes" 3 "Often"\n    impact 1 "Small" 2 "Serious" 3 "Severe"\n    levels { low 1..2 medium 3..4 high 5..9 }\n    appetite 4\n}\n'
            };
            const items = await completeAt('risks.isms', 'risk R-1 "Loss" {\n    likelihood 3 impact 3\n    treatment mitigate { controls A.8.13 residual likelihood 2 impact <|> }\n}\n', files);
            assert.deepEqual(items.map(candidate => candidate.label), ['1 — Small', '2 — Serious', '3 — Severe']);
            assert.equal(newText(item(items, '2 — Serious')), '2');
            assert.match(documentation(item(items, '3 — Severe')), /score 6, high \(above the appetite\)/);
        });
    });

    describe('treatments', () => {

        it('offers the four treatments as snippets after treatment', async () => {
            const items = await completeAt('risks.isms', 'risk R-1 "Loss" {\n    treatment <|>\n}\n');
            assert.deepEqual(sorted(items), ['mitigate', 'transfer', 'avoid', 'accept']);
            for (const treatment of items) {
                assert.equal(treatment.insertTextFormat, InsertTextFormat.Snippet, treatment.label);
                assert.equal(treatment.kind, CompletionItemKind.Snippet);
            }
            assert.equal(newText(item(items, 'mitigate')), 'mitigate { controls $1 }');
            assert.equal(newText(item(items, 'accept')), 'accept { by $1 on ${2:YYYY-MM-DD} until $3 because "$4" }');
            assert.match(newText(item(items, 'transfer')) ?? '', /^transfer \{ to \$1/);
            assert.match(newText(item(items, 'avoid')) ?? '', /^avoid \{ because/);
        });

        it('keeps accept a plain keyword inside a mitigation', async () => {
            const items = await completeAt('risks.isms', 'risk R-1 "Loss" {\n    treatment mitigate { controls A.8.13 <|> }\n}\n');
            const accept = item(items, 'accept');
            assert.equal(accept.kind, CompletionItemKind.Keyword);
            assert.equal(accept.insertTextFormat, undefined);
        });
    });

    describe('keywords and enumerated words', () => {

        it('offers asset kinds as enum members after kind', async () => {
            const items = await completeAt('more-assets.isms', 'asset Laptops "Laptops" {\n    kind <|>\n}\n');
            assert.deepEqual(sorted(items), ['data', 'software', 'hardware', 'service', 'process', 'people', 'site']);
            for (const word of items) {
                assert.equal(word.kind, CompletionItemKind.EnumMember, word.label);
                assert.equal(word.detail, 'asset kind');
                assert.ok(documentation(word).length > 0, `${word.label} is documented`);
            }
        });

        it('offers other enumerations: statuses, reason kinds, themes, interval units', async () => {
            const status = await completeAt('soa.isms', 'apply A.8.13 { status <|> }\n');
            assert.deepEqual(sorted(status), ['not-started', 'planned', 'partial', 'implemented']);
            const reasons = await completeAt('soa.isms', 'apply A.8.13 { because <|> }\n');
            assert.deepEqual(sorted(reasons), ['legal', 'contractual', 'business', 'best-practice']);
            assert.ok(reasons.every(word => word.kind === CompletionItemKind.EnumMember));
            const units = await completeAt('policies.isms', 'policy P "Policy" { review every 12 <|> }\n');
            assert.deepEqual(sorted(units), ['days', 'weeks', 'months', 'years']);
        });

        it('offers the keywords of a block, leaving out properties it already gives', async () => {
            const items = await completeAt('more-assets.isms', 'asset Laptops "Laptops" {\n    owner CISO\n    <|>\n}\n');
            const labels = items.map(candidate => candidate.label);
            for (const keyword of ['kind', 'classification', 'depends-on', 'description']) {
                assert.ok(labels.includes(keyword), `${keyword} is offered`);
                assert.equal(item(items, keyword).kind, CompletionItemKind.Keyword);
            }
            assert.ok(!labels.includes('owner'), 'owner is given already');
            assert.ok(!labels.includes('{') && !labels.includes('}'), 'punctuation is not proposed');
        });

        it('offers the element keywords at the top level', async () => {
            const items = await completeAt('more.isms', '<|>');
            const labels = items.map(candidate => candidate.label);
            for (const keyword of ['asset', 'risk', 'role', 'apply', 'exclude', 'management-review']) {
                assert.ok(labels.includes(keyword), `${keyword} is offered`);
            }
        });
    });

    describe('Part 2 elements', () => {

        const part2 = {
            ...base,
            'elements.isms': 'risk R-1 "Outage"\nopportunity OP-1 "Second region"\npolicy P-1 "Policy"\nobjective O-1 "Patch fast"\n'
                + 'audit IA-1 "Audit"\nincident INC-1 "Breach"\nmanagement-review MR-1 "Review"\n'
        };

        it('completes addressed-by with risks, opportunities, controls, policies and objectives, each with its kind', async () => {
            const items = await completeAt('issues.isms', 'issue ISS-1 "Heat" { addressed-by <|> }\n', part2);
            const kinds = ['R-1', 'OP-1', 'P-1', 'O-1', 'A.5.1'].map(label => item(items, label).kind);
            assert.deepEqual(kinds, [CompletionItemKind.Field, CompletionItemKind.Value, CompletionItemKind.File, CompletionItemKind.Unit, CompletionItemKind.Reference]);
            assert.equal(item(items, 'OP-1').detail, 'Second region');
            assert.match(documentation(item(items, 'OP-1')), /^opportunity \*\*OP-1\*\*/);
            assert.ok(!items.some(candidate => ['IA-1', 'DB', 'CISO'].includes(candidate.label)));
        });

        it('completes a change\'s affects with risks and assets, and a nonconformity\'s source with audits, incidents and reviews', async () => {
            const affects = await completeAt('changes.isms', 'change CH-1 "Region" { affects <|> }\n', part2);
            assert.deepEqual(affects.filter(candidate => candidate.sortText === '0').map(candidate => candidate.label).sort(), ['DB', 'R-1']);
            const source = await completeAt('ncs.isms', 'nonconformity NC-1 "Late" { source <|> }\n', part2);
            assert.deepEqual(source.filter(candidate => candidate.sortText === '0').map(candidate => [candidate.label, candidate.kind]).sort(),
                [['IA-1', CompletionItemKind.Event], ['INC-1', CompletionItemKind.Event], ['MR-1', CompletionItemKind.Event]]);
        });

        it('offers the keywords of the new blocks once', async () => {
            const items = await completeAt('objectives.isms', 'objective O-2 "Patch" {\n    target <= 14 unit "days"\n    measured 2026-01-01 value 3\n    <|>\n}\n', part2);
            const labels = items.map(candidate => candidate.label);
            assert.ok(labels.includes('measured') && labels.includes('measure') && labels.includes('metric'), labels.join(', '));
            assert.ok(!labels.includes('target') && !labels.includes('unit'), 'given already');
            const nc = await completeAt('ncs.isms', 'nonconformity NC-1 "Late" {\n    severity major\n    <|>\n}\n', part2);
            const ncLabels = nc.map(candidate => candidate.label);
            assert.ok(['root-cause', 'correction', 'corrective-action', 'source', 'clause'].every(label => ncLabels.includes(label)), ncLabels.join(', '));
            assert.ok(!ncLabels.includes('severity'));
        });
    });
});
