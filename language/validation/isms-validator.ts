import type { AstNode, ValidationAcceptor, ValidationChecks } from 'langium';
import type { IsmsAstType } from '../generated/ast.js';
import type { IsmsServices } from '../isms-module.js';
import { AcceptanceChecks } from './acceptance-checks.js';
import { AssetChecks } from './asset-checks.js';
import { ContextChecks } from './context-checks.js';
import { DateChecks } from './date-checks.js';
import { DocumentedInformationChecks } from './documented-information-checks.js';
import { EvaluationChecks } from './evaluation-checks.js';
import { GovernanceChecks } from './governance-checks.js';
import { registrationTypes } from './grammar-owners.js';
import { IdentityChecks } from './identity-checks.js';
import { ImprovementChecks } from './improvement-checks.js';
import { IsmsBlockChecks } from './isms-block-checks.js';
import { JustificationChecks } from './justification-checks.js';
import { MethodologyChecks } from './methodology-checks.js';
import { ObjectiveChecks } from './objective-checks.js';
import { PropertyChecks } from './property-checks.js';
import { RiskChecks } from './risk-checks.js';
import { SoaChecks } from './soa-checks.js';
import { SupplierChecks } from './supplier-checks.js';
import { TextChecks } from './text-checks.js';
import { TrainingChecks } from './training-checks.js';

/**
 * Registers every validation rule of the language; the rules live in files named for what they
 * check. All run on every edit: the workspace-wide ones read the cached model index instead of
 * walking other documents.
 */
export function registerValidationChecks(services: IsmsServices): void {
    const { ModelIndex, RiskScoring, SoaDecisions } = services.model;
    const settings = services.config.Settings;
    const properties = new PropertyChecks(services.Grammar);
    const dates = new DateChecks(services.Grammar);
    const identity = new IdentityChecks(ModelIndex);
    const ismsBlock = new IsmsBlockChecks(ModelIndex);
    const risks = new RiskChecks(RiskScoring, ModelIndex, settings);
    const soa = new SoaChecks(ModelIndex, SoaDecisions);
    const assets = new AssetChecks(ModelIndex);
    const governance = new GovernanceChecks(settings);
    const methodology = new MethodologyChecks();
    const text = new TextChecks();
    const acceptances = new AcceptanceChecks(RiskScoring, settings);
    const improvement = new ImprovementChecks(ModelIndex);
    const suppliers = new SupplierChecks(settings);
    const trainings = new TrainingChecks(settings);
    const justifications = new JustificationChecks();
    const context = new ContextChecks();
    const objectives = new ObjectiveChecks(settings);
    const documents = new DocumentedInformationChecks(settings, services.shared.workspace.FileSystemProvider, services.shared.workspace.WorkspaceManager, services.config.WorkspaceTrust, services.platform.ModelPaths);
    const evaluation = new EvaluationChecks(ModelIndex, settings);

    const checks: ValidationChecks<IsmsAstType> = {
        Model: [
            (model, accept) => identity.checkUniqueIds(model, accept),
            (model, accept) => ismsBlock.checkWorkspaceHasIsms(model, accept),
            (model, accept) => text.checkBidiControls(model, accept),
            (model, accept) => text.checkFillInMarkers(model, accept)
        ],
        IsmsBlock: [
            (block, accept) => ismsBlock.checkSingleIsms(block, accept),
            (block, accept) => ismsBlock.checkScopeDeclared(block, accept),
            (block, accept) => soa.checkEveryControlDecided(block, accept),
            (block, accept) => context.checkClimateDetermined(block, accept),
            (block, accept) => context.checkScopeNotEmpty(block, accept),
            (block, accept) => documents.checkSoaApproved(block, accept),
            (block, accept) => evaluation.checkAuditsOnTime(block, accept),
            (block, accept) => evaluation.checkManagementReviewsOnTime(block, accept)
        ],
        Methodology: [
            (node, accept) => methodology.checkLevelsCoverScores(node, accept),
            (node, accept) => documents.checkMethodologyApproved(node, accept)
        ],
        Risk: [
            (risk, accept) => risks.checkRisk(risk, accept),
            (risk, accept) => acceptances.checkAcceptance(risk, accept)
        ],
        Apply: [
            (apply, accept) => soa.checkSingleDecision(apply, accept),
            (apply, accept) => soa.checkApplicabilityJustified(apply, accept),
            (apply, accept) => justifications.checkApplication(apply, accept)
        ],
        Exclude: [
            (exclude, accept) => soa.checkSingleDecision(exclude, accept),
            (exclude, accept) => soa.checkExclusionJustified(exclude, accept),
            (exclude, accept) => justifications.checkExclusion(exclude, accept)
        ],
        Acceptance: (acceptance, accept) => justifications.checkAcceptance(acceptance, accept),
        Transfer: (transfer, accept) => justifications.checkTransfer(transfer, accept),
        Avoid: (avoid, accept) => justifications.checkAvoidance(avoid, accept),
        ScopeExclusion: (excluded, accept) => justifications.checkScopeExclusion(excluded, accept),
        ClimateDetermination: (climate, accept) => justifications.checkClimate(climate, accept),
        Supplier: (supplier, accept) => suppliers.checkReviewed(supplier, accept),
        Training: (training, accept) => trainings.checkOnTime(training, accept),
        Nonconformity: (nonconformity, accept) => improvement.checkNonconformityComplete(nonconformity, accept),
        Asset: [
            (asset, accept) => assets.checkOwned(asset, accept),
            (asset, accept) => assets.checkAssessed(asset, accept)
        ],
        Policy: [
            (policy, accept) => governance.checkPolicyApproved(policy, accept),
            (policy, accept) => governance.checkPolicyReviewed(policy, accept),
            (policy, accept) => documents.checkPolicyDocumentFound(policy, accept)
        ],
        Finding: (finding, accept) => improvement.checkFindingHasAction(finding, accept),
        CorrectiveAction: (action, accept) => governance.checkActionOnTime(action, accept),
        Requirement: (requirement, accept) => context.checkRequirementAddressed(requirement, accept),
        Objective: [
            (objective, accept) => objectives.checkMeasuredOnTime(objective, accept),
            (objective, accept) => objectives.checkTargetMet(objective, accept)
        ],
        Evidence: [
            (evidence, accept) => documents.checkEvidenceCurrent(evidence, accept),
            (evidence, accept) => documents.checkEvidenceFound(evidence, accept)
        ],
        ManagementReview: (review, accept) => evaluation.checkReviewInputs(review, accept)
    };
    const registry = services.validation.ValidationRegistry;
    registry.register(checks);
    // These two read a node's own tokens, so they run only on the types whose nodes can hold a
    // date or a property block, as read from the grammar.
    const reflection = services.shared.AstReflection;
    registry.register(checksOn(registrationTypes(reflection, dates.types), (node, accept) => dates.checkDatesExist(node, accept)));
    registry.register(checksOn(registrationTypes(reflection, properties.blockTypes), (node, accept) => properties.checkPropertiesAtMostOnce(node, accept)));
}

function checksOn(types: readonly string[], check: (node: AstNode, accept: ValidationAcceptor) => void): ValidationChecks<IsmsAstType> {
    return Object.fromEntries(types.map(type => [type, check])) as ValidationChecks<IsmsAstType>;
}
