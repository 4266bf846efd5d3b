import { defineRule, type JsContext } from '../../../core/rule';

export default defineRule({
  meta: {
    id: 'full-read-for-prefix',
    family: 'javascript',
    description: 'Reads a whole file only to look at its start.',
    defaultLevel: 'warning',
    fixable: 'safe',
  },
  check(_context: JsContext) {
    // TODO: not implemented yet
  },
});
