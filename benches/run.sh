#!/usr/bin/env bash
# Reproduces every number in BENCHMARKS.md, in one run on one machine:
#   benches/run.sh            (from a clean clone on 2 cores: ~19 minutes building the peers once, ~20 per run)
# Prints markdown; BENCHMARKS.md records one or more runs of it.
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
root=$(cd .. && pwd)
echo "# run $(date -u +%FT%TZ), commit $(git -C "$root" rev-parse --short HEAD)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB, rustc $(rustc --version | cut -d' ' -f2)"

echo; echo "## Agreement (every engine, native and JSON input, 20000 applicants)"; echo
cargo build -q --release --bins --benches
./target/release/regula-bench agree 20000

echo; echo "## Throughput, single thread, distinct seeded applicants, every answer checked"; echo
# A million applicants for hand-written Rust and Regula's generated code; the slower engines get
# 100,000 each so the whole run stays near half an hour (their per-decision cost is flat).
./target/release/regula-bench throughput 1000000 "hand-written,regula generated"
echo
./target/release/regula-bench throughput 100000 "interpreter,Cedar,zen,regorus,Rhai"

echo; echo "## Latency per decision (criterion medians)"
cargo bench -q --bench decisions -- --noplot > /dev/null
./target/release/regula-bench report target/criterion

echo; echo "## Regula tooling"; echo
cd "$root"
cargo build -q --release
best() { sort -n | head -1; }
for i in 1 2 3 4 5; do /usr/bin/time -f "%e %M" ./target/release/regula check policies 2>&1 >/dev/null | tail -1; done > /tmp/regula-check.txt
echo "- \`regula check policies\` (whole tree, release): best of 5 $(awk '{print $1}' /tmp/regula-check.txt | best) s, peak $(awk '{print $2}' /tmp/regula-check.txt | best) KB"
/usr/bin/time -f "%e %M" "$here/target/release/regula-bench" throughput 100000 "regula generated" > /dev/null 2> /tmp/regula-batch.txt
echo "- batch run (100,000 applicants × 3 rules through generated code, native and JSON; facts built in chunks of 2048): peak RSS $(tail -1 /tmp/regula-batch.txt | awk '{print $2}') KB"

# Builds in a scratch target directory so the numbers do not depend on what is cached.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"; git -C "$root" checkout -q -- policies/changchun/47.yaml' EXIT
start=$(date +%s.%N); CARGO_TARGET_DIR=$scratch cargo build -q --release -p regula-policies; end=$(date +%s.%N)
echo "- clean release build of regula-policies with all its dependencies: $(echo "$end - $start" | bc) s"
start=$(date +%s.%N); CARGO_TARGET_DIR=$scratch cargo build -q -p regula-policies; end=$(date +%s.%N)
echo "- clean debug build of regula-policies with all its dependencies: $(echo "$end - $start" | bc) s"
for profile in "--release" ""; do
  echo "  # bench: an edit" >> policies/changchun/47.yaml
  start=$(date +%s.%N); CARGO_TARGET_DIR=$scratch cargo build -q $profile -p regula-policies; end=$(date +%s.%N)
  git checkout -q -- policies/changchun/47.yaml
  echo "- rebuild of regula-policies after editing one YAML file (${profile:-debug}): $(echo "$end - $start" | bc) s"
done
