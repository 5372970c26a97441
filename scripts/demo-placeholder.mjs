// Stand-in for `pnpm demo` until the decision-loop example (examples/loan-approval) lands.
console.log("Parmana demo: the decision loop demo (a real decision, attested and verified) is coming.");
console.log("The primitives it stands on are built and tested: run `bash scripts/test.sh`.");
