import type { AstNode, DiagnosticInfo, FileSystemProvider, ValidationAcceptor, WorkspaceManager } from 'langium';
import { AstUtils } from 'langium';
import type { Evidence, IsmsBlock, Methodology, Policy } from '../generated/ast.js';
import { addInterval } from '../config/calendar.js';
import type { IsmsSettings } from '../config/isms-settings.js';
import type { WorkspaceTrust } from '../config/workspace-trust.js';
import { isRelativePath } from '../files/relative-path.js';
import type { ModelPaths } from '../platform/platform-services.js';

/** Where a path of the model is written. */
type PathProperty = Omit<DiagnosticInfo<AstNode, string>, 'code'>;

/** Clause 7.5: documented information is approved, current and where the model says it is. */
export class DocumentedInformationChecks {

    constructor(
        private readonly settings: IsmsSettings,
        private readonly fileSystem: FileSystemProvider,
        private readonly workspaceManager: WorkspaceManager,
        private readonly trust: WorkspaceTrust,
        private readonly paths: ModelPaths
    ) { }

    checkMethodologyApproved(methodology: Methodology, accept: ValidationAcceptor): void {
        if (!methodology.approvedBy[0] || !methodology.approvedOn[0]) {
            accept('warning', `Methodology '${methodology.name}' records ${missingApproval(methodology)} (clause 7.5.2). Record it: approved-by ROLE on DATE.`, {
                node: methodology, property: 'name', code: 'document-unapproved'
            });
        }
    }

    checkSoaApproved(block: IsmsBlock, accept: ValidationAcceptor): void {
        const soa = block.soa[0];
        if (soa && (!soa.approvedBy[0] || !soa.approvedOn[0])) {
            accept('warning', `The Statement of Applicability records ${missingApproval(soa)} (clause 7.5.2). Record it in the soa block: approved-by ROLE on DATE.`, {
                node: block, keyword: 'soa', code: 'document-unapproved'
            });
        }
    }

    checkEvidenceCurrent(evidence: Evidence, accept: ValidationAcceptor): void {
        const validity = evidence.validity;
        if (!evidence.collected || !validity?.count || !validity.unit) return;
        const until = addInterval(evidence.collected, validity.count, validity.unit);
        if (until < this.settings.today()) {
            accept('warning', `Evidence "${evidence.description}" was collected on ${evidence.collected} and is valid for ${validity.count} ${validity.unit}, until ${until}. Collect it again and update its collected date.`, {
                node: evidence, property: 'collected', code: 'evidence-stale'
            });
        }
    }

    checkEvidenceFound(evidence: Evidence, accept: ValidationAcceptor): Promise<void> {
        return this.checkPathFound(evidence.location, `evidence "${evidence.description}"`, { node: evidence, property: 'location' }, accept);
    }

    checkPolicyDocumentFound(policy: Policy, accept: ValidationAcceptor): Promise<void> {
        return this.checkPathFound(policy.document[0], `the document of policy '${policy.name}'`, { node: policy, property: 'document' }, accept);
    }

    /**
     * Looks for the file a relative path names, below the workspace folder only. In an untrusted
     * workspace nothing is looked up: the model may come from anyone, and the server promises
     * to touch nothing there but the `.isms` files.
     */
    private async checkPathFound(value: string | undefined, what: string, where: PathProperty, accept: ValidationAcceptor): Promise<void> {
        if (!value?.trim() || !isRelativePath(value) || !this.trust.trusted) return;
        const document = AstUtils.getDocument(where.node);
        const base = this.paths.baseFolderOf(document, this.workspaceManager.workspaceFolders);
        const target = this.paths.resolveBelow(base, value);
        if (!target) {
            accept('warning', `The path "${value}" of ${what} leads outside the workspace. Keep the file in the workspace and give its path relative to it.`, {
                ...where, code: 'evidence-not-found'
            });
        } else if (!await this.fileSystem.exists(target)) {
            accept('warning', `The path "${value}" of ${what} names no file in the workspace. Add the file, or correct the path (relative to the workspace folder).`, {
                ...where, code: 'evidence-not-found'
            });
        }
    }
}

function missingApproval(document: { approvedBy: readonly unknown[] }): string {
    return document.approvedBy.length === 0 ? 'no approval' : 'no approval date';
}
