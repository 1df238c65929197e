// Node's modules for the suite in the web worker extension host, which has none: the tests that use
// them are marked Node-only (helpers.ts) and never run there, so any use is a mistake, said loudly.
module.exports = new Proxy(
  {},
  {
    get(_target, name) {
      if (name === '__esModule') return false;
      return () => {
        throw new Error(`'${String(name)}' is a Node API, which the web worker extension host does not have: mark the test Node-only`);
      };
    },
  },
);
