#!/usr/bin/env bash
# `make audit`: the licences, bans and sources of every crate (cargo-deny, deny.toml), then the
# known vulnerabilities of the crates (RustSec) and of the npm packages the app ships.
#
# Both vulnerability databases live behind services this machine may not reach: RustSec's is
# a git repository on GitHub, and npm's audit is a POST to the registry that some mirrors
# refuse. When a database cannot be had, that check is reported as SKIPPED, loudly, and the
# others still run; a check that ran and found something fails the step.
set -euo pipefail
cd "$(dirname "$0")/.."

skipped=()

echo "--> cargo deny: licences, bans, sources"
cargo deny --locked check licenses bans sources

echo "--> cargo deny: RustSec advisories"
if fetch_log=$(cargo deny --locked fetch db 2>&1); then
    cargo deny --locked check advisories
else
    # git's own reason (no route to GitHub, say) is clearer than cargo-deny's summary of it.
    echo "$fetch_log" | grep -m1 '^fatal' || echo "$fetch_log" | tail -n 1
    skipped+=("RustSec advisories (the advisory database, a git repository on GitHub, could not be fetched)")
fi

echo "--> npm audit of the packages the app ships"
report=$(mktemp)
trap 'rm -f "$report"' EXIT
npm_status=0
npm audit --omit=dev --json >"$report" 2>/dev/null || npm_status=$?
# ok: no vulnerability; found: the audit ran and found some; else the request itself failed.
outcome=$(node -e '
    const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    const m = r.metadata;
    if (m === undefined) console.log(`unanswered ${r.message ?? "no answer"}`);
    else console.log(`${m.vulnerabilities.total === 0 ? "ok" : "found"} ` +
        `${m.dependencies.prod} packages, ${m.vulnerabilities.total} vulnerabilities`);
' "$report")
echo "npm audit: ${outcome#* }"
case "$outcome" in
    ok\ *) [ "$npm_status" -eq 0 ] ;;
    found\ *) npm audit --omit=dev || true; exit 1 ;;
    *) skipped+=("npm audit (the registry refused or did not answer the audit request)") ;;
esac

for check in "${skipped[@]}"; do
    echo "SKIPPED: $check; run make audit where it can be reached"
done
