// Which Python runs a script: the interpreter chosen in the Python extension, else `memlint.python.path`, else
// python3. Only asked in a trusted workspace (the tracker runs nothing elsewhere).
import { PythonExtension } from '@vscode/python-extension';
import * as vscode from 'vscode';

const PYTHON_EXTENSION = 'ms-python.python';
/** The Python extension may still be discovering environments; memlint does not wait longer than this. */
const ASK_TIMEOUT_MS = 5000;

export interface Interpreter {
  path: string;
  /** Where it came from, for the terminal's first line. */
  source: 'Python extension' | 'memlint.python.path' | 'default';
}

export async function pythonFor(uri: vscode.Uri, configured: string): Promise<Interpreter> {
  const chosen = await fromPythonExtension(uri);
  if (chosen) return { path: chosen, source: 'Python extension' };
  if (configured && configured !== 'python3') return { path: configured, source: 'memlint.python.path' };
  return { path: 'python3', source: 'default' };
}

async function fromPythonExtension(uri: vscode.Uri): Promise<string | undefined> {
  if (!vscode.extensions.getExtension(PYTHON_EXTENSION)) return undefined;
  try {
    const ask = (async () => {
      const api = await PythonExtension.api();
      const env = await api.environments.resolveEnvironment(api.environments.getActiveEnvironmentPath(uri));
      return env?.executable.uri?.fsPath;
    })();
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ASK_TIMEOUT_MS));
    return await Promise.race([ask, timeout]);
  } catch {
    return undefined; // the extension failed or is disabled: fall back to the setting
  }
}
