import { defineRule, type PythonContext } from '../../../core/rule';

export default defineRule({
  meta: {
    id: 'chained-copies',
    family: 'python',
    description: 'Builds a full intermediate collection that only feeds the next step.',
    defaultLevel: 'information',
    fixable: 'mixed',
  },
  check(_context: PythonContext) {
    // TODO: not implemented yet
  },
});
