// The GitHub Action (action.yml), the comment poster it uses (scripts/ci/post-diff-comment.mjs)
// and the GitLab recipe for `isms diff` in docs/cli.md, run for real: the action's bash steps
// and the recipe's script lines run with bash in a real git repository, against a local HTTP
// server that answers the few GitHub and GitLab API calls the poster makes.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { ACME_EXAMPLE, CLI_BUNDLE, PROJECT_ROOT } from '../helpers/project.js';

const ACTION_FILE = path.join(PROJECT_ROOT, 'action.yml');
const POSTER = path.join(PROJECT_ROOT, 'scripts', 'ci', 'post-diff-comment.mjs');
const REFERENCE = path.join(PROJECT_ROOT, 'docs', 'cli.md');
const MARKER = '<!-- isms-as-code:diff -->';
const GITHUB_LIMIT = 65536;
const GITHUB_TOKEN = 'ghs_test0token0that0must0never0be0printed';
const GITLAB_TOKEN = 'glpat-test0token0that0must0never0be0printed';
/** The date the model is checked as of, so that the date rules give the same answer on any day. */
const AS_OF = '2026-12-01';
/** Node 22 first on the path, as actions/setup-node leaves it. */
const NODE_PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`;

interface Run { status: number | null, stdout: string, stderr: string }

/** Runs a program without blocking the event loop, so the local API server can answer it. */
function run(command: string, args: string[], options: { cwd?: string, env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd: options.cwd ?? PROJECT_ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', chunk => { stdout += chunk; });
        child.stderr.setEncoding('utf8').on('data', chunk => { stderr += chunk; });
        child.on('error', reject);
        child.on('close', status => resolve({ status, stdout, stderr }));
    });
}

function assertNoStackTrace(result: Run): void {
    assert.doesNotMatch(result.stderr + result.stdout, /\n\s+at .*:\d+:\d+/, 'no stack trace');
}

function temporaryFolder(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

// ---------------------------------------------------------------------------------------------
// A local stand-in for the GitHub and GitLab APIs.

interface RecordedRequest {
    method: string;
    path: string;
    query: URLSearchParams;
    headers: http.IncomingHttpHeaders;
    body: unknown;
}

interface StoredComment { id: number, body: string, system?: boolean }

/** An answer the server gives instead of the usual one, for a method and a path. */
interface Failure { method: string, path: RegExp, status: number, body: unknown }

/**
 * The comments of GitHub pull requests (`owner/name#number`) and the notes of GitLab merge
 * requests (`project!iid`), in memory. Pages hold at most `pageSize` items whatever `per_page`
 * asks, so that a few comments are already several pages.
 */
class FakeForge {
    readonly requests: RecordedRequest[] = [];
    readonly github = new Map<string, StoredComment[]>();
    readonly gitlab = new Map<string, StoredComment[]>();
    readonly failures: Failure[] = [];
    pageSize = 100;
    private nextId = 1000;
    private server?: http.Server;
    url = '';

    async start(): Promise<void> {
        this.server = http.createServer((request, response) => {
            const chunks: Buffer[] = [];
            request.on('data', chunk => chunks.push(chunk));
            request.on('end', () => {
                const text = Buffer.concat(chunks).toString('utf8');
                let body: unknown;
                try {
                    body = text ? JSON.parse(text) : undefined;
                } catch {
                    body = text;
                }
                const url = new URL(request.url ?? '/', this.url);
                const recorded: RecordedRequest = { method: request.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: request.headers, body };
                this.requests.push(recorded);
                const answer = this.answer(recorded);
                response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
                response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
            });
        });
        await new Promise<void>(resolve => this.server!.listen(0, '127.0.0.1', resolve));
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    }

    async stop(): Promise<void> {
        this.server?.closeAllConnections();
        await new Promise<void>(resolve => this.server ? this.server.close(() => resolve()) : resolve());
    }

    reset(): void {
        this.requests.length = 0;
        this.github.clear();
        this.gitlab.clear();
        this.failures.length = 0;
        this.pageSize = 100;
    }

    add(list: StoredComment[], body: string, system = false): StoredComment {
        const comment = { id: this.nextId++, body, system };
        list.push(comment);
        return comment;
    }

    githubComments(key: string): StoredComment[] {
        if (!this.github.has(key)) this.github.set(key, []);
        return this.github.get(key)!;
    }

    gitlabNotes(key: string): StoredComment[] {
        if (!this.gitlab.has(key)) this.gitlab.set(key, []);
        return this.gitlab.get(key)!;
    }

    private answer(request: RecordedRequest): { status: number, body?: unknown, headers?: Record<string, string> } {
        const failure = this.failures.find(f => f.method === request.method && f.path.test(request.path));
        if (failure) return { status: failure.status, body: failure.body };
        const segments = request.path.split('/').slice(1).map(decodeURIComponent);
        if (segments[0] === 'repos') return this.answerGithub(request, segments);
        if (segments[0] === 'api' && segments[1] === 'v4') return this.answerGitlab(request, segments.slice(2));
        return { status: 404, body: { message: 'Not Found' } };
    }

    private page(request: RecordedRequest, list: StoredComment[]): { items: StoredComment[], page: number, perPage: number, last: number } {
        const perPage = Math.min(Number(request.query.get('per_page') ?? 20), this.pageSize);
        const page = Number(request.query.get('page') ?? 1);
        const last = Math.max(1, Math.ceil(list.length / perPage));
        return { items: list.slice((page - 1) * perPage, page * perPage), page, perPage, last };
    }

