#!/usr/bin/env bash
# Plans every sweep file of the reference study (RylanSchaeffer/KoyejoLab-Collapse-or-Thrive, sweeps/fit_*) with
# `collapse sweep plan`, unchanged: ./tests/reference-sweeps.sh DIR, where DIR holds the reference's sweeps/ folder
# (a clone of that repository). Prints one line per file and exits 1 if any file fails to plan.
# Not part of ./test: the files are not copied here (tests/CollapseLab.Tests/Sweeps/ReferenceShapes/ keeps one
# small copy of each shape); the result of the last run is recorded in docs/sweeps.md.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:?usage: tests/reference-sweeps.sh DIR (a clone of the reference repository)}"
failed=0 count=0
while IFS= read -r file; do
  count=$((count + 1))
  if out="$("$root/collapse" sweep plan "$file" 2>&1)"; then
    printf '%s\t%s\n' "${file#"$dir"/}" "$(head -1 <<<"$out" | sed 's/^.*: task/task/')"
  else
    failed=$((failed + 1))
    printf '%s\tFAILED: %s\n' "${file#"$dir"/}" "$out"
  fi
done < <(find "$dir/sweeps" -path '*/fit_*' -name '*.yaml' | sort)
echo "$((count - failed)) of $count reference sweep files plan unchanged"
[ "$failed" -eq 0 ]
