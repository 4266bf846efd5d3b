import { defineRule, type JsContext } from '../../../core/rule';

export default defineRule({
  meta: {
    id: 'chained-copies',
    family: 'javascript',
    description: 'Builds intermediate arrays that only feed the next step of a chain.',
    defaultLevel: 'information',
    fixable: 'mixed',
  },
  check(_context: JsContext) {
    // TODO: not implemented yet
  },
});