    private answerGithub(request: RecordedRequest, segments: string[]): { status: number, body?: unknown, headers?: Record<string, string> } {
        if (request.headers.authorization !== `Bearer ${GITHUB_TOKEN}`) {
            return { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } };
        }
        const [, owner, name, issues, second, third] = segments;
        if (issues !== 'issues') return { status: 404, body: { message: 'Not Found' } };
        const repository = `${owner}/${name}`;
        if (second === 'comments' && third !== undefined && request.method === 'PATCH') {
            const comment = [...this.github.values()].flat().find(c => c.id === Number(third));
            if (!comment) return { status: 404, body: { message: 'Not Found' } };
            const body = (request.body as { body?: unknown })?.body;
            if (typeof body !== 'string') return { status: 422, body: { message: 'Invalid request.' } };
            if (body.length > GITHUB_LIMIT) return this.tooLong();
            comment.body = body;
            return { status: 200, body: { id: comment.id, body, html_url: `https://github.example/${repository}/pull/1#issuecomment-${comment.id}` } };
        }
        if (third !== 'comments' || !/^\d+$/.test(second)) return { status: 404, body: { message: 'Not Found' } };
        const list = this.githubComments(`${repository}#${second}`);
        if (request.method === 'GET') {
            const { items, page, perPage, last } = this.page(request, list);
            const link = (n: number) => `<${this.url}${request.path}?per_page=${request.query.get('per_page') ?? perPage}&page=${n}>`;
            const links = page < last ? [`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`] : [`${link(1)}; rel="first"`];
            return { status: 200, body: items, headers: { link: links.join(', ') } };
        }
        if (request.method === 'POST') {
            const body = (request.body as { body?: unknown })?.body;
            if (typeof body !== 'string') return { status: 422, body: { message: 'Invalid request.' } };
            if (body.length > GITHUB_LIMIT) return this.tooLong();
            const comment = this.add(list, body);
            return { status: 201, body: { id: comment.id, body, html_url: `https://github.example/${repository}/pull/${second}#issuecomment-${comment.id}` } };
        }
        return { status: 404, body: { message: 'Not Found' } };
    }

    private tooLong(): { status: number, body: unknown } {
        return {
            status: 422,
            body: {
                message: 'Validation Failed',
                errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: `body is too long (maximum is ${GITHUB_LIMIT} characters)` }]
            }
        };
    }

    private answerGitlab(request: RecordedRequest, segments: string[]): { status: number, body?: unknown, headers?: Record<string, string> } {
        if (request.headers['private-token'] !== GITLAB_TOKEN) return { status: 401, body: { message: '401 Unauthorized' } };
        const [projects, project, mergeRequests, iid, notes, noteId] = segments;
        if (projects !== 'projects' || mergeRequests !== 'merge_requests' || notes !== 'notes') return { status: 404, body: { message: '404 Not found' } };
        const list = this.gitlabNotes(`${project}!${iid}`);
        const body = (request.body as { body?: unknown })?.body;
        if (noteId === undefined && request.method === 'GET') {
            const { items, page, last } = this.page(request, list);
            return { status: 200, body: items, headers: { 'x-page': String(page), 'x-total-pages': String(last), 'x-next-page': page < last ? String(page + 1) : '' } };
        }
        if (noteId === undefined && request.method === 'POST') {
            if (typeof body !== 'string' || body === '') return { status: 400, body: { message: { note: ['can\'t be blank'] } } };
            const note = this.add(list, body);
            return { status: 201, body: { id: note.id, body, system: false } };
        }
        if (noteId !== undefined && request.method === 'PUT') {
            const note = list.find(n => n.id === Number(noteId));
            if (!note) return { status: 404, body: { message: '404 Note Not Found' } };
            if (typeof body !== 'string') return { status: 400, body: { error: 'body is missing' } };
            note.body = body;
            return { status: 200, body: { id: note.id, body, system: false } };
        }
        return { status: 404, body: { message: '404 Not found' } };
    }
}

/** A port on 127.0.0.1 that nothing listens on: one a server has just given back. */
async function closedPort(): Promise<number> {
    const server = http.createServer();
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>(resolve => server.close(() => resolve()));
    return port;
}

// ---------------------------------------------------------------------------------------------
// A git repository with two commits of a small valid model.

interface ModelRepository {
    dir: string;
    base: string;
    head: string;
    /** A third commit, on the branch `broken`, that adds an error to the model. */
    broken: string;
}

function git(cwd: string, ...args: string[]): string {
    const result = spawnSync('git', ['-c', 'user.name=ISMS Test', '-c', 'user.email=isms@example.com', '-c', 'commit.gpgsign=false', ...args], {
        cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull }
    });
    assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
    return result.stdout.trim();
}

/**
 * examples/acme, committed; then R-001 scored more likely (inherent 15 to 20, residual 4 to 8:
 * both a level higher) and a new risk R-032; then, on a branch, a risk whose owner does not exist.
 */
