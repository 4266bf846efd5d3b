import { defineRule, type JsContext } from '../../../core/rule';

export default defineRule({
  meta: {
    id: 'readlines-for-tail',
    family: 'javascript',
    description: 'Reads a whole file and splits it into lines only to keep the last few.',
    defaultLevel: 'warning',
    fixable: 'safe',
  },
  check(_context: JsContext) {
    // TODO: not implemented yet
  },
});
