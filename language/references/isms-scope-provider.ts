import type { AstNode, AstNodeDescription, AstReflection, LangiumCoreServices, ReferenceInfo, Scope, Stream } from 'langium';
import { AstUtils, DefaultScopeProvider, MultiMap, MultiMapScope, stream } from 'langium';
import type { IsmsIndexManager } from '../workspace/isms-index-manager.js';

/**
 * Langium's scope provider scans a container's local symbols one by one for every reference,
 * which makes linking quadratic in the size of a file. This one looks local symbols up by
 * name, through a table built once per container and reference type and dropped with the
 * syntax tree it belongs to.
 *
 * Langium also rebuilds its tables of the workspace's exports, one per reference type, after
 * every change: at 50,000 risks that is most of the cost of an edit. This one keeps them while
 * no element joins or leaves the exports (`IsmsIndexManager.exportsVersion`), which is the case
 * for most edits: the descriptions they hold then follow the elements into each new syntax tree.
 */
export class IsmsScopeProvider extends DefaultScopeProvider {

    private readonly astReflection: AstReflection;
    private readonly tables = new WeakMap<AstNode, Map<string, MultiMap<string, AstNodeDescription>>>();
    private readonly globalScopes = new Map<string, Scope>();
    private globalScopesVersion = -1;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.astReflection = services.shared.AstReflection;
    }

    protected override getGlobalScope(referenceType: string, _context: ReferenceInfo): Scope {
        const { exportsVersion } = this.indexManager as IsmsIndexManager;
        if (exportsVersion !== this.globalScopesVersion) {
            this.globalScopes.clear();
            this.globalScopesVersion = exportsVersion;
        }
        let scope = this.globalScopes.get(referenceType);
        if (!scope) {
            scope = new MultiMapScope(this.indexManager.allElements(referenceType));
            this.globalScopes.set(referenceType, scope);
        }
        return scope;
    }

    override getScope(context: ReferenceInfo): Scope {
        const referenceType = this.astReflection.getReferenceType(context);
        const localSymbols = AstUtils.getDocument(context.container).localSymbols;
        const tables: Array<MultiMap<string, AstNodeDescription>> = [];
        if (localSymbols) {
            for (let node: AstNode | undefined = context.container; node; node = node.$container) {
                if (localSymbols.has(node)) {
                    tables.push(this.table(node, referenceType, () => localSymbols.getStream(node!)));
                }
            }
        }
        let scope = this.getGlobalScope(referenceType, context);
        for (let i = tables.length - 1; i >= 0; i--) {
            scope = new NameTableScope(tables[i], scope);
        }
        return scope;
    }

    private table(node: AstNode, referenceType: string, symbols: () => Stream<AstNodeDescription>): MultiMap<string, AstNodeDescription> {
        let byType = this.tables.get(node);
        if (!byType) {
            byType = new Map();
            this.tables.set(node, byType);
        }
        let table = byType.get(referenceType);
        if (!table) {
            table = new MultiMap();
            for (const description of symbols()) {
                if (this.astReflection.isSubtype(description.type, referenceType)) {
                    table.add(description.name, description);
                }
            }
            byType.set(referenceType, table);
        }
        return table;
    }
}

class NameTableScope implements Scope {

    constructor(private readonly table: MultiMap<string, AstNodeDescription>, private readonly outer: Scope) { }

    getElement(name: string): AstNodeDescription | undefined {
        return this.table.get(name)[0] ?? this.outer.getElement(name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return stream(this.table.get(name)).concat(this.outer.getElements(name));
    }

    getAllElements(): Stream<AstNodeDescription> {
        return stream(this.table.values()).concat(this.outer.getAllElements());
    }
}
