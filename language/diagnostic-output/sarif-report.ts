import type { DiagnosticRule } from '../validation/diagnostic-codes.js';
import { DIAGNOSTIC_RULES } from '../validation/diagnostic-codes.js';
import type { ReportedDiagnostic, ReportSeverity } from './diagnostic-report.js';

const SARIF_LEVELS: Record<ReportSeverity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };


/**
 * A SARIF 2.1.0 log of the diagnostics, as code-scanning services read it: one rule per
 * diagnostic code (with its help text), file locations relative to the source root.
 */
export function toSarif(diagnostics: readonly ReportedDiagnostic[], toolVersion: string): object {
    const rules = [...DIAGNOSTIC_RULES.values()];
    const ruleIndex = new Map(rules.map((rule, index) => [rule.code as string, index]));
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: {
                driver: {
                    name: 'isms',
                    fullName: 'ISMS as Code',
                    version: toolVersion,
                    semanticVersion: toolVersion,
                    rules: rules.map(toSarifRule)
                }
            },
            originalUriBaseIds: { SRCROOT: { description: { text: 'The folder the check was run from.' } } },
            results: diagnostics.map(diagnostic => ({
                ruleId: diagnostic.code,
                ...(ruleIndex.has(diagnostic.code) ? { ruleIndex: ruleIndex.get(diagnostic.code) } : {}),
                level: SARIF_LEVELS[diagnostic.severity],
                message: { text: diagnostic.message },
                locations: [{
                    physicalLocation: {
                        artifactLocation: { uri: encodeURI(diagnostic.file), uriBaseId: 'SRCROOT' },
                        region: {
                            startLine: diagnostic.line,
                            startColumn: diagnostic.column,
                            endLine: diagnostic.endLine,
                            endColumn: diagnostic.endColumn
                        }
                    }
                }]
            }))
        }]
    };
}

function toSarifRule(rule: DiagnosticRule): object {
    return {
        id: rule.code,
        name: rule.code.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase()),
        shortDescription: { text: rule.summary },
        fullDescription: { text: `${rule.summary} ${rule.help}` },
        help: { text: rule.help, markdown: `${rule.help}\n\nSee docs/diagnostics.md#${rule.code}.` },
        defaultConfiguration: { level: SARIF_LEVELS[rule.defaultSeverity] }
    };
}
