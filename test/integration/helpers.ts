// What the integration tests share: the workspace, waiting without sleeping, positions by text,
// the CLI run on the same model. Runs inside the extension host, where `vscode` is the real API.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'isms-as-code.isms-as-code';

export function workspaceRoot(): string {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'VS Code has a folder open');
    return folder.uri.fsPath;
}

export function fileUri(relative: string): vscode.Uri {
    return vscode.Uri.file(path.join(workspaceRoot(), relative));
}

export function extension(): vscode.Extension<unknown> {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `the extension ${EXTENSION_ID} is loaded`);
    return found;
}

/**
 * Polls `probe` until it returns something other than undefined, or fails after `timeout` ms
 * with `describe()` (the last state seen) in the message.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeout = 30000, describe?: () => string): Promise<T> {
    const end = Date.now() + timeout;
    let lastError: unknown;
    for (;;) {
        try {
            const value = await probe();
            if (value !== undefined) return value;
        } catch (error) {
            lastError = error;
        }
        if (Date.now() > end) {
            const detail = describe ? `; last seen: ${describe()}` : lastError ? `; last error: ${String(lastError)}` : '';
            throw new Error(`timed out after ${timeout} ms waiting for ${what}${detail}`);
        }
        await new Promise(resolve => setTimeout(resolve, 100));
    }
}

/** Waits until the extension is active, without activating it: activation must come by itself. */
export async function activeExtension(): Promise<vscode.Extension<unknown>> {
    const ext = extension();
    await waitFor('the extension to activate by itself', () => ext.isActive ? true : undefined, 60000);
    return ext;
}

/**
 * Runs a server command through the VS Code command the language client registers for it; the
 * server answers once the workspace is built and validated.
 */
export async function serverCommand<T>(command: string, ...args: unknown[]): Promise<T> {
    return waitFor(`the language server to answer ${command}`,
        async () => (await vscode.commands.executeCommand<T>(command, ...args)) ?? undefined, 60000);
}

/** The position `delta` characters into the first occurrence of `marker` (after `after`, if given). */
export function positionOf(document: vscode.TextDocument, marker: string, delta = 0, after?: string): vscode.Position {
    const text = document.getText();
    const from = after ? text.indexOf(after) : 0;
    assert.ok(from >= 0, `"${after}" occurs in ${vscode.workspace.asRelativePath(document.uri)}`);
    const offset = text.indexOf(marker, from);
    assert.ok(offset >= 0, `"${marker}" occurs in ${vscode.workspace.asRelativePath(document.uri)}`);
    return document.positionAt(offset + delta);
}

export function hoverText(hovers: readonly vscode.Hover[]): string {
    return hovers.flatMap(hover => hover.contents)
        .map(content => typeof content === 'string' ? content : content.value)
        .join('\n');
}

export function completionLabel(item: vscode.CompletionItem): string {
    return typeof item.label === 'string' ? item.label : item.label.label;
}

/** The target of a definition result, whichever of the two shapes the provider returned. */
/** Where F12 at `position` leads: each target's file and the range of its name. */
export async function definitionsAt(document: vscode.TextDocument, position: vscode.Position): Promise<Array<{ uri: vscode.Uri, range: vscode.Range }>> {
    const results = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', document.uri, position);
    return results.map(result => 'targetUri' in result
        ? { uri: result.targetUri, range: result.targetSelectionRange ?? result.targetRange }
        : { uri: result.uri, range: result.range });
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
    const code = diagnostic.code;
    return typeof code === 'object' ? String(code.value) : String(code);
}

const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;

/** A diagnostic as the tests compare them: file, 1-based line, code and severity. */
export interface DiagnosticRow {
    file: string;
    line: number;
    column: number;
    code: string;
    severity: string;
}

/** Every diagnostic VS Code holds for the workspace's .isms files, sorted. */
export function editorDiagnostics(): DiagnosticRow[] {
    const root = workspaceRoot();
    return vscode.languages.getDiagnostics()
        .filter(([uri]) => uri.scheme === 'file' && uri.fsPath.startsWith(root + path.sep) && uri.fsPath.endsWith('.isms'))
        .flatMap(([uri, diagnostics]) => diagnostics.map(diagnostic => ({
            file: path.relative(root, uri.fsPath).split(path.sep).join('/'),
            line: diagnostic.range.start.line + 1,
            column: diagnostic.range.start.character + 1,
            code: codeOf(diagnostic),
            severity: SEVERITIES[diagnostic.severity]
        })))
        .sort(compareRows);
}

export function compareRows(a: DiagnosticRow, b: DiagnosticRow): number {
    return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code);
}

/**
 * Runs the project's CLI (dist/cli.cjs, the bundle shipped beside the extension) on the
 * workspace, with the Node that runs this extension host (Electron's, as Node, in desktop VS Code).
 */
export function runCli(args: string[]): { stdout: string, stderr: string, status: number | null } {
    const cli = path.join(extension().extensionPath, 'dist', 'cli.cjs');
    const result = spawnSync(process.execPath, [cli, ...args], {
        cwd: workspaceRoot(),
        encoding: 'utf8',
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        timeout: 60000
    });
    if (result.error) throw result.error;
    return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** The diagnostics the CLI reports for the workspace, in the same rows. */
export function cliDiagnostics(today: string): DiagnosticRow[] {
    const result = runCli(['validate', '.', '--format', 'json', '--date', today]);
    let parsed: unknown;
    try {
        parsed = JSON.parse(result.stdout);
    } catch {
        throw new Error(`isms validate --format json printed no JSON (exit ${result.status}): ${result.stdout.slice(0, 300)} ${result.stderr.slice(0, 300)}`);
    }
    assert.ok(Array.isArray(parsed), 'isms validate --format json prints an array');
    return (parsed as Array<{ file: string, line: number, column: number, code: string, severity: string }>).map(item => ({
        file: item.file,
        line: item.line,
        column: item.column,
        code: item.code,
        severity: item.severity
    })).sort(compareRows);
}

export async function closeAllEditors(): Promise<void> {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
