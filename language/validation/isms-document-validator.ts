import type { AstNode, AstReflection, LangiumDocument, ValidationAcceptor, ValidationOptions } from 'langium';
import { AstUtils, Cancellation, DefaultDocumentValidator, DocumentValidator, interruptAndCheck } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { IsmsSettings } from '../config/isms-settings.js';
import type { IsmsCoreServices } from '../isms-module.js';
import { formatBytes, formatSize } from '../files/regular-file.js';
import { kindLabel } from '../model/element-kinds.js';
import type { IsmsDocumentFactory } from '../workspace/isms-document-factory.js';

const SEVERITIES = { error: 1, warning: 2, info: 3, hint: 4 } as const;

const CANCELLATION_CHECK_INTERVAL = 256;

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

    constructor(services: IsmsCoreServices) {
        super(services);
        this.reflection = services.shared.AstReflection;
        this.settings = services.config.Settings;
        this.documentFactory = services.shared.workspace.LangiumDocumentFactory as IsmsDocumentFactory;
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
        const configured: Diagnostic[] = [];
        for (const diagnostic of diagnostics) {
            const dataCode = (diagnostic.data as { code?: string } | undefined)?.code;
            if (diagnostic.code === undefined && dataCode !== undefined && SYNTAX_DATA_CODES.has(dataCode)) {
                diagnostic.code = 'syntax-error';
            }
            const override = this.settings.severityOverride(String(diagnostic.code));
            if (override === 'off') continue;
            if (override) diagnostic.severity = SEVERITIES[override];
            configured.push(diagnostic);
        }
        return configured;
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
