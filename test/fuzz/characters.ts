/**
 * Character-level damage to whole models (issue #13): every file of a model loses or gains
 * random characters, or is cut off, the way a half-typed, half-pasted or half-saved workspace
 * looks. The models are the acme example and workspaces of the benchmark's generator
 * (scripts/bench/generate-workspace.mjs, seeded). What is done is plain data (model, kind,
 * rate, seed), so a failing input prints readably and replays exactly.
 */
import * as fc from 'fast-check';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../helpers/project.js';
import { ACME_FILES } from './mutations.js';

/** The characters an insertion draws from: the language's own alphabet. */
export const ALPHABET = '{}{}""\'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ..--\n\n  ';

export type Damage = 'delete' | 'insert' | 'truncate' | 'mixed';

export interface DamagedModel {
    /** `acme`, or a workspace of the benchmark's generator made from `seed`. */
    readonly model: 'acme' | 'generated';
    readonly damage: Damage;
    /** Characters deleted or inserted, in per mille of each file (10–50: 1–5 %). */
    readonly perMille: number;
    readonly seed: number;
}

export const damagedModelArbitrary = (models: ReadonlyArray<DamagedModel['model']>): fc.Arbitrary<DamagedModel> => fc.record({
    model: fc.constantFrom(...models),
    damage: fc.constantFrom<Damage>('delete', 'insert', 'truncate', 'mixed'),
    perMille: fc.integer({ min: 10, max: 50 }),
    seed: fc.nat({ max: 0x7fffffff })
});

/** One file damaged: `damage` at `perMille` of its characters, the choices made by `next`. */
function damageText(text: string, damage: Exclude<Damage, 'mixed'>, perMille: number, next: () => number): string {
    if (damage === 'truncate') return text.slice(0, Math.floor(next() * text.length));
    const rate = perMille / 1000;
    const out: string[] = [];
    for (const char of text) {
        if (damage === 'insert') {
            if (next() < rate) out.push(ALPHABET[Math.floor(next() * ALPHABET.length)]);
            out.push(char);
        } else if (next() >= rate) {
            out.push(char);
        }
    }
    return out.join('');
}

/** The generator's model for `seed`, with this many risks (the S size: 500). */
export const GENERATED_RISKS = Number(process.env.FUZZ_GENERATED_RISKS || 500);

/** The benchmark's workspace generator, imported as it is, and its seeded random numbers. */
interface Generator {
    generateWorkspace(options: { risks: number, seed: number }): { files: Map<string, string> };
    mulberry32(seed: number): () => number;
}

let generator: Generator | undefined;
const generated = new Map<number, Record<string, string>>();

async function loadGenerator(): Promise<Generator> {
    generator ??= await import(pathToFileURL(path.join(PROJECT_ROOT, 'scripts', 'bench', 'generate-workspace.mjs')).href) as Generator;
    return generator;
}

/** The files of the generated workspace of `seed`. */
async function generatedModel(seed: number): Promise<Record<string, string>> {
    const generator = await loadGenerator();
    const workspaceSeed = seed % 16 + 1;
    let files = generated.get(workspaceSeed);
    if (!files) {
        files = Object.fromEntries(generator.generateWorkspace({ risks: GENERATED_RISKS, seed: workspaceSeed }).files);
        generated.set(workspaceSeed, files);
    }
    return files;
}

/** The model's files before and after the damage. */
export async function damagedFiles(input: DamagedModel): Promise<{ original: Record<string, string>, damaged: Record<string, string> }> {
    const original = input.model === 'acme' ? Object.fromEntries(ACME_FILES.map(file => [file.name, file.text])) : await generatedModel(input.seed);
    const random = (await loadGenerator()).mulberry32;
    const next = random(input.seed);
    const damaged: Record<string, string> = {};
    for (const [name, text] of Object.entries(original)) {
        const kinds = ['delete', 'insert', 'truncate'] as const;
        const damage = input.damage === 'mixed' ? kinds[Math.floor(next() * kinds.length)] : input.damage;
        damaged[name] = damageText(text, damage, input.perMille, random(Math.floor(next() * 0x7fffffff)));
    }
    return { original, damaged };
}

export function describeDamage(input: DamagedModel): string {
    return `${input.model === 'acme' ? 'acme' : `generated workspace (${GENERATED_RISKS} risks, seed ${input.seed % 16 + 1})`}, every file: `
        + `${input.damage === 'truncate' ? 'truncated' : `${input.damage} ${input.perMille / 10} % of characters`} (seed ${input.seed})`;
}