function modelRepository(): ModelRepository {
    const dir = temporaryFolder('isms-ci-repo-');
    fs.cpSync(ACME_EXAMPLE, dir, { recursive: true });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'The ISMS as it was');
    const base = git(dir, 'rev-parse', 'HEAD');

    const platform = path.join(dir, 'risks', 'platform.isms');
    const before = fs.readFileSync(platform, 'utf8');
    const r001 = /(risk R-001 [^{]*\{[\s\S]*?)likelihood 3 {2}impact 5([\s\S]*?)residual likelihood 1 {2}impact 4/;
    assert.match(before, r001, 'R-001 of examples/acme is scored as this test expects');
    fs.writeFileSync(platform, before.replace(r001, '$1likelihood 4  impact 5$2residual likelihood 2  impact 4') + [
        '',
        'risk R-032 "An expired TLS certificate takes the application offline" {',
        '    assets SaaSApp',
        '    threat Misconfiguration',
        '    likelihood 2  impact 3',
        '    owner CTO',
        '    treatment mitigate {',
        '        controls A.8.16',
        '        residual likelihood 1  impact 3',
        '    }',
        '    reviewed 2026-11-20',
        '}',
        ''
    ].join('\n'));
    git(dir, 'commit', '-q', '-am', 'R-001 is more likely; R-032 is new');
    const head = git(dir, 'rev-parse', 'HEAD');

    git(dir, 'checkout', '-q', '-b', 'broken');
    fs.writeFileSync(path.join(dir, 'risks', 'seeded.isms'), 'risk R-099 "A risk nobody owns" {\n    owner NoSuchRole\n}\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'A risk with an unknown owner');
    const broken = git(dir, 'rev-parse', 'HEAD');
    git(dir, 'checkout', '-q', 'main');
    return { dir, base, head, broken };
}

// ---------------------------------------------------------------------------------------------
// Running action.yml as a runner would.

interface ActionStep {
    name?: string;
    id?: string;
    if?: string;
    uses?: string;
    with?: Record<string, unknown>;
    run?: string;
    shell?: string;
    env?: Record<string, unknown>;
    'working-directory'?: string;
}

interface ActionFile {
    name?: string;
    description?: string;
    inputs?: Record<string, { description?: string, required?: boolean, default?: unknown }>;
    outputs?: Record<string, { description?: string, value?: string }>;
    runs?: { using?: string, steps?: ActionStep[] };
}

function readAction(): ActionFile {
    return load(fs.readFileSync(ACTION_FILE, 'utf8')) as ActionFile;
}

/** What the expressions of action.yml can see. */
interface ExpressionContext {
    inputs: Record<string, string>;
    event: { pull_request?: { number?: number, base?: { sha?: string } }, before?: string };
    token: string;
    outputs: Record<string, Record<string, string>>;
}

/**
 * The expressions action.yml may use, with what they give on a runner. An expression not in
 * this table fails the test: add it here when the action needs a new one.
 */
const EXPRESSIONS: Array<[RegExp, (context: ExpressionContext, match: RegExpExecArray) => string]> = [
    [/^inputs\.([\w-]+)$/, (context, match) => {
        assert.ok(match[1] in context.inputs, `action.yml reads the input '${match[1]}', which it does not declare`);
        return context.inputs[match[1]];
    }],
    [/^steps\.([\w-]+)\.outputs\.([\w-]+)$/, (context, match) => context.outputs[match[1]]?.[match[2]] ?? ''],
    [/^github\.token$/, context => context.token],
    [/^github\.event\.pull_request\.number$/, context => String(context.event.pull_request?.number ?? '')],
    [/^github\.event\.pull_request\.base\.sha \|\| github\.event\.before$/, context => context.event.pull_request?.base?.sha || context.event.before || ''],
    [/^inputs\.upload-sarif == 'true'$/, context => String(context.inputs['upload-sarif'] === 'true')]
];

function evaluateExpression(expression: string, context: ExpressionContext): string {
    const text = expression.trim();
    for (const [pattern, value] of EXPRESSIONS) {
        const match = pattern.exec(text);
        if (match) return value(context, match);
    }
    assert.fail(`action.yml uses the expression \${{ ${text} }}, which this test does not know`);
}

/** A value of action.yml with its `${{ … }}` replaced. */
function evaluate(value: unknown, context: ExpressionContext): string {
    return String(value ?? '').replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => evaluateExpression(expression, context));
}

/** The values a step wrote to its GITHUB_OUTPUT file: `name=value` and `name<<DELIMITER` blocks. */
function readOutputs(file: string): Record<string, string> {
    const outputs: Record<string, string> = {};
    const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : [];
    for (let i = 0; i < lines.length; i++) {
        const heredoc = /^([\w-]+)<<(.+)$/.exec(lines[i]);
        if (heredoc) {
            const end = lines.indexOf(heredoc[2], i + 1);
            assert.ok(end > i, `unterminated ${heredoc[1]}<<${heredoc[2]} in GITHUB_OUTPUT`);
            outputs[heredoc[1]] = lines.slice(i + 1, end).join('\n');
            i = end;
            continue;
        }
        const pair = /^([\w-]+)=(.*)$/.exec(lines[i]);
        if (pair) outputs[pair[1]] = pair[2];
        else assert.equal(lines[i], '', `a line of GITHUB_OUTPUT the runner cannot read: ${lines[i]}`);
    }
    return outputs;
}

interface StepRun extends Run { name: string }

interface ActionRun {
    /** The bash steps that ran, in order. */
    steps: StepRun[];
    /** Whether a step failed (the job fails). */
    failed: boolean;
    summary: string;
    /** The outputs of the action, evaluated as the runner would. */
    outputs: Record<string, string>;
    /** The `with:` of each `uses:` step, evaluated, by the action it uses. */
    uses: Array<{ uses: string, with: Record<string, string>, skipped: boolean }>;
    /** Everything the steps printed. */
    log: string;
}

interface PullRequestEvent { name: 'pull_request', number: number, base: string }
interface PushEvent { name: 'push', before: string }

/**
 * Runs every `shell: bash` step of action.yml in order with bash, as a GitHub runner does for
 * a composite action: the step's `env:` evaluated, `GITHUB_OUTPUT` a new file for each step,
 * the workspace as the working folder, and the job stopped at the first step that fails.
 * `uses:` steps are not run; their `with:` is evaluated and returned.
 */
async function runAction(repository: string, event: PullRequestEvent | PushEvent, inputs: Record<string, string>, apiUrl: string): Promise<ActionRun> {
    const action = readAction();
    const runner = temporaryFolder('isms-ci-runner-');
    try {
        const eventFile = path.join(runner, 'event.json');
        const eventJson = event.name === 'pull_request'
            ? { action: 'synchronize', number: event.number, pull_request: { number: event.number, base: { sha: event.base, ref: 'main' }, head: { sha: git(repository, 'rev-parse', 'HEAD') } } }
            : { ref: 'refs/heads/main', before: event.before, after: git(repository, 'rev-parse', 'HEAD') };
        fs.writeFileSync(eventFile, JSON.stringify(eventJson, null, 2));
        const summaryFile = path.join(runner, 'step-summary.md');
        fs.writeFileSync(summaryFile, '');
        const temp = path.join(runner, 'temp');
        fs.mkdirSync(temp);

        const context: ExpressionContext = { inputs: {}, event: eventJson, token: GITHUB_TOKEN, outputs: {} };
        for (const [name, input] of Object.entries(action.inputs ?? {})) context.inputs[name] = evaluate(input.default ?? '', context);
        for (const [name, value] of Object.entries(inputs)) {
            assert.ok(name in context.inputs, `the test gives the input '${name}', which action.yml does not declare`);
            context.inputs[name] = value;
        }

        const runnerEnv: NodeJS.ProcessEnv = {
            PATH: NODE_PATH,
            HOME: process.env.HOME ?? runner,
            LANG: 'C.UTF-8',
            CI: 'true',
            GITHUB_ACTIONS: 'true',
            GITHUB_ACTION_PATH: PROJECT_ROOT.replace(/[\\/]+$/, ''),
            GITHUB_WORKSPACE: repository,
            GITHUB_EVENT_NAME: event.name,
            GITHUB_EVENT_PATH: eventFile,
            GITHUB_STEP_SUMMARY: summaryFile,
            GITHUB_REPOSITORY: 'acme/isms',
            GITHUB_API_URL: apiUrl,
            GITHUB_SERVER_URL: 'https://github.example',
            GITHUB_RUN_ID: '4242',
            GITHUB_SHA: git(repository, 'rev-parse', 'HEAD'),
            RUNNER_TEMP: temp,
            GIT_CONFIG_NOSYSTEM: '1',
            GIT_CONFIG_GLOBAL: os.devNull
        };

        const result: ActionRun = { steps: [], failed: false, summary: '', outputs: {}, uses: [], log: '' };
        for (const [index, step] of (action.runs?.steps ?? []).entries()) {
            const name = step.name ?? step.id ?? `step ${index + 1}`;
            const skipped = step.if !== undefined && evaluate(`\${{ ${step.if.replace(/^\$\{\{([\s\S]*)\}\}$/, '$1')} }}`, context) !== 'true';
            if (step.uses) {
                const withValues = Object.fromEntries(Object.entries(step.with ?? {}).map(([key, value]) => [key, evaluate(value, context)]));
                result.uses.push({ uses: step.uses, with: withValues, skipped });
                continue;
            }
            if (skipped) continue;
            assert.equal(step.shell, 'bash', `${name}: shell: bash`);
            const script = path.join(runner, `step-${index}.sh`);
            fs.writeFileSync(script, step.run ?? '');
            const outputFile = path.join(runner, `output-${index}`);
            fs.writeFileSync(outputFile, '');
            const env: NodeJS.ProcessEnv = { ...runnerEnv, GITHUB_OUTPUT: outputFile };
            for (const [key, value] of Object.entries(step.env ?? {})) env[key] = evaluate(value, context);
            const cwd = step['working-directory'] ? path.resolve(repository, evaluate(step['working-directory'], context)) : repository;
            // A composite action's `shell: bash` is `bash --noprofile --norc -eo pipefail {0}`.
            const stepRun = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env });
            result.steps.push({ name, ...stepRun });
            result.log += `--- ${name} (exit ${stepRun.status})\n${stepRun.stdout}${stepRun.stderr}`;
            if (step.id) context.outputs[step.id] = readOutputs(outputFile);
            if (stepRun.status !== 0) {
                result.failed = true;
                break;
            }
        }
        result.summary = fs.readFileSync(summaryFile, 'utf8');
        for (const [name, output] of Object.entries(action.outputs ?? {})) result.outputs[name] = evaluate(output.value, context);
        // Keep what the outputs name: the test reads them after the runner's folder is gone.
        for (const name of ['sarif', 'diff-markdown']) {
            if (result.outputs[name] && fs.existsSync(result.outputs[name])) {
                const copy = path.join(keptOutputs, `${keptCount++}-${path.basename(result.outputs[name])}`);
                fs.copyFileSync(result.outputs[name], copy);
                for (const use of result.uses) {
                    for (const key of Object.keys(use.with)) if (use.with[key] === result.outputs[name]) use.with[key] = copy;
                }
                result.outputs[name] = copy;
            }
        }
        return result;
    } finally {
        fs.rmSync(runner, { recursive: true, force: true });
    }
}

