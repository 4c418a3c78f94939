import type { AstNode, AstNodeDescription, LangiumCoreServices, LangiumDocument, LocalSymbols } from 'langium';
import { AstUtils, Cancellation, DefaultScopeComputation, interruptAndCheck, MultiMap } from 'langium';
import { isControl, isFramework, isLevel, isScaleValue } from '../generated/ast.js';
import type { IsmsIndexManager } from '../workspace/isms-index-manager.js';

/** Langium awaits a cancellation check before every node; every few hundred is enough. */
const CANCELLATION_CHECK_INTERVAL = 256;

/**
 * Exports every named element to the global index, nested ones included (controls inside a
 * `framework`, findings inside an `audit`), so that references resolve across files. An
 * element's local symbol is its exported description, not a second one.
 */
export class IsmsScopeComputation extends DefaultScopeComputation {

    private readonly indexManager: () => IsmsIndexManager;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.indexManager = () => services.shared.workspace.IndexManager as IsmsIndexManager;
    }

    override async collectExportedSymbols(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<AstNodeDescription[]> {
        const exported: AstNodeDescription[] = [];
        // A control is also known by its framework's name and its id, `CSF2::PR.AA-01`.
        const qualified: AstNodeDescription[] = [];
        let visited = 0;
        for (const node of exportedNodes(document.parseResult.value)) {
            if (++visited % CANCELLATION_CHECK_INTERVAL === 0) await interruptAndCheck(cancelToken);
            const name = this.nameProvider.getName(node);
            if (!name) continue;
            exported.push(this.descriptions.createDescription(node, name, document));
            if (isControl(node) && isFramework(node.$container) && node.$container.name) {
                qualified.push(this.descriptions.createDescription(node, qualifiedControlName(node.$container.name, name), document));
            }
        }
        return qualified.length > 0 ? [...exported, ...qualified] : exported;
    }

    override async collectLocalSymbols(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<LocalSymbols> {
        // The document was indexed before its scopes are computed: its exports describe its nodes.
        const exported = new Map<AstNode, AstNodeDescription>();
        for (const description of this.indexManager().exportsOf(document.uri.toString())) {
            if (description.node && !exported.has(description.node)) exported.set(description.node, description);
        }
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        let visited = 0;
        for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
            if (++visited % CANCELLATION_CHECK_INTERVAL === 0) await interruptAndCheck(cancelToken);
            const name = node.$container && this.nameProvider.getName(node);
            if (!name) continue;
            const description = exported.get(node);
            symbols.add(node.$container!, description?.name === name ? description : this.descriptions.createDescription(node, name, document));
        }
        return symbols;
    }
}

/** The root and every element under it but methodology levels and scale values, which carry names but are not elements of the model. */
function* exportedNodes(root: AstNode): Iterable<AstNode> {
    yield root;
    const nodes = AstUtils.streamAllContents(root).iterator();
    for (const node of nodes) {
        if (isLevel(node) || isScaleValue(node)) {
            nodes.prune();
        } else {
            yield node;
        }
    }
}

/** `CSF2::PR.AA-01`: a control id with the framework that declares it. */
export function qualifiedControlName(framework: string, id: string): string {
    return `${framework}::${id}`;
}
