// What the integration workspaces hold, without any file system: the web worker extension host
// reads it too (web.test.ts); workspaces.ts makes the folders.

/** The day the acme example is written for: 0 errors, 0 warnings on that day. */
export const TODAY = '2026-11-23';

/** Folder names; the suite picks the tests to run by the name of the folder VS Code opened. */
export const CLEAN_WORKSPACE = 'acme';
export const BROKEN_WORKSPACE = 'acme-broken';

export interface SeededMistake {
    /** File of the model, relative to the workspace root. */
    file: string;
    /** Text of examples/acme that the mistake replaces; it must occur exactly once. */
    find: string;
    replace: string;
    /** The diagnostic the mistake must raise, on the text `at` inside `replace`. */
    code: string;
    severity: 'error' | 'warning';
    at: string;
}

export const SEEDED_MISTAKES: readonly SeededMistake[] = [
    {
        file: 'risks/platform.isms',
        find: 'controls A.8.3, A.8.26, A.8.27, A.8.28, A.8.29, AC-03\n',
        replace: 'controls A.8.3, A.8.26, A.8.27, A.8.82, A.8.29, AC-03\n',
        code: 'unresolved-reference', severity: 'error', at: 'A.8.82'
    },
    {
        file: 'risks/platform.isms',
        find: 'vulnerability OutdatedDependencies\n    likelihood 4  impact 4\n    owner PlatformLead\n',
        replace: 'vulnerability OutdatedDependencies\n    likelihood 4  impact 4\n    owner SecurityChampion\n',
        code: 'unresolved-reference', severity: 'error', at: 'SecurityChampion'
    },
    {
        file: 'soa.isms',
        find: 'exclude A.7.4 because "No company premises to monitor; data-centre monitoring is AWS\'s under the shared responsibility model"\n',
        replace: 'exclude A.7.4\n',
        code: 'exclusion-unjustified', severity: 'error', at: 'A.7.4'
    },
    {
        file: 'assets.isms',
        find: 'asset CustomerData "Tenant customer data" {\n    kind data\n    owner CTO\n',
        replace: 'asset CustomerData "Tenant customer data" {\n    kind data\n',
        code: 'asset-without-owner', severity: 'warning', at: 'CustomerData'
    }
];

/** The workspace settings both copies get: a fixed "today", so date rules do not drift. */
export const WORKSPACE_SETTINGS = { 'isms.today': TODAY };
