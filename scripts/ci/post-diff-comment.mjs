#!/usr/bin/env node
// Posts the Markdown that `isms diff --format md` wrote as ONE comment on a GitHub pull request,
// or as one note on a GitLab merge request, and updates that same comment on every later run.
// The comment is found again by a hidden marker on its first line. Node 22 or later; no
// dependencies (the global fetch).
//
//   node post-diff-comment.mjs [--full-report TEXT] FILE [PULL_REQUEST_NUMBER]
//   node post-diff-comment.mjs --gitlab [--full-report TEXT] FILE [MERGE_REQUEST_IID]
//
// GitHub: GITHUB_TOKEN, GITHUB_REPOSITORY (owner/name), GITHUB_API_URL (default
// https://api.github.com); the pull-request number is the argument, or `pull_request.number`
// of the event in GITHUB_EVENT_PATH.
// GitLab: ISMS_GITLAB_TOKEN (sent as PRIVATE-TOKEN), CI_API_V4_URL, CI_PROJECT_ID, and the
// merge request's IID as the argument or CI_MERGE_REQUEST_IID.
//
// Exit codes: 0 posted or updated; 1 the API refused or could not be reached; 2 bad usage, a
// missing variable or an unreadable file.
import * as fs from 'node:fs';

const MARKER = '<!-- isms-as-code:diff -->';

/** The longest comment body each service takes, in characters. */
const LIMITS = { github: 65536, gitlab: 1000000 };

const NAME = 'post-diff-comment';

const USAGE = `Usage: node ${NAME}.mjs [--gitlab] [--full-report TEXT] FILE [NUMBER]

Posts FILE (the Markdown of isms diff --format md) as one comment on a GitHub pull request,
or with --gitlab as one note on a GitLab merge request, and updates that comment on later runs.

  --gitlab             post a merge-request note through the GitLab API
  --full-report TEXT   the sentence saying where the full report is, used when the report is
                       too long for a comment and is shortened
  NUMBER               the pull-request number (GitHub) or merge-request IID (GitLab); by
                       default from GITHUB_EVENT_PATH or CI_MERGE_REQUEST_IID

GitHub:  GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL (default https://api.github.com)
GitLab:  ISMS_GITLAB_TOKEN, CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID
`;

/** Bad usage, a missing variable, an unreadable file: exit code 2. */
class UsageError extends Error {}

/** The API answered with an error, or could not be reached: exit code 1. */
class ApiError extends Error {}

function parseArguments(argv) {
    const options = { gitlab: false, fullReport: undefined, file: undefined, number: undefined, help: false };
    const positional = [];
    for (let i = 0; i < argv.length; i++) {
        const argument = argv[i];
        if (argument === '--gitlab') options.gitlab = true;
        else if (argument === '-h' || argument === '--help') options.help = true;
        else if (argument === '--full-report' || argument.startsWith('--full-report=')) {
            const value = argument.includes('=') ? argument.slice(argument.indexOf('=') + 1) : argv[++i];
            if (value === undefined || value.trim() === '') throw new UsageError('--full-report needs a sentence');
            options.fullReport = value.trim();
        } else if (argument === '--') {
            positional.push(...argv.slice(i + 1));
            break;
        } else if (argument.startsWith('-') && argument !== '-') throw new UsageError(`unknown option ${argument} (see --help)`);
        else positional.push(argument);
    }
    if (options.help) return options;
    if (positional.length === 0) throw new UsageError('no Markdown file given (see --help)');
    if (positional.length > 2) throw new UsageError(`too many arguments: ${positional.slice(2).join(' ')}`);
    [options.file, options.number] = positional;
    if (options.number !== undefined) options.number = requestNumber(options.number, options.gitlab ? 'the merge-request IID' : 'the pull-request number');
    return options;
}

function requestNumber(text, what) {
    const value = String(text).trim();
    if (!/^[1-9]\d{0,9}$/.test(value)) throw new UsageError(`${what} must be a whole number above 0, not '${value}'`);
    return value;
}

