import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../helpers/project.js';

interface MenuEntry { command: string, when?: string }
const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    capabilities: { untrustedWorkspaces: { supported: boolean | 'limited', description?: string, restrictedConfigurations?: string[] } },
    contributes: { configuration: { properties: Record<string, unknown> }, menus: Record<string, MenuEntry[]> }
};

// Settings that only change how things look, never what the model or a report says. Every
// other setting must be restricted in an untrusted workspace: a cloned repository's workspace
// settings could otherwise silence diagnostics, move "today" or redirect reports.
const PRESENTATION_ONLY = ['isms.trace.server', 'isms.codeLens.enabled', 'isms.inlayHints.enabled'];
/** Commands that write files or read git metadata: neither happens in Restricted Mode. */
const WRITING_COMMANDS = ['isms.createIsms', 'isms.generateSoa', 'isms.generateRiskRegister', 'isms.generateTreatmentPlan', 'isms.generateReviewPack',
    'isms.generateFrameworkProfile', 'isms.generateCoverage', 'isms.compareWithRevision'];

describe('the extension manifest in untrusted workspaces', () => {
    const trust = manifest.capabilities.untrustedWorkspaces;

    it('declares limited support, with a description', () => {
        assert.equal(trust.supported, 'limited');
        assert.match(trust.description ?? '', /Restricted Mode/);
    });

    it('restricts every setting that changes results', () => {
        const restricted = trust.restrictedConfigurations ?? [];
        for (const setting of ['isms.diagnostics.severity', 'isms.today', 'isms.reports.folder', 'isms.maxFileSize']) {
            assert.ok(restricted.includes(setting), `${setting} is restricted`);
        }
        const unclassified = Object.keys(manifest.contributes.configuration.properties)
            .filter(setting => !restricted.includes(setting) && !PRESENTATION_ONLY.includes(setting));
        assert.deepEqual(unclassified, [], 'a new setting is either restricted or presentation only');
    });

    it('offers the commands that write files or read git only in a trusted workspace', () => {
        const entries = Object.values(manifest.contributes.menus).flat().filter(entry => WRITING_COMMANDS.includes(entry.command));
        assert.ok(entries.length >= WRITING_COMMANDS.length);
        for (const entry of entries) assert.match(entry.when ?? '', /\bisWorkspaceTrusted\b/, `${entry.command}: ${entry.when}`);
        for (const command of WRITING_COMMANDS) {
            assert.ok(manifest.contributes.menus.commandPalette.some(entry => entry.command === command), `${command} has a palette entry`);
        }
    });
});