let keptOutputs = '';
let keptCount = 0;

function stepReport(result: ActionRun): string {
    return result.log.length > 6000 ? `…${result.log.slice(-6000)}` : result.log;
}

// ---------------------------------------------------------------------------------------------

describe('CI: the GitHub Action, the comment poster and the GitLab recipe', function () {
    this.timeout(120000);

    const forge = new FakeForge();

    before(async () => {
        await forge.start();
        keptOutputs = temporaryFolder('isms-ci-outputs-');
    });

    after(async () => {
        await forge.stop();
        fs.rmSync(keptOutputs, { recursive: true, force: true });
    });

    beforeEach(() => forge.reset());

    describe('action.yml', () => {
        const action = readAction();
        const steps = action.runs?.steps ?? [];

        it('is a composite action whose inputs and outputs are described', () => {
            assert.equal(action.name, 'ISMS as Code');
            assert.ok(action.description && action.description.length > 20, 'the action has a description');
            assert.equal(action.runs?.using, 'composite');
            const inputs = Object.entries(action.inputs ?? {});
            assert.deepEqual(inputs.map(([name]) => name).filter(name => ['path', 'base', 'fail-on', 'comment', 'upload-sarif'].includes(name)).sort(),
                ['base', 'comment', 'fail-on', 'path', 'upload-sarif']);
            for (const [name, input] of inputs) {
                assert.ok(typeof input.description === 'string' && input.description.trim().length > 10, `input ${name} is described`);
                assert.equal(typeof input.default, 'string', `input ${name} has a default, as a string`);
            }
            assert.equal(action.inputs!.path.default, '.');
            assert.equal(action.inputs!['fail-on'].default, '');
            assert.equal(action.inputs!.comment.default, 'true');
            assert.equal(action.inputs!['upload-sarif'].default, 'true');
            assert.deepEqual(Object.keys(action.outputs ?? {}).sort(), ['diff-markdown', 'errors', 'sarif']);
            for (const [name, output] of Object.entries(action.outputs ?? {})) {
                assert.ok(typeof output.description === 'string' && output.description.trim().length > 10, `output ${name} is described`);
                assert.match(output.value ?? '', /^\$\{\{ steps\.[\w-]+\.outputs\.[\w-]+ \}\}$/, `output ${name} is a step's output`);
            }
        });

        it('keeps every expression out of the scripts, and runs them with bash and set -euo pipefail', () => {
            const runSteps = steps.filter(step => step.run !== undefined);
            assert.ok(runSteps.length >= 4, `only ${runSteps.length} run steps`);
            for (const step of runSteps) {
                assert.doesNotMatch(step.run!, /\$\{\{/, `${step.name}: no \${{ }} inside run:, only in env:`);
                assert.equal(step.shell, 'bash', `${step.name}: shell: bash`);
                assert.match(step.run!, /^set -euo pipefail$/m, `${step.name}: set -euo pipefail`);
                assert.equal(step.uses, undefined);
                const check = spawnSync('bash', ['-n'], { input: step.run, encoding: 'utf8' });
                assert.equal(check.status, 0, `${step.name}: bash -n: ${check.stderr}`);
            }
            // Every expression anywhere in the file is one the runner simulation below knows.
            const context: ExpressionContext = {
                inputs: Object.fromEntries(Object.keys(action.inputs ?? {}).map(name => [name, ''])),
                event: {}, token: '', outputs: {}
            };
            const text = fs.readFileSync(ACTION_FILE, 'utf8');
            const expressions = [...text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map(match => match[1]);
            assert.ok(expressions.length >= 10, `only ${expressions.length} expressions`);
            for (const expression of expressions) evaluateExpression(expression, context);
            for (const step of steps.filter(s => s.if !== undefined)) evaluateExpression(step.if!.replace(/^\$\{\{([\s\S]*)\}\}$/, '$1'), context);
        });

        it('sets up Node 22, builds in the action folder unless built, and uploads SARIF as category isms', () => {
            const setupNode = steps.find(step => step.uses?.startsWith('actions/setup-node@'));
            assert.equal(setupNode?.uses, 'actions/setup-node@v4');
            assert.equal(String(setupNode?.with?.['node-version']), '22');
            assert.ok(steps.indexOf(setupNode!) === 0, 'Node is set up first');
            const build = steps.find(step => step.run?.includes('npm run build'));
            assert.ok(build, 'a step builds ISMS as Code');
            assert.match(build!.run!, /cd "\$GITHUB_ACTION_PATH"/);
            assert.match(build!.run!, /npm ci --no-audit --no-fund/);
            assert.match(build!.run!, /-f dist\/cli\.cjs/);
            const upload = steps.find(step => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
            assert.equal(upload?.uses, 'github/codeql-action/upload-sarif@v4');
            assert.equal(upload?.with?.category, 'isms');
            assert.match(String(upload?.with?.sarif_file), /steps\.validate\.outputs\.sarif/);
            assert.ok(upload?.if?.includes('upload-sarif'), 'the upload follows the input upload-sarif');
        });
    });

    describe('post-diff-comment.mjs', () => {
        let folder: string;
        before(() => { folder = temporaryFolder('isms-ci-poster-'); });
        after(() => fs.rmSync(folder, { recursive: true, force: true }));

        function markdownFile(name: string, text: string): string {
            const file = path.join(folder, name);
            fs.writeFileSync(file, text);
            return file;
        }

        function githubEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
            return {
                PATH: NODE_PATH, HOME: process.env.HOME,
                GITHUB_API_URL: forge.url, GITHUB_REPOSITORY: 'acme/isms', GITHUB_TOKEN,
                GITHUB_SERVER_URL: 'https://github.example', GITHUB_RUN_ID: '77', ...extra
            };
        }

        function gitlabEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
            return {
                PATH: NODE_PATH, HOME: process.env.HOME,
                CI_API_V4_URL: `${forge.url}/api/v4`, CI_PROJECT_ID: 'acme/isms', CI_MERGE_REQUEST_IID: '3',
                ISMS_GITLAB_TOKEN: GITLAB_TOKEN, CI_JOB_URL: 'https://gitlab.example/acme/isms/-/jobs/9', ...extra
            };
        }

        const poster = (args: string[], env: NodeJS.ProcessEnv) => run(process.execPath, [POSTER, ...args], { env });

        it('creates the one marked comment after reading every page, then updates it', async () => {
            forge.pageSize = 2;
            const comments = forge.githubComments('acme/isms#12');
            for (const text of ['LGTM', 'Please add R-032 to the register', `> quoting: ${MARKER} is not ours`, 'One more', 'And one more']) forge.add(comments, text);
            const file = markdownFile('first.md', '## ISMS changes\n\n| risk | change |\n|---|---|\n| R-001 | more likely |\n');

            const first = await poster([file, '12'], githubEnv());
            assert.equal(first.status, 0, first.stderr);
            assert.match(first.stdout, /created comment \d+ on pull request #12/);
            const gets = forge.requests.filter(r => r.method === 'GET');
            assert.deepEqual(gets.map(r => r.query.get('page') ?? '1'), ['1', '2', '3'], 'follows Link rel="next" to the last page');
            assert.ok(gets.every(r => r.path === '/repos/acme/isms/issues/12/comments' && r.query.get('per_page') === '100'));
            assert.ok(forge.requests.every(r => r.headers.authorization === `Bearer ${GITHUB_TOKEN}`), 'the token goes to the API');
            const posts = forge.requests.filter(r => r.method === 'POST');
            assert.equal(posts.length, 1);
            assert.equal(posts[0].path, '/repos/acme/isms/issues/12/comments');

            forge.requests.length = 0;
            const file2 = markdownFile('second.md', '## ISMS changes\n\nR-001 and R-032 changed.\n');
            const second = await poster([file2, '12'], githubEnv());
            assert.equal(second.status, 0, second.stderr);
            assert.match(second.stdout, /updated comment \d+ on pull request #12/);
            const marked = comments.filter(c => c.body.startsWith(MARKER));
            assert.equal(marked.length, 1, 'exactly one marked comment');
            assert.equal(marked[0].body, `${MARKER}\n## ISMS changes\n\nR-001 and R-032 changed.\n`);
            assert.deepEqual(forge.requests.filter(r => r.method !== 'GET').map(r => `${r.method} ${r.path}`),
                [`PATCH /repos/acme/isms/issues/comments/${marked[0].id}`]);
            assert.equal(comments.length, 6);
        });

        it('finds the marked comment on a later page and stops reading there', async () => {
            forge.pageSize = 2;
            const comments = forge.githubComments('acme/isms#5');
            for (let i = 0; i < 4; i++) forge.add(comments, `comment ${i}`);
            const ours = forge.add(comments, `${MARKER}\n## old report\n`);
            for (let i = 0; i < 3; i++) forge.add(comments, `later comment ${i}`);
            const result = await poster([markdownFile('page.md', '## new report\n'), '5'], githubEnv());
            assert.equal(result.status, 0, result.stderr);
            assert.deepEqual(forge.requests.map(r => `${r.method} ${r.query.get('page') ?? ''}`), ['GET ', 'GET 2', 'GET 3', 'PATCH ']);
            assert.equal(ours.body, `${MARKER}\n## new report\n`);
        });

        it('takes the pull-request number from the event in GITHUB_EVENT_PATH', async () => {
            const event = path.join(folder, 'event.json');
            fs.writeFileSync(event, JSON.stringify({ pull_request: { number: 31 } }));
            const result = await poster([markdownFile('event.md', '## report\n')], githubEnv({ GITHUB_EVENT_PATH: event }));
            assert.equal(result.status, 0, result.stderr);
            assert.equal(forge.githubComments('acme/isms#31').length, 1);
        });

        it('cuts a report longer than a GitHub comment at a line, closes what it leaves open and says so', async () => {
            const lines = ['## ISMS changes', '', '| risk | change |', '|---|---|', '', '<details><summary>Every change</summary>', ''];
            for (let i = 0, length = 0; length < 150000; i++) {
                lines.push(`- R-${String(i).padStart(4, '0')}: likelihood 3 → 4, residual level low → medium (a line of some length)`);
                length += lines.at(-1)!.length + 1;
            }
            lines.push('', '</details>', '');
            const markdown = lines.join('\n');
            const result = await poster([markdownFile('long.md', markdown), '8'], githubEnv());
            assert.equal(result.status, 0, result.stderr);
            assert.match(result.stdout, /shortened/);
            const [comment] = forge.githubComments('acme/isms#8');
            assert.ok(comment.body.length <= GITHUB_LIMIT, `${comment.body.length} characters`);
            assert.ok(comment.body.length > GITHUB_LIMIT - 1000, `uses the room there is: ${comment.body.length} characters`);
            assert.ok(comment.body.startsWith(`${MARKER}\n## ISMS changes\n`));
            const [kept, note] = comment.body.slice(MARKER.length + 1).split('\n</details>\n');
            assert.ok(markdown.startsWith(`${kept}\n`), 'the report is cut at the end of a line');
            assert.match(kept.split('\n').at(-1)!, /^- R-\d{4}: .*\)$/, 'the last line kept is whole');
            assert.match(note, /shortened/);
            assert.match(note, /\[job summary\]\(https:\/\/github\.example\/acme\/isms\/actions\/runs\/77\)/);
        });

        it('says in one line what the API refused, with its status and message, without the token', async () => {
            forge.failures.push({ method: 'POST', path: /\/comments$/, status: 403, body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' } });
            const refused = await poster([markdownFile('refused.md', '## report\n'), '4'], githubEnv());
            assert.equal(refused.status, 1);
            assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
            assert.match(refused.stderr, /^post-diff-comment: GitHub API: POST \/repos\/acme\/isms\/issues\/4\/comments: HTTP 403 Forbidden: Resource not accessible by integration$/m);
            assert.ok(!(refused.stderr + refused.stdout).includes(GITHUB_TOKEN), 'the token is never printed');
            assertNoStackTrace(refused);

            const badToken = await poster([markdownFile('bad-token.md', '## report\n'), '4'], githubEnv({ GITHUB_TOKEN: 'ghs_wrong0token0also0secret' }));
            assert.equal(badToken.status, 1);
            assert.match(badToken.stderr, /HTTP 401 Unauthorized: Bad credentials/);
            assert.ok(!badToken.stderr.includes('ghs_wrong0token0also0secret'));
            assert.equal(badToken.stderr.trim().split('\n').length, 1);

            const port = await closedPort();
            const unreachable = await poster([markdownFile('unreachable.md', '## report\n'), '4'], githubEnv({ GITHUB_API_URL: `http://127.0.0.1:${port}` }));
            assert.equal(unreachable.status, 1);
            assert.equal(unreachable.stderr, `post-diff-comment: GitHub API: GET /repos/acme/isms/issues/4/comments: cannot reach http://127.0.0.1:${port}: ECONNREFUSED\n`);
            assertNoStackTrace(unreachable);
        });

        it('names a missing variable or a bad argument and exits 2', async () => {
            const file = markdownFile('usage.md', '## report\n');
            const cases: Array<[string[], NodeJS.ProcessEnv, RegExp]> = [
                [[file, '1'], githubEnv({ GITHUB_TOKEN: undefined }), /GITHUB_TOKEN is not set/],
                [[file, '1'], githubEnv({ GITHUB_REPOSITORY: undefined }), /GITHUB_REPOSITORY is not set/],
                [[file], githubEnv(), /no pull-request number: .*GITHUB_EVENT_PATH/],
                [[file, 'seven'], githubEnv(), /pull-request number must be a whole number/],
                [[path.join(folder, 'missing.md'), '1'], githubEnv(), /missing\.md: cannot be read \(no such file\)/],
                [['--gitlab', file], gitlabEnv({ ISMS_GITLAB_TOKEN: undefined }), /ISMS_GITLAB_TOKEN is not set/],
                [['--gitlab', file], gitlabEnv({ CI_API_V4_URL: undefined }), /CI_API_V4_URL is not set/],
                [['--gitlab', file], gitlabEnv({ CI_PROJECT_ID: undefined }), /CI_PROJECT_ID is not set/],
                [['--gitlab', file], gitlabEnv({ CI_MERGE_REQUEST_IID: undefined }), /CI_MERGE_REQUEST_IID is not set/],
                [['--frobnicate', file], githubEnv(), /unknown option --frobnicate/]
            ];
            for (const [args, env, message] of cases) {
                const result = await poster(args, env);
                assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
                assert.match(result.stderr, message);
                assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
                assertNoStackTrace(result);
            }
            assert.equal(forge.requests.length, 0, 'nothing is sent on bad usage');
        });

        it('creates one GitLab merge-request note, then updates it, across pages', async () => {
            forge.pageSize = 2;
            const notes = forge.gitlabNotes('acme/isms!3');
            forge.add(notes, 'added 1 commit', true);
            forge.add(notes, 'Looks fine');
            forge.add(notes, 'changed the description', true);
            const first = await poster(['--gitlab', markdownFile('gitlab-1.md', '## ISMS changes\n\nR-001\n')], gitlabEnv());
            assert.equal(first.status, 0, first.stderr);
            assert.match(first.stdout, /created note \d+ on merge request !3/);
            assert.deepEqual(forge.requests.map(r => `${r.method} ${r.path} ${r.query.get('page') ?? ''}`), [
                'GET /api/v4/projects/acme%2Fisms/merge_requests/3/notes ',
                'GET /api/v4/projects/acme%2Fisms/merge_requests/3/notes 2',
                'POST /api/v4/projects/acme%2Fisms/merge_requests/3/notes '
            ]);
            assert.ok(forge.requests.every(r => r.headers['private-token'] === GITLAB_TOKEN && r.headers.authorization === undefined));

            forge.requests.length = 0;
            const second = await poster(['--gitlab', markdownFile('gitlab-2.md', '## ISMS changes\n\nR-001, R-032\n'), '3'], gitlabEnv({ CI_MERGE_REQUEST_IID: undefined }));
            assert.equal(second.status, 0, second.stderr);
            assert.match(second.stdout, /updated note \d+ on merge request !3/);
            const marked = notes.filter(n => n.body.startsWith(MARKER));
            assert.equal(marked.length, 1);
            assert.equal(marked[0].body, `${MARKER}\n## ISMS changes\n\nR-001, R-032\n`);
            assert.deepEqual(forge.requests.filter(r => r.method !== 'GET').map(r => `${r.method} ${r.path}`),
                [`PUT /api/v4/projects/acme%2Fisms/merge_requests/3/notes/${marked[0].id}`]);

            const refused = await poster(['--gitlab', markdownFile('gitlab-3.md', '## x\n')], gitlabEnv({ ISMS_GITLAB_TOKEN: 'glpat-wrong0secret' }));
            assert.equal(refused.status, 1);
            assert.match(refused.stderr, /^post-diff-comment: GitLab API: GET \/api\/v4\/projects\/acme%2Fisms\/merge_requests\/3\/notes: HTTP 401 Unauthorized: 401 Unauthorized\n$/);
            assert.ok(!refused.stderr.includes('glpat-wrong0secret'));
        });
    });

    describe('the action on a real repository', () => {
        let repository: ModelRepository;
        before(() => {
            const built = fs.existsSync(CLI_BUNDLE);
            assert.ok(built, `${CLI_BUNDLE} is built (npm run build)`);
            repository = modelRepository();
        });
        after(() => fs.rmSync(repository.dir, { recursive: true, force: true }));
        afterEach(() => git(repository.dir, 'checkout', '-q', 'main'));

        const pullRequest = (): PullRequestEvent => ({ name: 'pull_request', number: 12, base: repository.base });

        function assertSarif(result: ActionRun): void {
            const upload = result.uses.find(use => use.uses.startsWith('github/codeql-action/upload-sarif@'));
            assert.ok(upload && !upload.skipped, 'the SARIF upload runs');
            assert.equal(upload.with.category, 'isms');
            assert.equal(upload.with.sarif_file, result.outputs.sarif);
            assert.ok(fs.existsSync(upload.with.sarif_file), `the SARIF file ${upload.with.sarif_file} exists`);
            const sarif = JSON.parse(fs.readFileSync(upload.with.sarif_file, 'utf8')) as { version: string, runs: Array<{ tool: { driver: { name: string } } }> };
            assert.equal(sarif.version, '2.1.0');
            assert.equal(sarif.runs[0].tool.driver.name, 'isms');
        }

        it('checks the model, uploads SARIF, writes the diff to the summary, and posts one comment it then updates', async () => {
            const first = await runAction(repository.dir, pullRequest(), { date: AS_OF }, forge.url);
            assert.equal(first.failed, false, stepReport(first));
            assert.ok(first.steps.length >= 4);
            assert.match(first.log, /ISMS as Code is built already/, 'the build is skipped when dist/cli.cjs is there');
            assertSarif(first);
            assert.equal(first.outputs.errors, '0');

            const markdown = fs.readFileSync(first.outputs['diff-markdown'], 'utf8');
            assert.match(markdown, /^## /, 'the diff is Markdown with a ## heading');
            assert.match(markdown, /R-001/);
            assert.match(markdown, /R-032/);
            assert.ok(first.summary.includes(markdown.trim()), 'the job summary holds the diff');

            const comments = forge.githubComments('acme/isms#12');
            assert.equal(comments.length, 1, stepReport(first));
            assert.equal(comments[0].body, `${MARKER}\n${markdown.trim()}\n`);
            const firstWrites = forge.requests.filter(r => r.method !== 'GET').map(r => r.method);
            assert.deepEqual(firstWrites, ['POST']);

            forge.add(comments, 'A reviewer: please explain R-001');
            forge.requests.length = 0;
            const second = await runAction(repository.dir, pullRequest(), { date: AS_OF }, forge.url);
            assert.equal(second.failed, false, stepReport(second));
            assert.deepEqual(forge.requests.filter(r => r.method !== 'GET').map(r => r.method), ['PATCH'], 'the second run updates the comment');
            assert.equal(comments.filter(c => c.body.includes(MARKER)).length, 1, 'exactly one marked comment');
            assert.equal(comments.length, 2);
        });

        it('passes fail-on to isms diff: the job fails when it holds and passes when it does not', async () => {
            const holds = await runAction(repository.dir, pullRequest(), { date: AS_OF, 'fail-on': 'level-increase', comment: 'false' }, forge.url);
            assert.equal(holds.failed, true, stepReport(holds));
            assert.equal(holds.steps.at(-1)!.status, 1);
            assert.match(holds.steps.at(-1)!.stdout, /fail-on \(level-increase\)/, 'the last step says why the job fails');
            assert.ok(holds.steps.slice(0, -1).every(step => step.status === 0), 'only the last step fails');
            assert.match(holds.summary, /R-001/, 'the summary is written when fail-on holds');
            assert.equal(forge.requests.length, 0, 'comment: false posts nothing');

            const clean = await runAction(repository.dir, pullRequest(), { date: AS_OF, 'fail-on': 'new-errors', comment: 'false' }, forge.url);
            assert.equal(clean.failed, false, stepReport(clean));
        });

        it('fails the job at the end when the model has an error, after the upload and the comment', async () => {
            git(repository.dir, 'checkout', '-q', 'broken');
            const result = await runAction(repository.dir, pullRequest(), { date: AS_OF }, forge.url);
            assert.equal(result.failed, true, stepReport(result));
            const last = result.steps.at(-1)!;
            assert.equal(last.status, 1);
            assert.ok(result.steps.slice(0, -1).every(step => step.status === 0), `only the last step fails: ${stepReport(result)}`);
            assert.match(last.stdout, /::error::The ISMS model has [1-9]\d* error\(s\)/);
            assert.notEqual(result.outputs.errors, '0');
            assertSarif(result);
            assert.match(result.log, /seeded\.isms:\d+:\d+ error unresolved-reference/, 'the log lists the error');
            assert.equal(forge.githubComments('acme/isms#12').length, 1, 'the comparison is still posted');
        });

        it('on a push, compares with the commit before and posts no comment', async () => {
            const result = await runAction(repository.dir, { name: 'push', before: repository.base }, { date: AS_OF }, forge.url);
            assert.equal(result.failed, false, stepReport(result));
            assert.match(result.summary, /^## /m);
            assert.match(result.summary, /R-032/);
            assert.equal(forge.requests.length, 0, 'no comment on a push');
            assert.match(result.log, /this run is not for a pull request/);
        });

        it('stops with a clear error when the base commit is not in the checkout', async () => {
            const result = await runAction(repository.dir, pullRequest(), { date: AS_OF, base: '0123456789abcdef0123456789abcdef01234567' }, forge.url);
            assert.equal(result.failed, true);
            assert.match(result.log, /::error::The base commit 0123456789abcdef0123456789abcdef01234567 is not in the checkout: .*fetch-depth: 0/);
        });
    });

    describe('the GitLab recipe for isms diff in docs/cli.md', () => {
        interface GitlabJob { image?: string, rules?: Array<{ if?: string }>, variables?: Record<string, unknown>, script?: string[], before_script?: string[], artifacts?: { paths?: string[] } }

        /** The YAML block of docs/cli.md that posts the diff with post-diff-comment.mjs --gitlab. */
        function recipe(): { name: string, job: GitlabJob } {
            const blocks = [...fs.readFileSync(REFERENCE, 'utf8').matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map(match => match[1]);
            const postsOnGitlab = /post-diff-comment\.mjs"? --gitlab\b/;
            const ours = blocks.filter(block => postsOnGitlab.test(block));
            assert.equal(ours.length, 1, 'one YAML block of docs/cli.md posts the diff on GitLab');
            const document = load(ours[0]) as Record<string, GitlabJob>;
            const jobs = Object.entries(document).filter(([, job]) => Array.isArray(job?.script) && job.script.some(line => postsOnGitlab.test(line)));
            assert.equal(jobs.length, 1);
            return { name: jobs[0][0], job: jobs[0][1] };
        }

        let repository: ModelRepository;
        before(() => { repository = modelRepository(); });
        after(() => fs.rmSync(repository.dir, { recursive: true, force: true }));

        it('parses as a merge-request job with the whole history and the folder of ISMS as Code in a variable', () => {
            const { job } = recipe();
            assert.match(job.image ?? '', /^node:22/);
            assert.ok(job.rules?.some(rule => /\$CI_PIPELINE_SOURCE == "merge_request_event"/.test(rule.if ?? '')), 'runs in merge-request pipelines');
            assert.equal(String(job.variables?.GIT_DEPTH), '0');
            assert.ok(typeof job.variables?.ISMS_AS_CODE === 'string', 'ISMS_AS_CODE names the folder of ISMS as Code');
            assert.ok(job.script!.some(line => line.includes('$CI_MERGE_REQUEST_DIFF_BASE_SHA')));
            assert.ok(job.artifacts?.paths?.includes('isms-diff.md'), 'the whole report is kept as an artifact');
        });

        async function runRecipe(variables: Record<string, string>): Promise<Run> {
            const { job } = recipe();
            const env: NodeJS.ProcessEnv = {
                PATH: NODE_PATH,
                HOME: process.env.HOME,
                LANG: 'C.UTF-8',
                CI: 'true',
                GITLAB_CI: 'true',
                ...Object.fromEntries(Object.entries(job.variables ?? {}).map(([key, value]) => [key, String(value)])),
                // The recipe's variable for where ISMS as Code is built: here, this project.
                ISMS_AS_CODE: PROJECT_ROOT.replace(/[\\/]+$/, ''),
                CI_PIPELINE_SOURCE: 'merge_request_event',
                CI_API_V4_URL: `${forge.url}/api/v4`,
                CI_PROJECT_ID: '42',
                CI_MERGE_REQUEST_IID: '3',
                CI_MERGE_REQUEST_DIFF_BASE_SHA: repository.base,
                CI_JOB_URL: 'https://gitlab.example/acme/isms/-/jobs/9',
                ISMS_GITLAB_TOKEN: GITLAB_TOKEN,
                GIT_CONFIG_NOSYSTEM: '1',
                GIT_CONFIG_GLOBAL: os.devNull,
                ...variables
            };
            // GitLab runs the script lines one after the other in one bash, stopping at the first failure.
            return run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', job.script!.join('\n')], { cwd: repository.dir, env });
        }

        it('posts the diff as one merge-request note, updated on the next run, and fails when fail-on holds', async () => {
            const first = await runRecipe({ ISMS_FAIL_ON: '' });
            assert.equal(first.status, 0, first.stdout + first.stderr);
            const notes = forge.gitlabNotes('42!3');
            assert.equal(notes.length, 1);
            const markdown = fs.readFileSync(path.join(repository.dir, 'isms-diff.md'), 'utf8');
            assert.match(markdown, /^## /);
            assert.match(markdown, /R-001/);
            assert.match(markdown, /R-032/);
            assert.equal(notes[0].body, `${MARKER}\n${markdown.trim()}\n`);

            const second = await runRecipe({ ISMS_FAIL_ON: 'level-increase' });
            assert.equal(second.status, 1, `fail-on level-increase holds: ${second.stdout}${second.stderr}`);
            assert.equal(notes.length, 1, 'still one note');
            assert.deepEqual(forge.requests.filter(r => r.method !== 'GET').map(r => r.method), ['POST', 'PUT']);
            assert.ok(forge.requests.every(r => r.headers['private-token'] === GITLAB_TOKEN));
        });
    });
});
