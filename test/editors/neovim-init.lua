-- Neovim (0.7 or later, headless) as a client of the ISMS language server, the way a user sets it
-- up: the server is started while Neovim starts, and the file given on the command line is
-- attached as soon as it is read, so didOpen follows initialize at once.
--
-- Input (environment): ISMS_NODE, ISMS_SERVER (dist/server.cjs), ISMS_ROOT (workspace folder),
-- ISMS_TODAY (isms.today), ISMS_QUERIES (JSON: { hover = {{line, character}…}, definition = {…} },
-- 0-based), ISMS_OUT (where the results go, as JSON). The test asserts on that file.

local env = vim.env
local queries = vim.fn.json_decode(env.ISMS_QUERIES)
local result = { publishes = 0, hovers = {}, definitions = {}, errors = {} }

local function finish()
  local file = assert(io.open(env.ISMS_OUT, 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qall!')
end

-- Count the publications, to know when the server has spoken about a file (an empty list and
-- no list look the same through vim.diagnostic).
local published = {}
local function on_publish(err, params, ctx, config)
  published[params.uri] = (published[params.uri] or 0) + 1
  result.publishes = result.publishes + 1
  return vim.lsp.handlers['textDocument/publishDiagnostics'](err, params, ctx, config)
end

local client_id = vim.lsp.start_client({
  name = 'isms',
  cmd = { env.ISMS_NODE, env.ISMS_SERVER, '--stdio' },
  root_dir = env.ISMS_ROOT,
  settings = { isms = { today = env.ISMS_TODAY } },
  handlers = { ['textDocument/publishDiagnostics'] = on_publish },
  on_exit = function(code, signal) result.server_exit = { code = code, signal = signal } end,
})

vim.api.nvim_create_autocmd('BufReadPost', {
  pattern = '*.isms',
  callback = function(args)
    vim.bo[args.buf].filetype = 'isms'
    vim.lsp.buf_attach_client(args.buf, client_id)
  end,
})

local function text_of(contents)
  if type(contents) == 'string' then return contents end
  if contents.value then return contents.value end
  local parts = {}
  for _, part in ipairs(contents) do table.insert(parts, type(part) == 'string' and part or part.value) end
  return table.concat(parts, '\n')
end

local function locations_of(found)
  if found == nil or found == vim.NIL then return {} end
  if found.uri or found.targetUri then found = { found } end
  local locations = {}
  for _, location in ipairs(found) do
    local range = location.targetSelectionRange or location.range
    table.insert(locations, { uri = location.targetUri or location.uri, line = range.start.line, character = range.start.character })
  end
  return locations
end

-- The one answer of the one client, or the error.
local function request(bufnr, method, params)
  local answers, err = vim.lsp.buf_request_sync(bufnr, method, params, 60000)
  if not answers then return nil, method .. ': ' .. tostring(err) end
  local answer = answers[client_id]
  if not answer then return nil, method .. ': no answer' end
  if answer.err then return nil, method .. ': ' .. vim.inspect(answer.err) end
  return answer.result
end

local function run()
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  result.uri = uri
  result.attached = vim.lsp.buf_is_attached(bufnr, client_id)
  if not vim.wait(60000, function() return (published[uri] or 0) > 0 end, 20) then
    table.insert(result.errors, 'no diagnostics were published for ' .. uri)
    return
  end
  -- The server answers a command only once the workspace is validated; after that, wait until
  -- no publication has come for a while, so that what Neovim shows has settled.
  local _, err = request(bufnr, 'workspace/executeCommand', { command = 'isms.server.modelSummary', arguments = {} })
  if err then table.insert(result.errors, err) end
  for _ = 1, 60 do
    local before = result.publishes
    if not vim.wait(1000, function() return result.publishes ~= before end, 20) then break end
  end

  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(result.diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, code = d.code or lsp.code,
    })
  end
  for _, position in ipairs(queries.hover or {}) do
    local found, hover_err = request(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = position })
    if hover_err then table.insert(result.errors, hover_err) end
    table.insert(result.hovers, (found and found ~= vim.NIL) and text_of(found.contents) or vim.NIL)
  end
  for _, position in ipairs(queries.definition or {}) do
    local found, definition_err = request(bufnr, 'textDocument/definition', { textDocument = { uri = uri }, position = position })
    if definition_err then table.insert(result.errors, definition_err) end
    table.insert(result.definitions, locations_of(found))
  end
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    vim.schedule(function()
      local ok, err = xpcall(run, debug.traceback)
      if not ok then table.insert(result.errors, err) end
      finish()
    end)
  end,
})