function required(name) {
    const value = process.env[name];
    if (value === undefined || value.trim() === '') throw new UsageError(`${name} is not set`);
    return value.trim();
}

function apiBase(name, fallback) {
    const text = process.env[name]?.trim() || fallback;
    if (text === undefined) throw new UsageError(`${name} is not set`);
    let url;
    try {
        url = new URL(text);
    } catch {
        throw new UsageError(`${name} is not a URL: ${text}`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`${name} is not an http(s) URL: ${text}`);
    return text.replace(/\/+$/, '');
}

/** The GitHub side: the repository, the pull request and the calls of the issue-comments API. */
function githubTarget(numberArgument) {
    const token = required('GITHUB_TOKEN');
    const repository = required('GITHUB_REPOSITORY');
    if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) throw new UsageError(`GITHUB_REPOSITORY must be owner/name, not '${repository}'`);
    const base = apiBase('GITHUB_API_URL', 'https://api.github.com');
    const number = numberArgument ?? pullRequestFromEvent();
    const [owner, name] = repository.split('/').map(encodeURIComponent);
    const server = process.env.GITHUB_SERVER_URL?.trim();
    const runId = process.env.GITHUB_RUN_ID?.trim();
    return {
        service: 'GitHub',
        token,
        base,
        limit: LIMITS.github,
        what: `pull request #${number}`,
        noun: 'comment',
        headers: {
            accept: 'application/vnd.github+json',
            authorization: `Bearer ${token}`,
            'x-github-api-version': '2022-11-28',
            'user-agent': 'isms-as-code'
        },
        firstPage: `${base}/repos/${owner}/${name}/issues/${number}/comments?per_page=100`,
        nextPage: (response) => linkNext(response.headers.get('link')),
        isOurs: (comment) => typeof comment.body === 'string' && comment.body.trimStart().startsWith(MARKER),
        create: { method: 'POST', url: `${base}/repos/${owner}/${name}/issues/${number}/comments` },
        update: (comment) => ({ method: 'PATCH', url: `${base}/repos/${owner}/${name}/issues/comments/${comment.id}` }),
        fullReport: server && runId
            ? `The full report is in the [job summary](${server.replace(/\/+$/, '')}/${repository}/actions/runs/${runId}).`
            : 'The full report is in the job summary of the workflow run.'
    };
}

function pullRequestFromEvent() {
    const eventPath = process.env.GITHUB_EVENT_PATH?.trim();
    if (!eventPath) throw new UsageError('no pull-request number: give it as an argument, or set GITHUB_EVENT_PATH to a pull_request event');
    let event;
    try {
        event = JSON.parse(fs.readFileSync(eventPath, 'utf8'));
    } catch (error) {
        throw new UsageError(`GITHUB_EVENT_PATH: cannot read ${eventPath}: ${error.code ?? error.message}`);
    }
    const number = event?.pull_request?.number;
    if (number === undefined || number === null) throw new UsageError('no pull-request number: the event in GITHUB_EVENT_PATH is not a pull request; give the number as an argument');
    return requestNumber(number, 'pull_request.number of the event');
}

/** The URL of `rel="next"` in a Link header, if any. */
function linkNext(header) {
    if (!header) return undefined;
    for (const part of header.split(',')) {
        const match = /<([^>]+)>\s*;(.*)$/.exec(part.trim());
        if (match && /\brel="?([^";]*\s)?next(\s[^";]*)?"?/.test(match[2])) return match[1];
    }
    return undefined;
}

