/**
 * The heat map webview's page. It draws the grids from the data the extension posts, using
 * only DOM text APIs (model text is never parsed as HTML), and colours by theme through VS
 * Code's CSS variables. The script and style carry a nonce; nothing else may run or load.
 */
export function heatMapPage(nonce: string, cspSource: string): string {
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Risk Heat Map</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 12px 12px; }
h1 { font-size: 1.2em; margin: 10px 0 2px; }
.note { color: var(--vscode-descriptionForeground); margin: 0 0 10px; }
.maps { display: flex; flex-wrap: wrap; gap: 24px; }
table.grid { border-collapse: collapse; }
table.grid caption { font-weight: bold; text-align: left; padding-bottom: 4px; }
table.grid th { font-weight: normal; color: var(--vscode-descriptionForeground); padding: 2px 6px; font-size: 0.85em; max-width: 90px; }
table.grid td { width: 54px; height: 42px; text-align: center; font-weight: bold; border: 1px solid var(--vscode-editorWidget-border, #8884); cursor: default; }
table.grid td.filled { cursor: pointer; }
table.grid td.selected { outline: 3px solid var(--vscode-focusBorder); outline-offset: -3px; }
td.level-0 { background: #2e7d3240; } td.level-1 { background: #f9a82560; } td.level-2 { background: #ef6c0070; } td.level-3 { background: #c6282880; } td.level-4 { background: #6a1b9a80; }
body.vscode-high-contrast td[class*="level-"] { background: transparent; border-width: 2px; }
body.vscode-high-contrast td.level-2, body.vscode-high-contrast td.level-3, body.vscode-high-contrast td.level-4 { border-style: double; border-width: 4px; }
.legend { margin: 10px 0; display: flex; gap: 14px; flex-wrap: wrap; }
.legend span.swatch { display: inline-block; width: 14px; height: 14px; vertical-align: middle; margin-right: 4px; border: 1px solid var(--vscode-editorWidget-border, #8884); }
#details h2 { font-size: 1em; margin: 14px 0 4px; }
#details ul { margin: 0; padding-left: 18px; }
#details a { color: var(--vscode-textLink-foreground); cursor: pointer; text-decoration: none; }
#details a:hover, #details a:focus { text-decoration: underline; }
</style>
</head>
<body>
<h1>Risk heat map</h1>
<p class="note" id="note">Loading…</p>
<div class="maps" id="maps"></div>
<div class="legend" id="legend"></div>
<div id="details"></div>
<script nonce="${nonce}">
(function () {
    const vscode = acquireVsCodeApi();
    let state = vscode.getState() || {};
    let map;

    const element = (tag, attributes, text) => {
        const node = document.createElement(tag);
        for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, String(value));
        if (text !== undefined) node.textContent = String(text);
        return node;
    };
    const levelIndex = name => map.levels.findIndex(level => level.name === name);

    function grid(kind, title) {
        const table = element('table', { class: 'grid', 'aria-label': title });
        table.appendChild(element('caption', {}, title + ' — ' + map[kind].flat().reduce((n, cell) => n + cell.risks.length, 0) + ' risks'));
        for (let l = map.likelihood.length - 1; l >= 0; l--) {
            const row = element('tr');
            row.appendChild(element('th', { scope: 'row', title: map.likelihood[l].label }, map.likelihood[l].value + ' ' + map.likelihood[l].label));
            map[kind][l].forEach((cell, i) => {
                const td = element('td', {
                    class: 'level-' + Math.max(0, levelIndex(cell.level)) + (cell.risks.length ? ' filled' : ''),
                    title: 'Likelihood ' + cell.likelihood + ' × impact ' + cell.impact + ' = ' + cell.score + (cell.level ? ', ' + cell.level : ''),
                    tabindex: cell.risks.length ? 0 : -1
                }, cell.risks.length || '');
                if (state.kind === kind && state.l === l && state.i === i) td.classList.add('selected');
                const select = () => { state = { kind, l, i }; vscode.setState(state); render(); };
                td.addEventListener('click', select);
                td.addEventListener('keydown', event => { if (event.key === 'Enter' || event.key === ' ') select(); });
                row.appendChild(td);
            });
            table.appendChild(row);
        }
        const footer = element('tr');
        footer.appendChild(element('th'));
        for (const step of map.impact) footer.appendChild(element('th', { scope: 'col', title: step.label }, step.value + ' ' + step.label));
        table.appendChild(footer);
        return table;
    }

    function details() {
        const box = document.getElementById('details');
        box.replaceChildren();
        const cell = state.kind && map[state.kind][state.l] && map[state.kind][state.l][state.i];
        if (!cell) return;
        box.appendChild(element('h2', {}, (state.kind === 'inherent' ? 'Inherent' : 'Residual') + ': likelihood ' + cell.likelihood
            + ' × impact ' + cell.impact + ' = ' + cell.score + (cell.level ? ' (' + cell.level + ')' : '')));
        const list = element('ul');
        for (const risk of cell.risks) {
            const item = element('li');
            const link = element('a', { tabindex: 0, role: 'link' }, risk.id + ' ' + risk.title);
            const open = () => vscode.postMessage({ type: 'open', uri: risk.uri, line: risk.line });
            link.addEventListener('click', open);
            link.addEventListener('keydown', event => { if (event.key === 'Enter') open(); });
            item.appendChild(link);
            list.appendChild(item);
        }
        if (!cell.risks.length) list.appendChild(element('li', {}, 'No risk in this cell.'));
        box.appendChild(list);
    }

    function render() {
        document.getElementById('note').textContent = 'Methodology ' + map.methodology + ' · risk appetite ' + map.appetite
            + (map.factor !== 1 ? ' · score = likelihood × impact × ' + map.factor : '') + '. Select a cell to list its risks.';
        document.getElementById('maps').replaceChildren(grid('inherent', 'Inherent'), grid('residual', 'Residual'));
        const legend = document.getElementById('legend');
        legend.replaceChildren();
        map.levels.forEach((level, index) => {
            const entry = element('span');
            entry.appendChild(element('span', { class: 'swatch level-' + index }));
            entry.appendChild(document.createTextNode(level.name + ' ' + level.min + '–' + level.max));
            legend.appendChild(entry);
        });
        details();
    }

    window.addEventListener('message', event => {
        if (event.data && event.data.type === 'data') {
            map = event.data.map;
            render();
        }
    });
    vscode.postMessage({ type: 'ready' });
})();
</script>
</body>
</html>`;
}
