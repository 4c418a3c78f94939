import type { LangiumDocument } from 'langium';
import { Cancellation, DocumentState, OperationCancelled, URI } from 'langium';
import type { ExecuteCommandAcceptor } from 'langium/lsp';
import { AbstractExecuteCommandHandler } from 'langium/lsp';
import type { LangiumSharedServices } from 'langium/lsp';
import { z } from 'zod';
import type { IsmsServices } from '../isms-module.js';
import { buildHeatMap } from '../reports/heat-map.js';
import { reportContext } from '../reports/report-context.js';
import { listedFrameworks, primaryFramework } from '../frameworks/listed-frameworks.js';
import { buildReport, documentFileName, REPORT_FORMATS, REPORT_KINDS, renderReport } from '../reports/report-formats.js';
import { isOfferedFormat } from '../reports/report-kind-formats.js';
import { frameworkInForce } from '../soa/soa-decisions.js';
import type { FrameworkChoices, GenerateReportResult, ModelSummary } from './server-commands.js';
import { ServerCommands } from './server-commands.js';

const generateReportArgs = z.object({
    kind: z.enum(REPORT_KINDS as ['soa', 'risk-register', 'treatment-plan', 'review-pack', 'framework-profile', 'coverage']),
    format: z.enum(REPORT_FORMATS),
    folder: z.string().min(1),
    framework: z.string().min(1).optional()
}).refine(args => isOfferedFormat(args.kind, args.format), { message: 'This report is not offered in that format.', path: ['format'] });

/**
 * Commands the editor asks the server to run: generating reports with the same generator as
 * the CLI, a summary of the model, the heat map's data, and comparisons with revisions of the
 * model in git (`RevisionComparison`). Each that reads the live model waits for the workspace
 * to be validated first.
 */
export class IsmsCommandHandler extends AbstractExecuteCommandHandler {

    constructor(private readonly shared: LangiumSharedServices) {
        super();
    }

    registerCommands(accept: ExecuteCommandAcceptor): void {
        // Runs inside the base constructor: fields are read only when a command runs.
        accept(ServerCommands.generateReport, (args, token) => this.generateReport(args[0], token));
        accept(ServerCommands.modelSummary, (_args, token) => this.modelSummary(token));
        accept(ServerCommands.heatMap, async (_args, token) => {
            await this.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, token);
            return buildHeatMap(this.isms);
        });
        accept(ServerCommands.revisions, (_args, token) => this.isms.history.RevisionComparison.revisions(token));
        accept(ServerCommands.compareWithRevision, (args, token) => this.isms.history.RevisionComparison.compare(args[0], token));
        accept(ServerCommands.frameworks, (_args, token) => this.frameworks(token));
        accept(ServerCommands.previewImport, async (args, token) => {
            await this.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, token);
            return this.isms.platform.SpreadsheetImport.preview(args[0]);
        });
        accept(ServerCommands.writeImport, async (args, token) => {
            await this.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, token);
            return this.isms.platform.SpreadsheetImport.write(args[0], this.workspaceRoot());
        });
    }

    private get isms(): IsmsServices {
        return this.shared.ServiceRegistry.all[0] as IsmsServices;
    }

    private async generateReport(raw: unknown, token: Cancellation.CancellationToken): Promise<GenerateReportResult> {
        const args = generateReportArgs.parse(raw);
        this.isms.config.WorkspaceTrust.requireTrustTo('write reports');
        await this.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, token);
        const root = this.workspaceRoot();
        const { Reports } = this.isms.platform;
        const cannotRender = Reports.cannotRender(args.format);
        if (cannotRender) throw new Error(cannotRender);
        const folder = Reports.reportsFolder(root, args.folder);
        if (!folder) {
            throw new Error(`The reports folder '${args.folder}' is outside the workspace; choose a folder inside it.`);
        }
        let context = reportContext(this.isms, Reports.gitCommit(root));
        if (args.kind === 'review-pack') {
            context = await Reports.withRiskTrend(context);
        }
        const document = buildReport(this.isms, args.kind, context, args.framework);
        const bytes = await renderReport(document, args.format);
        // A cancelled request leaves no file behind.
        if (token.isCancellationRequested) throw OperationCancelled;
        return Reports.write(folder, documentFileName(document, args.format), bytes);
    }

    /** The primary framework and the others the isms block lists: what the editor offers to profile. */
    private async frameworks(token: Cancellation.CancellationToken): Promise<FrameworkChoices> {
        await this.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, token);
        const index = this.isms.model.ModelIndex;
        const choice = (framework: { name: string, title?: string }) => ({ name: framework.name, title: framework.title ?? '' });
        const primary = primaryFramework(index);
        return { primary: primary ? choice(primary) : null, listed: listedFrameworks(index).map(choice) };
    }

    private async modelSummary(token: Cancellation.CancellationToken): Promise<ModelSummary> {
        await this.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, token);
        const { ModelIndex, RiskScoring, SoaDecisions } = this.isms.model;
        const documents = this.userDocuments();
        const diagnostics = documents.flatMap(document => document.diagnostics ?? []);
        const risks = ModelIndex.risks().map(located => located.node);
        return {
            files: documents.length,
            errors: diagnostics.filter(d => d.severity === 1).length,
            warnings: diagnostics.filter(d => d.severity === 2).length,
            risks: risks.length,
            aboveAppetite: risks.filter(risk => RiskScoring.assess(risk).aboveAppetite).length,
            undecidedControls: (frameworkInForce(ModelIndex)?.controls ?? []).filter(c => SoaDecisions.decisionOf(c.name) === 'undecided').length
        };
    }

    private userDocuments(): LangiumDocument[] {
        return this.isms.model.ModelIndex.userDocumentUris()
            .map(uri => this.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri)))
            .filter((document): document is LangiumDocument => document !== undefined);
    }

    private workspaceRoot(): URI {
        const folder = this.shared.workspace.WorkspaceManager.workspaceFolders?.[0];
        if (!folder) {
            throw new Error('Reports are written into the workspace folder; open a folder first.');
        }
        return URI.parse(folder.uri);
    }
}
