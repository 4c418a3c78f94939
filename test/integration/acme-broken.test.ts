// A copy of acme with mistakes seeded into files nobody opens, in a real VS Code: the
// diagnostics arrive anyway, with the CLI's codes and places, and quick fixes clear them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DiagnosticRow } from './helpers.js';
import { activeExtension, cliDiagnostics, closeAllEditors, codeOf, editorDiagnostics, fileUri, positionOf, waitFor, workspaceRoot } from './helpers.js';
import { SEEDED_MISTAKES, TODAY } from './workspaces.js';

const show = (rows: DiagnosticRow[]) => rows.map(row => `${row.file}:${row.line}:${row.column} ${row.severity} ${row.code}`).join('; ') || 'none';

/** Where `at` is inside the seeded text, read from disk: the file is not opened. */
function placeOf(file: string, replace: string, at: string): vscode.Position {
    const text = fs.readFileSync(path.join(workspaceRoot(), file), 'utf8');
    const offset = text.indexOf(replace) + replace.indexOf(at);
    const before = text.slice(0, offset).split('\n');
    return new vscode.Position(before.length - 1, before[before.length - 1].length);
}

const SEVERITY = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning };

/** Applies the quick fix `title` offered for the `code` diagnostic on `at` in `file`. */
async function quickFix(file: string, code: string, at: string, title: string): Promise<vscode.Diagnostic> {
    const uri = fileUri(file);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const position = positionOf(document, at, 1);
    const diagnostic = await waitFor(`a ${code} diagnostic on ${at} in ${file}`,
        () => vscode.languages.getDiagnostics(uri).find(candidate => codeOf(candidate) === code && candidate.range.contains(position)));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider',
        uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const action = actions.find(candidate => candidate.title === title);
    assert.ok(action, `"${title}" is offered among ${JSON.stringify(actions.map(candidate => candidate.title))}`);
    assert.ok(action.edit || action.command, 'the quick fix edits or runs a command');
    if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), 'the edit applies');
    if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    return diagnostic;
}

describe('the extension in VS Code, on acme with seeded mistakes', function () {
    this.timeout(90000);

    before(async () => {
        await activeExtension();
    });

    after(async () => {
        await vscode.workspace.saveAll(false);
        await closeAllEditors();
    });

    it('reports each seeded mistake, with its code and place, in files no editor has opened', async () => {
        const opened = vscode.workspace.textDocuments.filter(document => document.uri.fsPath.startsWith(workspaceRoot()) && document.uri.fsPath.endsWith('.isms'));
        assert.deepEqual(opened.map(document => document.uri.fsPath), [], 'no .isms file is open');
        for (const mistake of SEEDED_MISTAKES) {
            const uri = fileUri(mistake.file);
            const place = placeOf(mistake.file, mistake.replace, mistake.at);
            await waitFor(`${mistake.code} (${mistake.severity}) on ${mistake.at} in ${mistake.file}`,
                () => vscode.languages.getDiagnostics(uri).some(diagnostic => codeOf(diagnostic) === mistake.code
                    && diagnostic.severity === SEVERITY[mistake.severity] && diagnostic.range.contains(place)) ? true : undefined,
                60000, () => show(editorDiagnostics()));
        }
    });

    it('holds the same diagnostics as the CLI\'s isms validate, and nothing else', async () => {
        const cli = cliDiagnostics(TODAY);
        assert.equal(cli.length, SEEDED_MISTAKES.length, `the CLI finds the seeded mistakes only: ${show(cli)}`);
        await waitFor('the editor to hold the CLI\'s diagnostics', () => show(editorDiagnostics()) === show(cli) ? true : undefined,
            20000, () => `editor: ${show(editorDiagnostics())}; CLI: ${show(cli)}`);
    });

    it('fixes an unknown role with the quick fix that declares it in roles.isms, and the error clears', async () => {
        const diagnostic = await quickFix('risks/platform.isms', 'unresolved-reference', 'SecurityChampion', 'Create role SecurityChampion');
        const uri = fileUri('risks/platform.isms');
        await waitFor('the unresolved role to clear', () => vscode.languages.getDiagnostics(uri)
            .some(candidate => candidate.range.isEqual(diagnostic.range) && codeOf(candidate) === 'unresolved-reference') ? undefined : true,
        30000, () => show(editorDiagnostics()));
        const roles = vscode.workspace.textDocuments.find(document => document.uri.fsPath === fileUri('roles.isms').fsPath);
        assert.ok(roles, 'roles.isms was edited');
        assert.match(roles.getText(), /\nrole SecurityChampion\b/);
        // The misspelt control next to it is still reported.
        const risks = await vscode.workspace.openTextDocument(uri);
        const controlLine = positionOf(risks, 'A.8.82').line;
        assert.ok(vscode.languages.getDiagnostics(uri).some(candidate => codeOf(candidate) === 'unresolved-reference' && candidate.range.start.line === controlLine),
            'the unknown control A.8.82 is still reported');
    });

    it('fixes an asset without an owner by setting one, and the warning clears', async () => {
        await quickFix('assets.isms', 'asset-without-owner', 'CustomerData', 'Set owner to CTO');
        await waitFor('asset-without-owner to clear', () => editorDiagnostics().some(row => row.code === 'asset-without-owner') ? undefined : true,
            30000, () => show(editorDiagnostics()));
        const assets = vscode.workspace.textDocuments.find(document => document.uri.fsPath === fileUri('assets.isms').fsPath);
        assert.match(assets?.getText() ?? '', /asset CustomerData "Tenant customer data" \{\n {4}kind data\n[^}]*owner CTO/);
    });
});
