import { defineRule, type JsContext } from '../../../core/rule';

export default defineRule({
  meta: {
    id: 'whole-file-read',
    family: 'javascript',
    description: 'Reads a whole file into memory and then processes it line by line or searches it.',
    defaultLevel: 'warning',
    fixable: 'mixed',
  },
  check(_context: JsContext) {
    // TODO: not implemented yet
  },
});
