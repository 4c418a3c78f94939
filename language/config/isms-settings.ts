import { z } from 'zod';
import { isDiagnosticCode } from '../validation/diagnostic-codes.js';
import { DEFAULT_MAX_FILE_SIZE, parseByteSize } from './byte-size.js';
import { isRealDate, localToday } from './calendar.js';

export type SeveritySetting = 'error' | 'warning' | 'info' | 'hint' | 'off';

/**
 * The user-facing settings of the language (VS Code's `isms.*`, the CLI's flags). Unknown keys
 * are left alone: the `isms` section also holds settings of the editor extension.
 */
export const ismsSettingsSchema = z.looseObject({
    today: z.string()
        .refine(value => value === '' || isRealDate(value), { message: 'must be a date written YYYY-MM-DD, or empty for the real date' })
        .optional(),
    maxFileSize: z.union([z.number(), z.string()])
        .refine(value => parseByteSize(value) !== undefined, { message: 'must be a size such as 8MB, 512KB or a number of bytes' })
        .optional(),
    codeLens: z.looseObject({ enabled: z.boolean().optional() }).optional(),
    inlayHints: z.looseObject({ enabled: z.boolean().optional() }).optional(),
    diagnostics: z.looseObject({
        severity: z.record(
            z.string().refine(isDiagnosticCode, { message: 'is not a diagnostic code of the language' }),
            z.enum(['error', 'warning', 'info', 'hint', 'off'])
        ).optional()
    }).optional()
});

export type IsmsSettingsInput = z.input<typeof ismsSettingsSchema>;

export interface SettingsProblem {
    /** The setting's full name, such as `isms.diagnostics.severity.review-overdue`. */
    readonly setting: string;
    readonly message: string;
}

/**
 * The settings in force. A bad value is reported and ignored: the previous good settings stay,
 * so that a typo in settings.json never silences or breaks validation.
 */
export class IsmsSettings {

    private todayOverride: string | undefined;
    private severities = new Map<string, SeveritySetting>();
    private codeLens = true;
    private inlayHints = true;
    private maxFileBytes = DEFAULT_MAX_FILE_SIZE;

    /** Applies `raw` (the `isms` settings section); returns what was wrong with it, if anything. */
    update(raw: unknown): SettingsProblem[] {
        const parsed = ismsSettingsSchema.safeParse(raw ?? {});
        if (!parsed.success) {
            return parsed.error.issues.map(issue => ({
                setting: ['isms', ...issue.path.map(String)].join('.'),
                message: issue.code === 'invalid_key' ? 'is not a diagnostic code of the language'
                    : issue.code === 'invalid_value' ? `must be one of ${issue.values.join(', ')}`
                        : issue.message
            }));
        }
        this.todayOverride = parsed.data.today || undefined;
        this.severities = new Map(Object.entries(parsed.data.diagnostics?.severity ?? {}));
        this.codeLens = parsed.data.codeLens?.enabled ?? true;
        this.inlayHints = parsed.data.inlayHints?.enabled ?? true;
        this.maxFileBytes = parsed.data.maxFileSize === undefined ? DEFAULT_MAX_FILE_SIZE : parseByteSize(parsed.data.maxFileSize)!;
        return [];
    }

    /** "Today" for date rules: the override when set, else the real date. */
    today(): string {
        return this.todayOverride ?? localToday();
    }

    severityOverride(code: string): SeveritySetting | undefined {
        return this.severities.get(code);
    }

    codeLensEnabled(): boolean {
        return this.codeLens;
    }

    inlayHintsEnabled(): boolean {
        return this.inlayHints;
    }

    /** The largest model file, in bytes, that is parsed; larger ones are left out of the model. */
    maxFileSize(): number {
        return this.maxFileBytes;
    }
}
