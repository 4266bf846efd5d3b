import { defineRule, type JsContext } from '../../../core/rule';

export default defineRule({
  meta: {
    id: 'accumulating-spread',
    family: 'javascript',
    description: 'Copies the accumulator on every step of a reduce (O(n²) time and garbage).',
    defaultLevel: 'warning',
    fixable: 'mixed',
  },
  check(_context: JsContext) {
    // TODO: not implemented yet
  },
});
