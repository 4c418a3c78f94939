import type { LangiumDocument, Stream, ValidationCategory, ValidationCheck, ValidationPreparation } from 'langium';
import { ValidationRegistry } from 'langium';

/**
 * A validation registry that can be filled with the language's checks when a document is first
 * validated rather than when the services are made. Making the checks reads the whole grammar
 * (which properties each element has, which hold dates) for some 25 ms, which the language
 * server would otherwise spend before it can answer `initialize`.
 */
export class ChecksOnFirstUseRegistry extends ValidationRegistry {

    private registerChecks: (() => void) | undefined;

    /**
     * `register` adds the checks to this registry; it is called once, before the first
     * validation. The services the checks use must be made by then, since some of them follow
     * the document builder from its first build on.
     */
    registerOnFirstUse(register: () => void): void {
        this.registerChecks = register;
    }

    override getChecks(type: string, categories?: ValidationCategory[]): Stream<ValidationCheck> {
        this.ensureChecks();
        return super.getChecks(type, categories);
    }

    override get checksBefore(): ValidationPreparation[] {
        this.ensureChecks();
        return super.checksBefore;
    }

    override get checksAfter(): ValidationPreparation[] {
        this.ensureChecks();
        return super.checksAfter;
    }

    override getAllValidationCategories(document: LangiumDocument): ReadonlySet<ValidationCategory> {
        this.ensureChecks();
        return super.getAllValidationCategories(document);
    }

    private ensureChecks(): void {
        const register = this.registerChecks;
        this.registerChecks = undefined;
        register?.();
    }
}
