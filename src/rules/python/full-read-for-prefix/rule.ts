import { defineRule, type PythonContext } from '../../../core/rule';

export default defineRule({
  meta: {
    id: 'full-read-for-prefix',
    family: 'python',
    description: 'Reads a whole file only to look at its start.',
    defaultLevel: 'warning',
    fixable: 'safe',
  },
  check(_context: PythonContext) {
    // TODO: not implemented yet
  },
});
