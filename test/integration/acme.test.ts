// The acme example, clean, in a real VS Code: activation, hover, completion, go to definition,
// the SoA command against the CLI, the heat map.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
    activeExtension, closeAllEditors, completionLabel, definitionsAt, editorDiagnostics, fileUri, hoverText,
    positionOf, runCli, serverCommand, waitFor, workspaceRoot
} from './helpers.js';
import { TODAY } from './workspaces.js';

interface ModelSummary { files: number, errors: number, warnings: number, risks: number, undecidedControls: number }
interface HeatMapData { methodology: string, appetite: number, inherent: Array<Array<{ risks: Array<{ id: string }> }>> }

async function open(relative: string): Promise<vscode.TextDocument> {
    const document = await vscode.workspace.openTextDocument(fileUri(relative));
    await vscode.window.showTextDocument(document);
    return document;
}

describe('the extension in VS Code, on the acme model', function () {
    this.timeout(90000);

    before(async () => {
        await activeExtension();
    });

    after(async () => {
        await closeAllEditors();
    });

    it('activates by itself in a workspace of .isms files and registers its commands', async () => {
        const ext = await activeExtension();
        assert.equal(ext.packageJSON.name, 'isms-as-code');
        const commands = await vscode.commands.getCommands(true);
        for (const command of ['isms.generateSoa', 'isms.generateRiskRegister', 'isms.generateTreatmentPlan', 'isms.generateReviewPack', 'isms.showHeatMap', 'isms.restartServer']) {
            assert.ok(commands.includes(command), `${command} is registered`);
        }
    });

    it('finds the model clean: 21 files, 31 risks, every control decided, no diagnostics', async () => {
        const summary = await serverCommand<ModelSummary>('isms.server.modelSummary');
        assert.deepEqual(
            { files: summary.files, errors: summary.errors, warnings: summary.warnings, risks: summary.risks, undecided: summary.undecidedControls },
            { files: 21, errors: 0, warnings: 0, risks: 31, undecided: 0 });
        assert.deepEqual(editorDiagnostics(), []);
    });

    it('shows a risk\'s inherent and residual score when hovering its id', async () => {
        const document = await open('risks/platform.isms');
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'R-001', 2));
        const text = hoverText(hovers);
        assert.match(text, /\*\*R-001\*\* Ransomware or a destructive attacker/);
        assert.match(text, /Inherent: .*= 15, high/);
        assert.match(text, /Residual: .*= 4, low — within appetite \(9\)/);
        assert.match(text, /Treatment: mitigate/);
        assert.match(text, /Owner: CTO/);
    });

    it('shows the scale label when hovering a likelihood', async () => {
        const document = await open('risks/platform.isms');
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'likelihood 3', 11, 'risk R-001'));
        assert.match(hoverText(hovers), /Likelihood 3: \*\*Possible \(once in 1-3 years\)\*\*/);
    });

    it('offers Annex A control ids with their titles in completion', async () => {
        const document = await open('risks/platform.isms');
        // The cursor after "A.8.1" in R-001's controls: A.8.13 "Information backup" is offered.
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider',
            document.uri, positionOf(document, 'A.8.13', 'A.8.1'.length, 'risk R-001'));
        const backup = list.items.find(item => completionLabel(item) === 'A.8.13');
        assert.ok(backup, `A.8.13 is offered among ${list.items.slice(0, 30).map(completionLabel).join(', ')}`);
        const title = [backup.detail, typeof backup.label === 'string' ? undefined : backup.label.description].filter(Boolean).join(' ');
        assert.match(title, /Information backup/);
        assert.ok(list.items.filter(item => /^A\.\d+\.\d+$/.test(completionLabel(item))).length >= 2, 'several control ids are offered');
    });

    it('goes to the definition of a role in another file', async () => {
        const document = await open('risks/platform.isms');
        const targets = await definitionsAt(document, positionOf(document, 'CTO', 1, 'risk R-001'));
        assert.equal(targets.length, 1);
        const target = targets[0];
        assert.equal(target.uri.fsPath, path.join(workspaceRoot(), 'roles.isms'));
        const roles = await vscode.workspace.openTextDocument(target.uri);
        assert.equal(roles.getText(target.range), 'CTO');
        assert.match(roles.lineAt(target.range.start.line).text, /^role CTO "Chief Technology Officer"/);
    });

    it('goes to the definition of an own control in controls.isms', async () => {
        const document = await open('risks/platform.isms');
        const targets = await definitionsAt(document, positionOf(document, 'AC-03', 2));
        const target = targets[0];
        assert.equal(target.uri.fsPath, path.join(workspaceRoot(), 'controls.isms'));
        const controls = await vscode.workspace.openTextDocument(target.uri);
        assert.equal(controls.getText(target.range), 'AC-03');
    });

    it('goes to the definition of an Annex A control in the built-in catalog, and opens it', async () => {
        const document = await open('risks/platform.isms');
        const targets = await definitionsAt(document, positionOf(document, 'A.8.13', 3, 'risk R-001'));
        assert.equal(targets.length, 1);
        const target = targets[0];
        assert.equal(target.uri.scheme, 'isms-builtin', `the catalog is built in: ${target.uri.toString()}`);
        // What F12 does: open the target. VS Code needs a content provider for the scheme.
        let catalog: vscode.TextDocument;
        try {
            catalog = await vscode.workspace.openTextDocument(target.uri);
        } catch (error) {
            assert.fail(`VS Code cannot open the catalog at ${target.uri.toString()}: ${error instanceof Error ? error.message : String(error)}`);
        }
        assert.equal(catalog.getText(target.range), 'A.8.13');
        assert.match(catalog.lineAt(target.range.start.line).text, /A\.8\.13.*Information backup/);
        await vscode.window.showTextDocument(catalog, { selection: target.range });
        assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), target.uri.toString());
    });

    it('"Generate Statement of Applicability" writes the SoA, the same as the CLI writes it', async () => {
        const expected = path.join(workspaceRoot(), 'reports', 'statement-of-applicability.md');
        fs.rmSync(expected, { force: true });
        const written = await vscode.commands.executeCommand<string | undefined>('isms.generateSoa', 'md');
        assert.equal(written, expected, 'the command returns the path it wrote');
        const content = fs.readFileSync(expected, 'utf8');
        assert.match(content, /Statement of Applicability/);
        const cli = runCli(['soa', '.', '--date', TODAY, '--format', 'md']);
        assert.equal(cli.status, 0, cli.stderr);
        assert.equal(content, cli.stdout, 'the editor\'s SoA and the CLI\'s SoA are the same');
        // It opens the Markdown preview of what it wrote.
        await waitFor('the SoA preview tab', () => vscode.window.tabGroups.all.flatMap(group => group.tabs)
            .find(tab => /statement-of-applicability/.test(tab.label)));
    });

    it('opens the risk heat map beside the editor, fed by the server', async () => {
        const map = await serverCommand<HeatMapData>('isms.server.heatMap');
        assert.equal(map.methodology, 'FiveByFive');
        assert.equal(map.inherent.flat().reduce((sum, cell) => sum + cell.risks.length, 0), 31, 'all 31 risks are on the inherent grid');
        await vscode.commands.executeCommand('isms.showHeatMap');
        const tab = await waitFor('the heat map tab', () => vscode.window.tabGroups.all.flatMap(group => group.tabs)
            .find(candidate => candidate.input instanceof vscode.TabInputWebview && candidate.input.viewType.includes('isms.heatMap')));
        assert.equal(tab.label, 'Risk Heat Map');
    });
});