/** The GitLab side: the project, the merge request and the calls of the notes API. */
function gitlabTarget(numberArgument) {
    const token = required('ISMS_GITLAB_TOKEN');
    const base = apiBase('CI_API_V4_URL');
    const project = encodeURIComponent(required('CI_PROJECT_ID'));
    const iid = numberArgument ?? requestNumber(required('CI_MERGE_REQUEST_IID'), 'CI_MERGE_REQUEST_IID');
    const notes = `${base}/projects/${project}/merge_requests/${iid}/notes`;
    const jobUrl = process.env.CI_JOB_URL?.trim();
    return {
        service: 'GitLab',
        token,
        base,
        limit: LIMITS.gitlab,
        what: `merge request !${iid}`,
        noun: 'note',
        headers: { accept: 'application/json', 'private-token': token, 'user-agent': 'isms-as-code' },
        firstPage: `${notes}?per_page=100&sort=asc&order_by=created_at`,
        nextPage: (response, url) => {
            const next = response.headers.get('x-next-page')?.trim();
            if (!next) return undefined;
            const following = new URL(url);
            following.searchParams.set('page', next);
            return following.toString();
        },
        isOurs: (note) => !note.system && typeof note.body === 'string' && note.body.trimStart().startsWith(MARKER),
        create: { method: 'POST', url: notes },
        update: (note) => ({ method: 'PUT', url: `${notes}/${note.id}` }),
        fullReport: jobUrl
            ? `The full report is in the [job's artifacts](${jobUrl.replace(/\/+$/, '')}/artifacts/browse).`
            : 'The full report is in the artifacts of the pipeline job.'
    };
}

/**
 * The comment: the marker, then the Markdown. Longer than `limit`, the Markdown is cut at the
 * end of a line, a code block or `<details>` the cut leaves open is closed, and a last
 * paragraph says that the report was shortened and where the whole of it is.
 * @returns {{ body: string, shortened: boolean }}
 */
function commentBody(markdown, limit, fullReport) {
    const text = markdown.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
    const whole = `${MARKER}\n${text}\n`;
    if (whole.length <= limit) return { body: whole, shortened: false };
    const note = `\n\n---\n\n**This report was shortened to fit in a comment.** ${oneLine(fullReport)}\n`;
    let budget = limit - MARKER.length - 1 - note.length;
    for (;;) {
        let cut = budget > 0 ? text.lastIndexOf('\n', budget) : 0;
        if (cut <= 0) {
            // One line longer than a comment: cut inside it, never inside a character.
            cut = Math.max(0, budget);
            if (cut > 0 && /[\uD800-\uDBFF]/.test(text[cut - 1])) cut--;
        }
        const kept = text.slice(0, cut).replace(/\s+$/, '');
        const body = `${MARKER}\n${kept}${closers(kept)}${note}`;
        if (body.length <= limit || cut === 0) return { body, shortened: true };
        budget = cut - (body.length - limit) - 1;
    }
}

/** What closes the code block and the `<details>` elements left open at the end of `markdown`. */
function closers(markdown) {
    let fence;
    let details = 0;
    for (const line of markdown.split('\n')) {
        const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line);
        if (fence) {
            if (marker && marker[1][0] === fence[0] && marker[1].length >= fence.length && line.trim() === marker[1]) fence = undefined;
            continue;
        }
        if (marker) {
            fence = marker[1];
            continue;
        }
        details += (line.match(/<details\b/gi) ?? []).length - (line.match(/<\/details\s*>/gi) ?? []).length;
        if (details < 0) details = 0;
    }
    return (fence ? `\n${fence}` : '') + '\n</details>'.repeat(details);
}

