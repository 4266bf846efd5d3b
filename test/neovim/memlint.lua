-- Neovim's built-in LSP client (0.7+) against `memlint server --stdio`, headless: open the file, wait for memlint's
-- diagnostic, ask for its code actions, apply the preferred one, wait for the re-lint. Each step prints one line
-- `MEMLINT <step> <json>` on stdout for test/neovim.test.ts to check. Parameters come from the environment:
-- MEMLINT_CLI (the CLI's main.js), MEMLINT_ROOT (the project folder), MEMLINT_FILE (the Python file).
local function emit(step, value)
  io.stdout:write('MEMLINT ' .. step .. ' ' .. vim.fn.json_encode(value) .. '\n')
  io.stdout:flush()
end

local function finish(code)
  vim.cmd((code == 0 and 'qa!') or ('cquit! ' .. code))
end

local ok, err = pcall(function()
  local id = vim.lsp.start_client({
    name = 'memlint',
    cmd = { 'node', os.getenv('MEMLINT_CLI'), 'server', '--stdio' },
    root_dir = os.getenv('MEMLINT_ROOT'),
  })
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('MEMLINT_FILE')))
  vim.bo.filetype = 'python'
  vim.lsp.buf_attach_client(0, id)

  local memlint = function()
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(0)) do
      if d.source == 'memlint' then table.insert(out, d) end
    end
    return out
  end
  if not vim.wait(20000, function() return #memlint() > 0 end, 50) then
    emit('error', 'no memlint diagnostic within 20 s')
    return finish(1)
  end
  local d = memlint()[1]
  -- The diagnostic as LSP has it (range, severity, source, code), to send back with the code action request.
  local lsp
  for _, l in ipairs(vim.lsp.diagnostic.get_line_diagnostics(0, d.lnum)) do
    if l.source == 'memlint' then lsp = l end
  end
  emit('diagnostic', { line = d.lnum, col = d.col, end_line = d.end_lnum, end_col = d.end_col, code = lsp.code, severity = lsp.severity, message = d.message })

  local client = vim.lsp.get_client_by_id(id)
  local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, range = lsp.range, context = { diagnostics = { lsp } } }
  local res = client.request_sync('textDocument/codeAction', params, 10000, 0)
  if not res or res.err or not res.result then
    emit('error', 'code action request failed: ' .. vim.inspect(res))
    return finish(1)
  end
  local titles, preferred = {}, nil
  for _, action in ipairs(res.result) do
    table.insert(titles, action.title)
    if action.isPreferred and not preferred then preferred = action end
  end
  emit('actions', titles)
  if not preferred then
    emit('error', 'no preferred action')
    return finish(1)
  end
  vim.lsp.util.apply_workspace_edit(preferred.edit, 'utf-16')
  emit('text', table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n'))
  -- The edit goes to the server as didChange; the re-lint must clear the finding.
  if not vim.wait(20000, function() return #memlint() == 0 end, 50) then
    emit('error', 'the finding stayed after the fix')
    return finish(1)
  end
  emit('relinted', #memlint())
  vim.lsp.stop_client(id)
  finish(0)
end)
if not ok then
  emit('error', tostring(err))
  finish(1)
end
