import { defineRule, type PythonContext } from '../../../core/rule';

export default defineRule({
  meta: {
    id: 'whole-file-read',
    family: 'python',
    description: 'Reads a whole file into memory and then processes it line by line or searches it.',
    defaultLevel: 'warning',
    fixable: 'safe',
  },
  check(_context: PythonContext) {
    // TODO: not implemented yet
  },
});
