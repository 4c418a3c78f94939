import type { DeepPartial, LangiumCoreServices, Module } from 'langium';
import { inject } from 'langium';
import type { DefaultSharedModuleContext, LangiumServices, LangiumSharedServices, PartialLangiumServices } from 'langium/lsp';
import { createDefaultModule, createDefaultSharedModule, DefaultTextDocumentContentProvider } from 'langium/lsp';
import { BUILTIN_SCHEME } from './builtin/builtin-documents.js';
import { IsmsGeneratedModule, IsmsGeneratedSharedModule } from './generated/module.js';
import { IsmsSettings } from './config/isms-settings.js';
import { WorkspaceTrust } from './config/workspace-trust.js';
import { IsmsCodeActionProvider } from './lsp/isms-code-actions.js';
import { IsmsCodeLensProvider } from './lsp/isms-code-lens-provider.js';
import { IsmsCommandHandler } from './lsp/isms-command-handler.js';
import { IsmsDocumentSymbolProvider } from './lsp/isms-document-symbols.js';
import { IsmsCompletionProvider } from './lsp/isms-completion-provider.js';
import { IsmsFormatter } from './lsp/isms-formatter.js';
import { IsmsHoverProvider } from './lsp/isms-hover-provider.js';
import { IsmsSemanticTokenProvider } from './lsp/isms-semantic-tokens.js';
import { IsmsInlayHintProvider } from './lsp/isms-inlay-hints.js';
import { IsmsRenameProvider } from './lsp/isms-rename-provider.js';
import { IsmsLanguageServer } from './lsp/isms-language-server.js';
import { addSelectionRangeHandler } from './lsp/selection-ranges.js';
import { synchronizeSettings } from './lsp/settings-sync.js';
import { ModelIndex } from './model/model-index.js';
import { RiskScoring } from './risk/risk-scoring.js';
import { SoaDecisions } from './soa/soa-decisions.js';
import { IsmsLinker } from './references/isms-linker.js';
import { IsmsAstNodeDescriptionProvider } from './references/node-descriptions.js';
import { IsmsScopeComputation } from './references/isms-scope-computation.js';
import { IsmsScopeProvider } from './references/isms-scope-provider.js';
import { IsmsLexerErrorMessageProvider } from './parser/isms-lexer-error-messages.js';
import { IsmsParserErrorMessageProvider } from './parser/isms-parser-error-messages.js';
import { IsmsValueConverter } from './parser/isms-value-converter.js';
import { createIsmsParser } from './parser/isms-parser.js';
import { completionParserOnFirstUse, LexerOnFirstUse } from './parser/parsers-on-first-use.js';
import { IsmsDocumentValidator } from './validation/isms-document-validator.js';
import { registerValidationChecks } from './validation/isms-validator.js';
import { ChecksOnFirstUseRegistry } from './validation/checks-on-first-use-registry.js';
import { IsmsDocumentBuilder } from './workspace/isms-document-builder.js';
import { IsmsLangiumDocuments } from './workspace/isms-langium-documents.js';
import { IsmsIndexManager, IsmsReferenceDescriptionProvider } from './workspace/isms-index-manager.js';
import { IsmsDocumentFactory } from './workspace/isms-document-factory.js';
import { OptionalCatalogs } from './workspace/optional-catalogs.js';
import { IsmsWorkspaceManager } from './workspace/isms-workspace-manager.js';
import type { IsmsPlatformServices } from './platform/platform-services.js';

/** Services this language adds to Langium's; the platform's come from the host (platform-services.ts). */
export type IsmsAddedServices = IsmsPlatformServices & {
    model: {
        ModelIndex: ModelIndex,
        RiskScoring: RiskScoring,
        SoaDecisions: SoaDecisions,
        OptionalCatalogs: OptionalCatalogs
    },
    config: {
        Settings: IsmsSettings,
        WorkspaceTrust: WorkspaceTrust
    }
};

export type IsmsCoreServices = LangiumCoreServices & IsmsAddedServices;
export type IsmsServices = LangiumServices & IsmsAddedServices;

/** The host's services: git history, report files, spreadsheet import. */
export type IsmsPlatformModule = Module<IsmsServices, IsmsPlatformServices & PartialLangiumServices>;

