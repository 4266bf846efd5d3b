// Workspace Trust: linting runs no code and works everywhere; anything that runs code (the memory tracker)
// asks this guard first. VS Code itself ignores workspace values of `memlint.python.path` when untrusted
// (package.json `capabilities.untrustedWorkspaces.restrictedConfigurations`).
import * as vscode from 'vscode';

/** True when `action` may run code here; otherwise says why (without waiting for the user) and returns false. */
export function mayRunCode(action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage(`memlint: ${action} runs code, so it is disabled in this untrusted workspace.`, 'Manage Workspace Trust')
    .then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'));
  return false;
}
