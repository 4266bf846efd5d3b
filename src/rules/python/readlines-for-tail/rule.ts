import { defineRule, type PythonContext } from '../../../core/rule';

export default defineRule({
  meta: {
    id: 'readlines-for-tail',
    family: 'python',
    description: 'Reads every line of a file only to keep the last few.',
    defaultLevel: 'warning',
    fixable: 'safe',
  },
  check(_context: PythonContext) {
    // TODO: not implemented yet
  },
});
