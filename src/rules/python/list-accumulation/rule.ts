import { defineRule, type PythonContext } from '../../../core/rule';

export default defineRule({
  meta: {
    id: 'list-accumulation',
    family: 'python',
    description: 'Appends every item of a loop to a list that is returned whole.',
    defaultLevel: 'information',
    fixable: 'unsafe',
  },
  check(_context: PythonContext) {
    // TODO: not implemented yet
  },
});
