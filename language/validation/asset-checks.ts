import type { ValidationAcceptor } from 'langium';
import type { Asset } from '../generated/ast.js';
import type { ModelIndex } from '../model/model-index.js';

/** Assets (A.5.9): owned, and assessed when in scope (clause 6.1.2 c). */
export class AssetChecks {

    constructor(private readonly modelIndex: ModelIndex) { }

    checkOwned(asset: Asset, accept: ValidationAcceptor): void {
        if (!asset.owner[0]) {
            accept('warning', `Asset '${asset.name}' has no owner. Name the role accountable for it: owner ROLE.`, {
                node: asset, property: 'name', code: 'asset-without-owner'
            });
        }
    }

    checkAssessed(asset: Asset, accept: ValidationAcceptor): void {
        if (this.modelIndex.isExcludedFromScope(asset.name)) return;
        if (this.modelIndex.risksCovering(asset.name).length === 0) {
            accept('warning', `Asset '${asset.name}' is in scope but no risk covers it. Assess its risks (risk … { assets ${asset.name} … }) or exclude it from the scope.`, {
                node: asset, property: 'name', code: 'unassessed-asset'
            });
        }
    }
}
