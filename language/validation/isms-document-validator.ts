import { isAmbiguousControlError } from '../references/isms-linker.js';
import type { AstNode, AstReflection, LangiumDocument, ValidationAcceptor, ValidationOptions } from 'langium';
import { AstUtils, Cancellation, DefaultDocumentValidator, DocumentValidator, interruptAndCheck } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { IsmsSettings } from '../config/isms-settings.js';
import type { IsmsCoreServices } from '../isms-module.js';
import { formatBytes, formatSize } from '../files/file-errors.js';
import { kindLabel } from '../model/element-kinds.js';
import { BlockProperties } from '../parser/block-properties.js';
import type { Span } from '../parser/broken-elements.js';
import { BrokenElements } from '../parser/broken-elements.js';
import type { IsmsDocumentFactory } from '../workspace/isms-document-factory.js';

const SEVERITIES = { error: 1, warning: 2, info: 3, hint: 4 } as const;

const CANCELLATION_CHECK_INTERVAL = 256;

/**
 * The codes still reported on an element whose text failed to parse: each is about a word or
 * character that was read as written (a name that resolves to nothing, an id declared twice, a
 * property repeated, a date not in the calendar, a hidden control character). Every other rule
 * is about what the element says or lacks, which parse recovery may have cut short.
 */
const CODES_ON_BROKEN_ELEMENTS = new Set<string>([
    'syntax-error', 'unresolved-reference', 'ambiguous-control-id', 'duplicate-id', 'duplicate-property', 'invalid-date', 'bidi-control-character'
]);

const SYNTAX_DATA_CODES = new Set<string>([
    DocumentValidator.LexingError, DocumentValidator.LexingWarning, DocumentValidator.ParsingError
]);

/**
 * Gives syntax and linking problems the language's stable codes and messages that say what to
 * do, so every diagnostic a user sees carries a code they can look up and configure.
 */
export class IsmsDocumentValidator extends DefaultDocumentValidator {

    private readonly reflection: AstReflection;
    private readonly settings: IsmsSettings;
    private readonly documentFactory: IsmsDocumentFactory;
    private readonly brokenElements: BrokenElements;

    constructor(services: IsmsCoreServices) {
        super(services);
        this.reflection = services.shared.AstReflection;
        this.settings = services.config.Settings;
        this.documentFactory = services.shared.workspace.LangiumDocumentFactory as IsmsDocumentFactory;
        this.brokenElements = new BrokenElements(new BlockProperties(services.Grammar));
    }

    override async validateDocument(document: LangiumDocument, options: ValidationOptions = {}, cancelToken = Cancellation.CancellationToken.None): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        const overLimit = this.documentFactory.fileOverLimit(document.uri);
        if (overLimit) {
            diagnostics.unshift({
                severity: SEVERITIES.error,
                range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                code: 'file-too-large',
                source: this.getSource(),
                message: `This file is ${formatSize(overLimit.size)}, over the ${formatBytes(overLimit.limit)} limit (isms.maxFileSize / --max-file-size); it is left out of the model.`
            });
        }
        const brokenSpans = this.brokenElements.spans(document);
        const configured: Diagnostic[] = [];
        for (const diagnostic of diagnostics) {
            const dataCode = (diagnostic.data as { code?: string } | undefined)?.code;
            if (diagnostic.code === undefined && dataCode !== undefined && SYNTAX_DATA_CODES.has(dataCode)) {
                diagnostic.code = 'syntax-error';
            }
            if (brokenSpans.length > 0 && this.onBrokenElement(document, diagnostic, brokenSpans)) continue;
            const override = this.settings.severityOverride(String(diagnostic.code));
            if (override === 'off') continue;
            if (override) diagnostic.severity = SEVERITIES[override];
            configured.push(diagnostic);
        }
        return configured;
    }

    /** A diagnostic of a rule about content, on an element whose text failed to parse. */
    private onBrokenElement(document: LangiumDocument, diagnostic: Diagnostic, spans: readonly Span[]): boolean {
        // Codeless diagnostics are Langium's reports of a check that threw: never hidden.
        if (diagnostic.code === undefined || CODES_ON_BROKEN_ELEMENTS.has(String(diagnostic.code))) return false;
        const start = document.textDocument.offsetAt(diagnostic.range.start);
        const end = document.textDocument.offsetAt(diagnostic.range.end);
        return BrokenElements.within(spans, start, end);
    }

    /**
     * Langium's walk awaits a cancellation check before every node; most nodes of this language
     * have no check, so this walk checks every few hundred nodes and awaits only real checks.
     */
    protected override async validateAstNodes(root: AstNode, options: ValidationOptions, accept: ValidationAcceptor, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        let visited = 0;
        for (const node of AstUtils.streamAst(root)) {
            if (++visited % CANCELLATION_CHECK_INTERVAL === 0) await interruptAndCheck(cancelToken);
            for (const check of this.validationRegistry.getChecks(node.$type, options.categories)) {
                await check(node, accept, cancelToken);
            }
        }
    }

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], _options: ValidationOptions): void {
        for (const reference of document.references) {
            const error = reference.error;
            if (!error) continue;
            const info = error.info;
            const kind = kindLabel(this.reflection.getReferenceType(info));
            const name = info.reference.$refText;
            if (isAmbiguousControlError(error)) {
                diagnostics.push(this.toDiagnostic('error',
                    `Control id '${name}' is declared in ${error.frameworks.join(' and ')}: write ${error.frameworks.map(framework => `${framework}::${name}`).join(' or ')}.`, {
                        node: info.container, range: reference.$refNode?.range, property: info.property, index: info.index,
                        code: 'ambiguous-control-id',
                        data: { code: 'ambiguous-control-id', refText: name, frameworks: error.frameworks }
                    }));
                continue;
            }
            diagnostics.push(this.toDiagnostic('error',
                `Unknown ${kind} '${name}': no ${kind} with this id is declared in the workspace. Declare it or correct the name.`, {
                    node: info.container,
                    range: reference.$refNode?.range,
                    property: info.property,
                    index: info.index,
                    code: 'unresolved-reference',
                    data: { code: DocumentValidator.LinkingError, containerType: info.container.$type, property: info.property, refText: name, referenceType: this.reflection.getReferenceType(info) }
                }));
        }
    }
}