/** The language's own services and overrides of Langium's defaults; free of any file system or transport. */
export const IsmsCoreModule: Module<IsmsServices, PartialLangiumServices & Omit<IsmsAddedServices, keyof IsmsPlatformServices>> = {
    model: {
        ModelIndex: services => new ModelIndex(services.shared),
        RiskScoring: services => new RiskScoring(services.shared, services.model.ModelIndex),
        SoaDecisions: services => new SoaDecisions(services.model.ModelIndex),
        OptionalCatalogs: services => new OptionalCatalogs(services.shared, services.model.ModelIndex)
    },
    config: {
        Settings: () => new IsmsSettings(),
        WorkspaceTrust: () => new WorkspaceTrust()
    },
    parser: {
        ValueConverter: () => new IsmsValueConverter(),
        ParserErrorMessageProvider: services => new IsmsParserErrorMessageProvider(services.Grammar),
        LexerErrorMessageProvider: () => new IsmsLexerErrorMessageProvider(),
        Lexer: services => new LexerOnFirstUse(services),
        LangiumParser: services => createIsmsParser(services),
        CompletionParser: services => completionParserOnFirstUse(services)
    },
    references: {
        Linker: services => new IsmsLinker(services),
        ScopeComputation: services => new IsmsScopeComputation(services),
        ScopeProvider: services => new IsmsScopeProvider(services)
    },
    validation: {
        ValidationRegistry: services => new ChecksOnFirstUseRegistry(services),
        DocumentValidator: services => new IsmsDocumentValidator(services)
    },
    workspace: {
        AstNodeDescriptionProvider: services => new IsmsAstNodeDescriptionProvider(services),
        ReferenceDescriptionProvider: services => new IsmsReferenceDescriptionProvider(services)
    },
    lsp: {
        CodeActionProvider: services => new IsmsCodeActionProvider(services),
        CodeLensProvider: services => new IsmsCodeLensProvider(services),
        InlayHintProvider: services => new IsmsInlayHintProvider(services),
        RenameProvider: services => new IsmsRenameProvider(services),
        DocumentSymbolProvider: services => new IsmsDocumentSymbolProvider(services),
        HoverProvider: services => new IsmsHoverProvider(services),
        CompletionProvider: services => new IsmsCompletionProvider(services),
        SemanticTokenProvider: services => new IsmsSemanticTokenProvider(services),
        Formatter: () => new IsmsFormatter()
    }
};

/**
 * Shared services. The document builder needs the language's model index; the service
 * registry hands it over lazily, because the language services are created after these.
 */
function createIsmsSharedModule(): Module<LangiumSharedServices, DeepPartial<LangiumSharedServices>> {
    return {
        workspace: {
            WorkspaceManager: shared => new IsmsWorkspaceManager(shared),
            LangiumDocumentFactory: shared => new IsmsDocumentFactory(shared),
            IndexManager: shared => new IsmsIndexManager(shared),
            LangiumDocuments: shared => new IsmsLangiumDocuments(shared),
            DocumentBuilder: shared => new IsmsDocumentBuilder(shared, () => (shared.ServiceRegistry.all[0] as IsmsServices).model.ModelIndex,
                () => (shared.ServiceRegistry.all[0] as IsmsServices).model.OptionalCatalogs)
        },
        lsp: {
            LanguageServer: shared => new IsmsLanguageServer(shared),
            TextDocumentContentProvider: shared => new DefaultTextDocumentContentProvider(shared, BUILTIN_SCHEME),
            ExecuteCommandHandler: shared => new IsmsCommandHandler(shared)
        }
    };
}

/**
 * Creates the language services: Langium's defaults, then the generated grammar module, then
 * this language's module, then the host's platform module. With a `connection` these back a
 * language server; without one (CLI, tests) they work headless on the given file system.
 */
export function createIsmsServicesOn(context: DefaultSharedModuleContext, platform: IsmsPlatformModule): { shared: LangiumSharedServices, Isms: IsmsServices } {
    const shared = inject(createDefaultSharedModule(context), IsmsGeneratedSharedModule, createIsmsSharedModule());
    const Isms = inject(createDefaultModule({ shared }), IsmsGeneratedModule, IsmsCoreModule, platform);
    shared.ServiceRegistry.register(Isms);
    const registry = Isms.validation.ValidationRegistry;
    if (context.connection && registry instanceof ChecksOnFirstUseRegistry) {
        // The language server makes every other service while it answers initialize
        // (IsmsLanguageServer), before the first build: the checks can wait for the first validation.
        registry.registerOnFirstUse(() => registerValidationChecks(Isms));
    } else {
        registerValidationChecks(Isms);
    }
    if (context.connection) {
        shared.lsp.LanguageServer.onInitialize(params => {
            Isms.config.WorkspaceTrust.initialize(params.initializationOptions);
            Isms.history.AuditBaseline.initialize(params.capabilities);
        });
        synchronizeSettings(shared, Isms);
        addSelectionRangeHandler(shared);
    } else {
        // Headless (CLI, tests): no client sends configuration; settings are set through Isms.config.Settings.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Isms };
}