/** One call of the API; an error status or a failed connection becomes an ApiError. */
async function call(target, method, url, body) {
    const where = `${method} ${new URL(url).pathname}`;
    let response;
    try {
        response = await fetch(url, {
            method,
            headers: body === undefined ? target.headers : { ...target.headers, 'content-type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body)
        });
    } catch (error) {
        const cause = error?.cause?.code ?? error?.cause?.message ?? error?.message ?? String(error);
        throw new ApiError(`${target.service} API: ${where}: cannot reach ${new URL(url).origin}: ${cause}`);
    }
    const text = await response.text();
    if (!response.ok) {
        const message = apiMessage(text);
        throw new ApiError(`${target.service} API: ${where}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${message ? `: ${message}` : ''}`);
    }
    if (text.trim() === '') return { response, data: undefined };
    try {
        return { response, data: JSON.parse(text) };
    } catch {
        throw new ApiError(`${target.service} API: ${where}: the answer is not JSON`);
    }
}

/** The message of an API error answer, on one line: GitHub's `message` and `errors`, GitLab's `message` or `error`. */
function apiMessage(text) {
    let data;
    try {
        data = JSON.parse(text);
    } catch {
        return oneLine(text).slice(0, 200);
    }
    const parts = [];
    const add = (value) => {
        if (value === undefined || value === null || value === '') return;
        if (typeof value === 'string') parts.push(value);
        else if (Array.isArray(value)) value.forEach(add);
        else if (typeof value === 'object') {
            if ('message' in value || 'code' in value) add(value.message ?? [value.field, value.code].filter(Boolean).join(' '));
            else for (const [key, inner] of Object.entries(value)) add(`${key} ${[inner].flat().join(', ')}`);
        } else parts.push(String(value));
    };
    add(data?.message);
    add(data?.errors);
    add(data?.error);
    add(data?.error_description);
    return oneLine(parts.join('; ')).slice(0, 500);
}

function oneLine(text) {
    return String(text).replace(/\s+/g, ' ').trim();
}

/** Every comment of the pull request (note of the merge request), page by page. */
async function* comments(target) {
    let url = target.firstPage;
    const origin = new URL(target.base).origin;
    const seen = new Set();
    while (url) {
        if (new URL(url).origin !== origin) throw new ApiError(`${target.service} API: the next page is on another server (${new URL(url).origin}); not sending the token there`);
        if (seen.has(url)) throw new ApiError(`${target.service} API: the pages of ${target.noun}s go round in a circle at ${new URL(url).pathname}`);
        seen.add(url);
        const { response, data } = await call(target, 'GET', url);
        if (!Array.isArray(data)) throw new ApiError(`${target.service} API: GET ${new URL(url).pathname}: expected a list of ${target.noun}s`);
        yield* data;
        url = target.nextPage(response, url);
    }
}

async function post(options) {
    const target = options.gitlab ? gitlabTarget(options.number) : githubTarget(options.number);
    let markdown;
    try {
        markdown = fs.readFileSync(options.file, 'utf8');
    } catch (error) {
        throw new UsageError(`${options.file}: cannot be read (${error.code === 'ENOENT' ? 'no such file' : error.code ?? error.message})`);
    }
    if (markdown.trim() === '') throw new UsageError(`${options.file} is empty: nothing to post`);
    const { body, shortened } = commentBody(markdown, target.limit, options.fullReport ?? target.fullReport);
    let existing;
    for await (const comment of comments(target)) {
        if (target.isOurs(comment)) {
            existing = comment;
            break;
        }
    }
    const { method, url } = existing ? target.update(existing) : target.create;
    const { data } = await call(target, method, url, { body });
    const id = data?.id ?? existing?.id;
    const link = data?.html_url ? `: ${data.html_url}` : '';
    const note = shortened ? ` (shortened to ${body.length} characters)` : '';
    console.log(`${NAME}: ${existing ? 'updated' : 'created'} ${target.noun} ${id} on ${target.what}${note}${link}`);
}

async function main() {
    let token;
    try {
        const options = parseArguments(process.argv.slice(2));
        if (options.help) {
            process.stdout.write(USAGE);
            return 0;
        }
        token = options.gitlab ? process.env.ISMS_GITLAB_TOKEN : process.env.GITHUB_TOKEN;
        await post(options);
        return 0;
    } catch (error) {
        const known = error instanceof UsageError || error instanceof ApiError;
        let message = known ? error.message : `internal error: ${error?.message ?? error}`;
        if (token && token.trim().length >= 4) message = message.split(token.trim()).join('***');
        process.stderr.write(`${NAME}: ${oneLine(message)}\n`);
        return error instanceof UsageError ? 2 : 1;
    }
}

process.exitCode = await main();
